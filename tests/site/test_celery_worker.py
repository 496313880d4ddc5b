"""A real Celery round trip: broker, worker process, result backend, no eager mode.

The test starts its own redis-server on a free port (never the shared one: stopping that loses what is
queued) and a `celery -A ciberparadiplomacia worker` with the production settings module.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery

from tests.conftest import require

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate, then kill; wait() reaps it, so no zombie is left behind."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@pytest.fixture
def redis_url() -> Iterator[str]:
    server = shutil.which("redis-server")
    require(bool(server), "redis-server")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="cpd-test-redis-")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert process.poll() is None, "redis-server exited at start"
                assert time.monotonic() < deadline, "redis-server did not answer within 10 s"
                time.sleep(0.05)
        client.close()
        yield url
    finally:
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def worker(redis_url: str) -> Iterator[subprocess.Popen]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ciberparadiplomacia.settings",
        SECRET_KEY="worker-test-key-" + "x" * 50,
        DEBUG="0",
        REDIS_URL=redis_url,
        PYTHONPATH=str(BASE_DIR),
    )
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ciberparadiplomacia", "worker", "--pool", "solo"]
        + ["--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # warm shutdown of the worker and anything it started
        stop(process)
        log.seek(0)
        print(log.read().decode(errors="replace")[-4000:])  # shown by pytest only if the test failed
        log.close()


def test_celery_worker_answers_ping_through_redis(redis_url, worker):
    # set_as_current=False: the project app must stay current for the tests that run after this one.
    client = Celery("cpd-test-client", broker=redis_url, backend=redis_url, set_as_current=False)
    client.conf.broker_connection_retry_on_startup = True
    try:
        result = client.send_task("ciberparadiplomacia.ping")
        # disable_sync_subtasks=False: an earlier test in this xdist process may have run a task in-process,
        # which leaves Celery's "inside a task" flag set; this test is a client, never inside a task.
        assert result.get(timeout=60, disable_sync_subtasks=False) == "pong"
        assert result.status == "SUCCESS"
    finally:
        client.close()
    assert worker.poll() is None, "the worker exited during the test"
