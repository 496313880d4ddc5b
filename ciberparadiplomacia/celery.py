import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ciberparadiplomacia.settings")

app = Celery("ciberparadiplomacia")
# Every Celery setting lives in Django's settings under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
