"""Settings for every environment, read from environment variables (django-environ).

With no environment at all this is the embedded default: SQLite under var/, Celery tasks run
eagerly in-process, files under var/media, e-mail to the console. Production is the same module
with DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=false and ALLOWED_HOSTS set (see README).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# ---------------------------------------------------------------- core
DEBUG = env.bool("DEBUG", default=False)
_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET)  # refused with DEBUG off: see the end
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "django_filters",
    "template_partials",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "captcha",  # django-simple-captcha: sign-in after CAPTCHA_AFTER_FAILURES wrong passwords
    "portal",
    "provinces",
    "agencies",
    "enterprises",
    "reports",
    "demo",  # seed_demo: may import every app, imported by none
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "portal.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
                "portal.security.expired_post.resubmit",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
# Embedded default: SQLite under var/. Production: DATABASE_URL=postgres://user:pass@host/db
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Write-ahead log: readers do not wait for a writer, and a commit appends to the log
    # instead of syncing the database file (synchronous=NORMAL is durable across a crash of
    # the portal; only a power cut may lose the last commits). IMMEDIATE transactions take the
    # write lock up front, so two gunicorn workers never deadlock upgrading a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

# ---------------------------------------------------------------- cache, Celery
REDIS_URL = env.str("REDIS_URL", default="")
# A dead or unreachable Redis must fail fast, never hang a request: short socket timeouts for
# the cache, the broker and the result store. No page needs the cache (sessions are in the
# database) and a job the broker refuses waits for portal.jobs.reconcile (tests/faults prove both).
REDIS_SOCKET_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 3}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_SOCKET_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Hard limit of the longest task (a national package); the broker's visibility timeout must
# be longer, or Redis hands a still-running task to a second worker.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=1800)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
# Several installations on one Redis (or tests running side by side) each take their own queue.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False  # a failed render marks its job failed, as in a worker
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 600
    ),
    # A killed worker's unacknowledged task goes back to the queue at most this long after its
    # visibility timeout (every worker sweeps; kombu's own default is about 100 s).
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=60),
    "unacked_restore_throttle": 1,
    **REDIS_SOCKET_OPTIONS,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_OPTIONS["socket_connect_timeout"]
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_SOCKET_OPTIONS["socket_timeout"]
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    },
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Shanghai"
# The daily deadline reminders (reports/reminders): 08:00 Beijing time, safe to run twice.
CELERY_BEAT_SCHEDULE: dict = {
    "deadline-reminders": {
        "task": "reports.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Notices users take as a daily digest (portal/notifications): one e-mail each, once.
    "notice-digest": {
        "task": "portal.send_notice_digest",
        "schedule": crontab(hour=8, minute=5),
    },
    # Document jobs the broker refused (Redis down) or lost: sent again (portal/jobs/reconcile.py).
    "document-jobs-reconcile": {
        "task": "portal.reconcile_document_jobs",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
}

# ---------------------------------------------------------------- files
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
_S3_BUCKET = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if _S3_BUCKET:
    # S3-compatible object storage (MinIO, OSS, COS...) so web and worker machines share files.
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
SPREADSHEET_MAX_BYTES = env.int("SPREADSHEET_MAX_BYTES", default=20 * 1024 * 1024)

# ---------------------------------------------------------------- e-mail
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="节能诊断服务平台 <noreply@localhost>")

# ---------------------------------------------------------------- SMS (portal/notifications/sms)
SMS_BACKEND = env.str("SMS_BACKEND", default="portal.notifications.sms.console.SmsBackend")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_KEY = env.str("SMS_GATEWAY_KEY", default="")
SMS_GATEWAY_SECRET = env.str("SMS_GATEWAY_SECRET", default="")
SMS_GATEWAY_SIGN_NAME = env.str("SMS_GATEWAY_SIGN_NAME", default="节能诊断服务平台")
SMS_GATEWAY_TEMPLATE_ID = env.str("SMS_GATEWAY_TEMPLATE_ID", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=5.0)

# ---------------------------------------------------------------- accounts (docs/accounts.md)
# An invitation link works once, for this many hours; a resend makes a new link.
INVITATION_TTL_HOURS = env.int("INVITATION_TTL_HOURS", default=72)
# A "忘记密码" link works once, for this many seconds (Django's token-based reset).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
# Reset requests allowed per client address and per e-mail address within an hour.
PASSWORD_RESET_PER_HOUR = env.int("PASSWORD_RESET_PER_HOUR", default=5)

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Thousands separators every three digits in Chinese too (portal/formats/zh_Hans). Only figures
# that ask for grouping get them (the `number` filter): ids, years and form inputs never do.
FORMAT_MODULE_PATH = ["portal.formats"]
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- auth and security
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.security.backends.TenantModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Lock out a username from one address only: colleagues behind a shared provincial IP keep access.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Wrong passwords (per user name and address, axes' count) after which sign-in, in the browser
# and at POST /api/v1/auth/token/, asks for a CAPTCHA too (portal/security/captcha.py); 0: never.
CAPTCHA_AFTER_FAILURES = env.int("CAPTCHA_AFTER_FAILURES", default=3)
CAPTCHA_TIMEOUT = 5  # minutes a challenge stays valid
CAPTCHA_LENGTH = 4
CAPTCHA_FONT_SIZE = 36  # readable on the sign-in card (the default 22 is tiny)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# The client address from REMOTE_ADDR, or X-Forwarded-For as appended by PROXY_COUNT trusted
# proxies (never the client-supplied part); the audit log uses the same function.
AXES_CLIENT_IP_CALLABLE = "portal.security.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"

# Two-factor login (django-otp): a session that owes its second factor opens nothing else.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "portal.security.middleware.TwoFactorMiddleware",
)
OTP_TOTP_ISSUER = "工业节能诊断服务平台"

SESSION_COOKIE_AGE = 8 * 3600  # a working day; the cookie also ends with the browser
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: no inline script or style; htmx and charts are served from static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# ---------------------------------------------------------------- 等保 level-3 controls
# (GB/T 22239-2019; docs/security.md "Security controls (等保 2.0)"; portal/security/). One block so the
# values a security review asks about are read in one place.
# Passwords: character classes and no reuse of the last PASSWORD_HISTORY_COUNT passwords, on
# every change path; after PASSWORD_MAX_AGE_DAYS (0 = never) sign-in leads to the change page.
PASSWORD_HISTORY_COUNT = env.int("PASSWORD_HISTORY_COUNT", default=5)
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "portal.security.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {
        "NAME": "portal.security.passwords.PasswordHistoryValidator",
        "OPTIONS": {"count": PASSWORD_HISTORY_COUNT},
    },
]
# Idle sessions end after these minutes without a request (ministry staff; everyone else),
# besides the absolute SESSION_COOKIE_AGE after sign-in.
SESSION_IDLE_MINUTES_STAFF = env.int("SESSION_IDLE_MINUTES_STAFF", default=30)
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=120)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "portal.security.sessions.SessionPolicyMiddleware",
)
# A form sent after the session ended goes back to its page after sign-in, with its values.
MIDDLEWARE.insert(
    MIDDLEWARE.index("portal.security.sessions.SessionPolicyMiddleware") + 1,
    "portal.security.expired_post.ExpiredPostMiddleware",
)
# Refusals (403) and file downloads are written to the audit log for every page and API call.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "portal.security.audit_events.AuditResponseMiddleware",
)
# The audit log is kept at least 180 days (a system check refuses less); the daily purge
# deletes only older records, and is itself recorded. 0 would mean "never purge": refused too,
# set AUDIT_PURGE=false to keep everything.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=180)
AUDIT_PURGE = env.bool("AUDIT_PURGE", default=True)
if AUDIT_PURGE:
    CELERY_BEAT_SCHEDULE["audit-log-purge"] = {
        "task": "portal.audit_purge",
        "schedule": crontab(hour=3, minute=30),
    }

# ---------------------------------------------------------------- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "portal.security.token_auth.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "工业节能诊断服务平台 API",
    "DESCRIPTION": "Industrial energy-saving diagnosis programme portal, REST API v1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a "state" or "kind" field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "JobStateEnum": "portal.choices.JobState",
        "DocumentKindEnum": "portal.choices.DocumentKind",
        "RoleEnum": "portal.choices.Role",
        "OrganizerKindEnum": "provinces.choices.OrganizerKind",
        "SubmissionStateEnum": "provinces.choices.SubmissionState",
        "TaskStateEnum": "enterprises.choices.TaskState",
        "LetterStateEnum": "enterprises.choices.LetterState",
        "MeasureStateEnum": "reports.choices.MeasureState",
        "MeasureKindEnum": "reports.choices.MeasureKind",
        "NoticeKindEnum": "portal.notifications.kinds.NoticeKind",
        "BenchmarkKindEnum": "reports.models.benchmarking.BenchmarkKind",
        "BenchmarkLevelEnum": "reports.models.benchmarking.BenchmarkLevel",
    },
}

# ---------------------------------------------------------------- logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# ---------------------------------------------------------------- issue 11: API tokens,
# production guards and request size caps (items 4 and 7, kept together in this one block)

# API tokens (django-rest-knox, hashed, one row per token): `Authorization: Token <key>`.
# A token lives API_TOKEN_TTL_HOURS; each successful POST /api/v1/auth/token/ issues a new one,
# and a user keeps at most API_TOKEN_LIMIT_PER_USER (the oldest is revoked to make room).
KNOX_TOKEN_MODEL = "portal.ApiToken"  # noqa: S105 (a model name)
# knox's own migrations create its default token table even though portal.ApiToken replaces it
# (the model is swapped); that table's foreign key to users then blocks TRUNCATE on PostgreSQL.
# Treated as unmigrated, knox gets no table for its swapped-out model.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_TTL_HOURS = env.float("API_TOKEN_TTL_HOURS", default=8)
API_TOKEN_LIMIT_PER_USER = env.int("API_TOKEN_LIMIT_PER_USER", default=10)
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(hours=API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# Production refuses to start on a public or missing key: the development key is in this file,
# the placeholder in .env.example. Every process that imports the settings (manage.py, gunicorn,
# Celery workers and beat) stops here with the reason.
_PUBLIC_SECRETS = {_DEV_SECRET, "change-me-to-a-long-random-string"}
SECRET_KEY_MIN_LENGTH = 50  # what `check --deploy` (security.W009) asks for
if not DEBUG and (SECRET_KEY in _PUBLIC_SECRETS or len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing, public (the development key or the .env.example placeholder) "
        f"or shorter than {SECRET_KEY_MIN_LENGTH} characters, and DEBUG is off. Set SECRET_KEY "
        "to a long random string (python -c 'import secrets; print(secrets.token_urlsafe(64))'), "
        "or DEBUG=true for development."
    )

# Request bodies. Form and JSON bodies are held in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE
# (Django refuses larger ones); uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a
# temporary file. A multipart body larger than REQUEST_MAX_BYTES (the largest allowed upload
# plus room for the other fields) is refused with 413 from its Content-Length, before any of it
# is read (portal.security.body_size). The reverse proxy caps the same size first (README).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
REQUEST_MAX_BYTES = env.int(
    "REQUEST_MAX_BYTES", default=max(UPLOAD_MAX_BYTES, SPREADSHEET_MAX_BYTES) + 1024 * 1024
)
MIDDLEWARE.insert(0, "portal.security.body_size.RequestSizeLimitMiddleware")

# ---------------------------------------------------------------- issue 16: watching it run,
# backup and restore (docs/operations.md)
# /healthz, /readyz and /metrics are answered first, before host validation and the HTTPS
# redirect (portal/health.py); request metrics by django-prometheus around everything else.
MIDDLEWARE = [
    "portal.health.HealthMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# Who may read /metrics: clients in these networks and, when set, with this bearer token.
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.1/32", "::1/128"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# A Celery worker's own metrics endpoint (0 = none); PROMETHEUS_MULTIPROC_DIR for prefork.
WORKER_METRICS_PORT = env.int("WORKER_METRICS_PORT", default=0)
WORKER_METRICS_ADDR = env.str("WORKER_METRICS_ADDR", default="0.0.0.0")  # noqa: S104
# Backups (portal/backup.py): where, how many to keep, and the oldest age kept.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
BACKUP_MAX_AGE_DAYS = env.int("BACKUP_MAX_AGE_DAYS", default=35)

# The register of measures: the public statistics never show a group of fewer enterprises.
REGISTER_MIN_GROUP = env.int("REGISTER_MIN_GROUP", default=5)
