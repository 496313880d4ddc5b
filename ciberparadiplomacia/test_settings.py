"""Settings for the test suite: the real settings module with a test key and fast, local pieces.

DATABASE_URL and REDIS_URL still choose PostgreSQL and Redis (that is how CI runs the suite on real
services). Celery stays eager here; the tests that need a real worker start one themselves.
"""

import os
import tempfile

# Set before the settings module reads the environment.
os.environ.setdefault("SECRET_KEY", "tests-only-key-" + "x" * 50)
os.environ["HTTPS"] = "0"

from ciberparadiplomacia.settings import *  # noqa: E402,F403
from ciberparadiplomacia.settings import CACHES, REDIS_URL  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: tests hash many passwords
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # tests serve static files from the finders, like runserver
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="cpd-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
if REDIS_URL:
    # Each xdist worker gets its own key space on the shared Redis.
    CACHES["default"]["KEY_PREFIX"] = f"cpd-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
DEMO_CREDENTIALS_FILE = os.path.join(tempfile.mkdtemp(prefix="cpd-test-var-"), "demo-credentials.txt")
# Live-server threads must not keep PostgreSQL connections open past a request: the test database could not be
# dropped at the end ("being accessed by other users").
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
