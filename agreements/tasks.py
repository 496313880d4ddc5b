"""The agreements app's Celery tasks, for autodiscovery (Celery imports `<app>.tasks`): each lives in the
sub-package whose service it runs. Task names ("agreements.<verb>") do not change when a module moves."""

from agreements.documents.tasks import generate_document, sweep_documents
from agreements.reminders.tasks import send_due_reminders

__all__ = ["generate_document", "send_due_reminders", "sweep_documents"]
