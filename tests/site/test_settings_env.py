"""Settings from the environment: each case imports them in a new process with a controlled environment."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parents[2]
LONG_KEY = "k" * 60
# Every variable the settings read: removed from the inherited environment so each case starts from nothing.
SETTINGS_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "CELERY_TASK_ALWAYS_EAGER",
    "CELERY_VISIBILITY_TIMEOUT",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "MEDIA_ROOT",
    "HTTPS",
    "SECURE_HSTS_SECONDS",
    "BEHIND_PROXY",
    "API_ANON_RATE",
    "LOG_LEVEL",
    "DEMO_CREDENTIALS_FILE",
]

# Prints the settings the tests look at, as JSON, after a full django.setup().
PROBE = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "debug": s.DEBUG,
    "engine": db["ENGINE"],
    "conn_max_age": db.get("CONN_MAX_AGE"),
    "conn_health_checks": db.get("CONN_HEALTH_CHECKS"),
    "cache_backend": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "broker": s.CELERY_BROKER_URL,
    "email_backend": s.EMAIL_BACKEND,
    "email_host": getattr(s, "EMAIL_HOST", None),
    "email_port": getattr(s, "EMAIL_PORT", None),
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "hsts": s.SECURE_HSTS_SECONDS,
}))
"""


def run_settings(**variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="ciberparadiplomacia.settings", PYTHONPATH=str(BASE_DIR), **variables)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def settings_from(**variables: str) -> dict:
    result = run_settings(**variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("key", [None, "too-short-" + "x" * 30], ids=["missing", "short"])
def test_settings_without_debug_refuse_a_missing_or_short_key(key):
    variables = {"DEBUG": "0"}
    if key is not None:
        variables["SECRET_KEY"] = key
    result = run_settings(**variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is missing or shorter than 50 characters" in result.stderr


def test_settings_with_debug_start_without_a_key():
    values = settings_from(DEBUG="1")
    assert values["debug"] is True
    # Local HTTP development: no HTTPS redirect, no HSTS.
    assert (values["ssl_redirect"], values["hsts"]) == (False, 0)


def test_settings_with_nothing_set_use_embedded_services():
    values = settings_from(SECRET_KEY=LONG_KEY)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["cache_backend"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["eager"] is True
    assert values["broker"] == "memory://"
    assert values["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    # DEBUG off means production: HTTPS on unless said otherwise.
    assert values["debug"] is False
    assert (values["ssl_redirect"], values["hsts"]) == (True, 31536000)


def test_settings_database_url_selects_postgresql_with_persistent_connections():
    values = settings_from(SECRET_KEY=LONG_KEY, DATABASE_URL="postgres://cpd:secret@db.internal:5432/cpd")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["conn_max_age"] == 60
    assert values["conn_health_checks"] is True


def test_settings_conn_max_age_is_configurable():
    values = settings_from(
        SECRET_KEY=LONG_KEY, DATABASE_URL="postgres://cpd@db.internal/cpd", CONN_MAX_AGE="5"
    )
    assert values["conn_max_age"] == 5


def test_settings_redis_url_selects_redis_cache_and_a_real_broker():
    url = "redis://redis.internal:6379/0"
    values = settings_from(SECRET_KEY=LONG_KEY, REDIS_URL=url)
    assert values["cache_backend"] == "django_redis.cache.RedisCache"
    # The cache lives in its own Redis database: clearing it can never drop the broker's queued tasks.
    assert values["cache_location"] == "redis://redis.internal:6379/1"
    assert values["eager"] is False
    assert values["broker"] == url


def test_settings_email_url_selects_smtp():
    values = settings_from(SECRET_KEY=LONG_KEY, EMAIL_URL="smtp://user:pw@mail.internal:2525")
    assert values["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["email_host"], values["email_port"]) == ("mail.internal", 2525)


def closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_home_page_survives_a_redis_outage(client):
    redis_down = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    with override_settings(CACHES=redis_down):
        # The setting_changed signal drops the cached connections: this is the unreachable Redis.
        assert type(caches["default"]).__name__ == "RedisCache"
        response = client.get("/")
    assert response.status_code == 200
    assert "Los municipios de México, conectados con el mundo" in response.content.decode()
