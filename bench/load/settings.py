"""Settings of the gunicorn the load benches start: the portal's, plus the bench's bare views.

Only the bench loads this module (DJANGO_SETTINGS_MODULE=bench.load.settings). The URLconf
adds /bench/… views next to every portal URL; nothing else differs from production.
"""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import LOGGING

ROOT_URLCONF = "bench.load.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Plain HTTP on localhost: no redirect to HTTPS, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
