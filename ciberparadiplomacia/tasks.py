"""Site-wide Celery tasks."""

from celery import shared_task


@shared_task(name="ciberparadiplomacia.ping")
def ping() -> str:
    """A no-op round trip: proves a worker is consuming the queue (monitoring, tests)."""
    return "pong"
