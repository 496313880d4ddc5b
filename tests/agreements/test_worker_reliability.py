"""A worker killed in the middle of a document: the task is redelivered and the document stored exactly once.

No eager mode and no mocks of Celery or Redis: the test starts its own redis-server on a free port
(tests/site/test_celery_worker.py) and real `celery worker` subprocesses on the test database, which they
reach through DATABASE_URL (PostgreSQL: a transactional test commits its rows, so another process sees
them). The first worker claims the document; when its row says "running" the test kills the worker's whole
process group with SIGKILL, starts a second worker, and waits: Redis hands the unacknowledged message out
again after the (short, for the test) visibility timeout, the new worker takes over the abandoned claim, and
the row ends "done" after two attempts with one file on disk.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from agreements.documents import kinds
from agreements.documents.data import data_hash
from agreements.models import GeneratedDocument
from tests.conftest import require
from tests.factories import MunicipalityFactory, PartnerCityFactory, complete_file, official
from tests.site.test_celery_worker import redis_url, stop  # noqa: F401 (fixture)

BASE_DIR = Path(__file__).resolve().parents[2]
Status = GeneratedDocument.Status


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(redis: str, media: str, log) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PYTEST_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ciberparadiplomacia.settings",
        SECRET_KEY="worker-test-key-" + "x" * 50,
        DEBUG="0",
        REDIS_URL=redis,
        DATABASE_URL=database_url(),
        MEDIA_ROOT=media,
        PYTHONPATH=str(BASE_DIR),
        # Short for the test: Redis redelivers an unacknowledged message after 2 s, workers look for such
        # messages every second, and a claim older than 2 s counts as abandoned.
        CELERY_VISIBILITY_TIMEOUT="2",
        CELERY_UNACKED_RESTORE_INTERVAL="1",
        CELERY_UNACKED_RESTORE_THROTTLE="1",
        DOCUMENT_STALE_AFTER="2",
        # A window in which to kill the worker while the row says "running".
        DOCUMENT_DELAY_SECONDS="6",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ciberparadiplomacia", "worker", "--pool", "prefork"]
        + ["--concurrency", "1", "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
        + ["--without-heartbeat"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the pool's children die with it
    )


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_killed_worker_document_is_redelivered_and_stored_once(redis_url):  # noqa: F811
    require(
        connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://…) for the worker subprocess"
    )
    town = MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")
    wf = complete_file(town, titular=official(town), city=PartnerCityFactory(name="Kioto"))
    # The pending row as document_request() writes it; its task goes to the real broker below (queuing
    # through the service would run it eagerly in this process, the test settings' mode).
    payload = kinds.KINDS["acuerdo"].gather(wf)
    document = GeneratedDocument.objects.create(
        working_file=wf,
        kind="acuerdo",
        format="pdf",
        version=1,
        data=payload,
        data_hash=data_hash("acuerdo", payload),
    )
    media = tempfile.mkdtemp(prefix="cpd-test-worker-media-")
    logs = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
    workers = [start_worker(redis_url, media, logs[0])]
    # set_as_current=False: the project app must stay current for the tests that run after this one.
    client = Celery("cpd-test-client", broker=redis_url, set_as_current=False)
    client.conf.broker_connection_retry_on_startup = True
    try:
        client.send_task("agreements.generate_document", kwargs={"document_id": document.pk})

        def row():
            document.refresh_from_db()
            return document

        wait_for(lambda: row().status == Status.RUNNING, 60, "the first worker to claim the document")
        assert (document.attempts, document.file.name) == (1, "")
        os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and its pool child, mid-task
        workers[0].wait(timeout=10)
        assert row().status == Status.RUNNING  # the dead worker's claim is all that is left

        workers.append(start_worker(redis_url, media, logs[1]))
        wait_for(lambda: row().status == Status.DONE, 90, "the second worker to finish the document")

        assert GeneratedDocument.objects.count() == 1
        assert (document.status, document.attempts, document.error) == (Status.DONE, 2, "")
        folder = Path(media) / "documentos" / str(wf.pk) / str(document.pk)
        assert sorted(p.name for p in folder.iterdir()) == ["2.pdf"]
        assert document.file.name == f"documentos/{wf.pk}/{document.pk}/2.pdf"
        assert (folder / "2.pdf").read_bytes()[:5] == b"%PDF-"
        assert sum(1 for p in (Path(media) / "documentos").rglob("*") if p.is_file()) == 1
    finally:
        client.close()
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
            stop(worker)
        for log in logs:
            log.seek(0)
            print(log.read().decode(errors="replace")[-3000:])  # shown by pytest only if the test failed
            log.close()
