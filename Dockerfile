# One image for the web server, the Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF documents) needs Pango and fonts: DejaVu, and Noto Color Emoji for the emoji officials type.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Requirements first: the dependency layer is rebuilt only when requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# The settings refuse to load without a long SECRET_KEY when DEBUG is off: a throwaway key, for this step
# only (it is not in the image's environment). Whitenoise's compressed, hashed files land in /app/staticfiles.
RUN SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --noinput --verbosity 0

# Run as an unprivileged user; only the media folder and var/ (beat's schedule) are writable.
RUN useradd --system --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/media /app/var \
    && chown app:app /app/media /app/var
USER app

ENV MEDIA_ROOT=/app/media
EXPOSE 8000
# Worker processes: gunicorn reads WEB_CONCURRENCY (default 1); compose sets it.
CMD ["gunicorn", "ciberparadiplomacia.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "60"]
