"""`make bench`, generated documents: time per document (DOCX, PDF) and throughput with 2 worker processes.

1. Time per document, in this process (no queue, no database write): the bilingual agreement draft
   (Spanish and English, eleven articles) as DOCX and as PDF, and the other documents as PDF; two warm-up
   renders, then BENCH_DOC_RENDERS (default 20) each: median and p95.
2. Throughput: a PostgreSQL database of its own (BENCH_DOCUMENTS_DATABASE_URL, default cpd_bench_documents,
   dropped and migrated), a redis-server of its own on a free port, one `celery worker --concurrency 2`
   (prefork: two worker processes, the production settings, DEBUG off). Once the worker answers, 100
   working files ask for their agreement draft (DOCX + PDF: 200 documents) through the same service as the
   page; the clock stops when the last row is "done". Reported: documents per second and the time from the
   first request to the last document.
3. A table, and bench-results/documents-<time>.json.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
from bench.run import free_port  # noqa: E402  (the same helper as the registry benchmark)

PYTHON = str(BASE / ".venv" / "bin" / "python")
DATABASE_URL = os.environ.get(
    "BENCH_DOCUMENTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cpd_bench_documents"
)
RENDERS = int(os.environ.get("BENCH_DOC_RENDERS", "20"))
FILES = 100  # working files; two documents each (DOCX and PDF): 200 documents
WORKERS = 2


def log(message: str) -> None:
    print(f"[bench documents] {message}", flush=True)


def environment(redis_url: str, **extra: str) -> dict[str, str]:
    """The production settings module, DEBUG off, this benchmark's database and Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ciberparadiplomacia.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="0",
        HTTPS="0",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=redis_url,
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def recreate_database() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(admin)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def start_redis() -> tuple[subprocess.Popen, str, str]:
    server = shutil.which("redis-server")
    if not server:
        sys.exit("redis-server is needed (Debian: apt-get install redis-server)")
    port, workdir = free_port(), tempfile.mkdtemp(prefix="cpd-bench-redis-")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"redis://127.0.0.1:{port}/0", workdir


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
    }


def render_times() -> dict[str, dict]:
    from agreements import clauses
    from agreements.documents import agreement, docx, letters, pdf

    text = clauses.AgreementText(
        municipality="Oaxaca de Juárez",
        state="Oaxaca",
        counterpart="Gobierno de la Ciudad de Kioto",
        country_iso2="JP",
        country_es="Japón",
        objective="Promover el intercambio cultural y turístico entre ambas ciudades.",
        themes=["cultural", "turistica", "educativa"],
        modalities=["intercambio", "eventos", "capacitacion"],
        languages=["es", "en"],
        validity="plazo",
        years=5,
        committee=True,
        financing="disponibilidad",
        disputes="comun_acuerdo",
        signing_date=date(2027, 3, 15),
        signing_place="Oaxaca de Juárez",
    )
    people = {"liaison": ("Ana López", "Directora"), "contact": ("Hiroshi Tanaka", "International Affairs")}
    details = {
        "office": "Oficina de Asuntos Internacionales",
        "session_date": "2026-11-05",
        "votes_for": "10",
    }
    constancia = {
        "number": "RAI-2026-00001",
        "title": "Hermanamiento Oaxaca de Juárez–Kioto",
        "type": "Hermanamiento",
        "municipality": "Oaxaca de Juárez",
        "state": "Oaxaca",
        "counterpart": "Kioto",
        "country": "Japón",
        "registered_on": "2026-12-15",
    }
    cases = {
        "agreement draft, DOCX (es+en)": lambda: docx.render(agreement.build(text)),
        "agreement draft, PDF (es+en side by side)": lambda: pdf.render(agreement.build(text)),
        "carta de intención, PDF (es+en)": lambda: pdf.render(letters.carta(text, people)),
        "oficio to the DGCP, PDF": lambda: pdf.render(letters.oficio(text, details)),
        "constancia, PDF": lambda: pdf.render(letters.constancia(constancia)),
    }
    results = {}
    for label, render in cases.items():
        for _ in range(2):
            render()
        samples = []
        for _ in range(RENDERS):
            start = time.perf_counter()
            size = len(render())
            samples.append(time.perf_counter() - start)
        results[label] = {**summary(samples), "bytes": size}
        log(f"{label}: median {results[label]['median_ms']} ms, p95 {results[label]['p95_ms']} ms")
    return results


def start_worker(redis_url: str, media: str, log_file) -> subprocess.Popen:
    env = environment(redis_url, MEDIA_ROOT=media, PYTHONPATH=str(BASE))
    return subprocess.Popen(
        [PYTHON, "-m", "celery", "-A", "ciberparadiplomacia", "worker", "--pool", "prefork"]
        + ["--concurrency", str(WORKERS), "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
        cwd=BASE,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def throughput(redis_url: str) -> dict:
    from celery import Celery
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    from agreements.documents import services as document_services
    from agreements.models import GeneratedDocument, WorkingFile
    from municipalities.models import Municipality, State
    from partners.models import Country, PartnerCity
    from tests.factories import complete_step_answers

    call_command("migrate", verbosity=0)
    state = State.objects.create(code="20", name="Oaxaca", abbreviation="Oax.")
    town = Municipality.objects.create(cvegeo="20067", state=state, code="067", name="Oaxaca de Juárez")
    japan = Country.objects.create(iso2="JP", iso3="JPN", name_es="Japón", name_en="Japan")
    kyoto = PartnerCity.objects.create(name="Kioto", country=japan, population=1_460_000)
    user = get_user_model().objects.create_user("bench@example.org")
    from django.utils import timezone

    today = timezone.localdate()
    answers = complete_step_answers(
        city=kyoto,
        signing_date=(today + timedelta(days=60)).isoformat(),
        session_date=(today - timedelta(days=10)).isoformat(),
    )
    answers["texto"]["idiomas"] = ["es", "en"]
    files = []
    for n in range(FILES):
        file_answers = json.loads(json.dumps(answers))
        file_answers["objeto"]["objeto"] = f"Promover el intercambio cultural y turístico (proyecto {n + 1})."
        files.append(
            WorkingFile.objects.create(
                municipality=town, created_by=user, counterpart_name="Kioto", answers=file_answers
            )
        )
    connections.close_all()

    media = tempfile.mkdtemp(prefix="cpd-bench-media-")
    worker_log = tempfile.TemporaryFile()
    worker = start_worker(redis_url, media, worker_log)
    client = Celery("cpd-bench-client", broker=redis_url, backend=redis_url)
    try:
        deadline = time.monotonic() + 60
        while True:  # the worker answers a ping: it is consuming
            try:
                client.send_task("ciberparadiplomacia.ping").get(timeout=5)
                break
            except Exception:
                if time.monotonic() > deadline or worker.poll() is not None:
                    worker_log.seek(0)
                    sys.exit(
                        "the worker did not start:\n" + worker_log.read().decode(errors="replace")[-3000:]
                    )
        start = time.perf_counter()
        for wf in files:
            document_services.document_request(working_file=wf, kind="acuerdo", by=user)
        queued = time.perf_counter() - start
        total = FILES * 2
        while True:
            done = GeneratedDocument.objects.filter(status="done").count()
            failed = GeneratedDocument.objects.filter(status="failed").count()
            if done + failed >= total:
                break
            if time.perf_counter() - start > 600:
                sys.exit(f"only {done} of {total} documents after 600 s")
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        by_format = {
            fmt: GeneratedDocument.objects.filter(format=fmt, status="done").count()
            for fmt in ("docx", "pdf")
        }
        attempts = sorted(set(GeneratedDocument.objects.values_list("attempts", flat=True)))
    finally:
        client.close()
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        worker_log.close()
        shutil.rmtree(media, ignore_errors=True)
    result = {
        "documents": total,
        "done": done,
        "failed": failed,
        "by_format": by_format,
        "attempts_seen": attempts,
        "worker_processes": WORKERS,
        "seconds": round(elapsed, 2),
        "documents_per_second": round(done / elapsed, 1),
        "requests_queued_in_s": round(queued, 2),
    }
    log(
        f"{done} documents ({by_format}) in {elapsed:.1f} s with {WORKERS} worker processes: "
        f"{result['documents_per_second']} documents/s"
    )
    return result


def main() -> int:
    log(f"database {DATABASE_URL} (dropped and created), a redis-server of its own")
    recreate_database()
    redis, redis_url, redis_dir = start_redis()
    os.environ.clear()
    os.environ.update(environment(redis_url))
    import django

    django.setup()
    try:
        renders = render_times()
        queue = throughput(redis_url)
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(redis_dir, ignore_errors=True)
    print()
    print("Generated documents")
    print(f"{'document':48} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
    for label, row in renders.items():
        print(f"{label:48} {row['median_ms']:>10} {row['p95_ms']:>8} {row['bytes']:>8}")
    print(
        f"Throughput: {queue['done']} documents (DOCX + PDF of {FILES} agreement drafts) "
        f"in {queue['seconds']} s "
        f"with {WORKERS} worker processes = {queue['documents_per_second']} documents/s "
        f"(failed: {queue['failed']}, attempts per document: {queue['attempts_seen']})"
    )
    out = BASE / "bench-results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"documents-{stamp}.json"
    path.write_text(json.dumps({"renders": renders, "throughput": queue, "cpus": os.cpu_count()}, indent=1))
    log(f"written {path.relative_to(BASE)}")
    return 0 if queue["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
