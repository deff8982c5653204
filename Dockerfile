# One image for web, worker and beat; docker-compose.yml chooses the command.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=portal.settings.base
RUN apt-get update && apt-get install -y --no-install-recommends \
      fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libpangocairo-1.0-0 \
      libharfbuzz-subset0 \
      postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
# A throw-away key for this step only: the settings refuse to load without a real one.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --noinput
# postgresql-client: pg_dump and pg_restore of `manage.py backup` / `restore` (docs/operations.md).
RUN useradd --system --home /app portal \
    && mkdir -p /app/var/media /app/var/backups /tmp/prometheus \
    && chown -R portal /app/var /tmp/prometheus
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--config", "gunicorn.conf.py"]
