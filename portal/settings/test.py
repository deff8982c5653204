"""Test settings: the base settings with fast hashing and an in-memory e-mail outbox.

DATABASE_URL and REDIS_URL, when set, still choose PostgreSQL and Redis: `make test` runs the
same suite on the embedded default and on the production services.
"""

import os
import tempfile
from pathlib import Path

# The base settings refuse to load without a real key when DEBUG is off (as the tests run).
TEST_SECRET_KEY = "test-only-secret-key-not-for-production-0123456789-abcdefghij"
os.environ.setdefault("SECRET_KEY", TEST_SECRET_KEY)

from .base import *  # noqa: E402, F403
from .base import REDIS_URL, env  # noqa: E402

SECRET_KEY = TEST_SECRET_KEY
DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "portal.notifications.sms.locmem.SmsBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Unit tests run tasks in-process; integration tests start a real worker against REDIS_URL.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}
