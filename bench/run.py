"""`make bench`: throughput and latency of the public registry on 100,000 synthetic agreements.

1. A PostgreSQL database of its own (BENCH_DATABASE_URL, default cpd_bench), migrated, with the catalogues
   and 100,000 agreements of source `synthetic` (BENCH_REUSE=1 keeps a database that already has them).
2. gunicorn, 2 sync workers, DEBUG off, HTTPS off, a generated SECRET_KEY, static files collected into a
   temporary STATIC_ROOT, Redis as the cache (as in production), anonymous API throttling lifted.
3. For each endpoint of the issue: one request that fills the cache (its time is "first request": a cold
   worker); wrk (BENCH_CONNECTIONS=8 connections, BENCH_SECONDS=10 s) on a raw WSGI hello-world served the
   same way (the ceiling of this machine at that moment), then on the endpoint; five requests with
   filters nobody asked for yet ("uncached, warm": the median). Then the uncached statistics queries
   against the same aggregates in raw SQL.
4. A table with req/s, p50, p95 and the ratio to the ceiling, the targets, and bench-results/<time>.json.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

BASE = Path(__file__).resolve().parent.parent
PYTHON = str(BASE / ".venv" / "bin" / "python")
GUNICORN = str(BASE / ".venv" / "bin" / "gunicorn")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cpd_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
COUNT = int(os.environ.get("BENCH_COUNT", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
REUSE = os.environ.get("BENCH_REUSE") == "1"
# (label, path, extra wrk header). A visitor without cookies gets the page cached whole; one with a cookie
# (session, CSRF, messages) gets a frame rendered around the cached body: both are measured.
ENDPOINTS = [
    ("/registro/ (search + 2 filters)", "/registro/?q=hermanamiento&state=14&country=US", None),
    (
        "/registro/ (same, with a cookie; for information)",
        "/registro/?q=hermanamiento&state=14&country=US",
        "Cookie: csrftoken=benchmarkbenchmarkbenchmarkbench",
    ),
    ("/estadisticas/", "/estadisticas/", None),
    ("/api/v1/agreements/?country=US", "/api/v1/agreements/?country=US", None),
    ("/api/v1/stats/by-state/", "/api/v1/stats/by-state/", None),
]
TARGET_P95_MS = 150
TARGET_RATIO = 0.10  # for the registry page and the statistics page


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "cpd-bench",
        "API_ANON_RATE": "100000000/minute",  # wrk is one client: throttling would measure only 429s
        "BENCH_STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(env: dict) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and REUSE:
            count = int(manage(env, "shell", "-v", "0", "-c", SYNTHETIC_COUNT).split()[-1])
            if count >= COUNT:
                log(f"Reusing {name}: {count:,} synthetic agreements.")
                admin.close()
                manage(env, "migrate", "--noinput", "-v", "0")
                return
        log(f"Creating the database {name}…")
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    manage(env, "migrate", "--noinput", "-v", "0")
    log("Loading the catalogues (states, municipalities, countries, cities)…")
    manage(env, "load_catalogs")
    log(f"Generating {COUNT:,} synthetic agreements…")
    started = time.monotonic()
    manage(env, "registry_synthetic", "--count", str(COUNT))
    log(f"… done in {time.monotonic() - started:.0f} s.")


SYNTHETIC_COUNT = (
    "from agreements.models import Agreement; print(Agreement.objects.filter(source='synthetic').count())"
)


def start(app: str, port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [GUNICORN, app, "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=BASE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"gunicorn {app} did not start on port {port}")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers or {}), timeout=60
        ) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def wrk(url: str, header: str | None = None) -> dict:
    extra = ["-H", header] if header else []
    result = subprocess.run(
        [
            "wrk", f"-t{min(2, CONNECTIONS)}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s",
            "-s", str(BASE / "bench" / "percentiles.lua"), *extra, url,
        ],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"BENCH (.*)", result.stdout)
    if not found:
        sys.exit(f"wrk printed no summary:\n{result.stdout}\n{result.stderr}")
    values = dict(item.split("=") for item in found.group(1).split())
    seconds = int(values["duration_us"]) / 1e6
    return {
        "rps": round(int(values["requests"]) / seconds, 1),
        "p50_ms": round(int(values["p50_us"]) / 1000, 1),
        "p95_ms": round(int(values["p95_us"]) / 1000, 1),
        "non2xx": int(values["non2xx"]),
        "errors": int(values["errors"]),
    }


def clear_bench_cache() -> None:
    import redis

    parts = urlsplit(REDIS_URL)
    client = redis.Redis(host=parts.hostname, port=parts.port or 6379, db=1)
    for key in client.scan_iter("cpd-bench:*"):
        client.delete(key)


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: sudo apt-get install -y wrk")
    static_root = tempfile.mkdtemp(prefix="cpd-bench-static-")
    env = environment(static_root)
    prepare_database(env)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    clear_bench_cache()
    portal_port, hello_port = free_port(), free_port()
    portal = start("ciberparadiplomacia.wsgi:application", portal_port, env)
    hello = start("bench.hello:application", hello_port, env)
    rows = []
    try:
        log(f"wrk: {CONNECTIONS} connections, {SECONDS} s per endpoint, gunicorn 2 workers each.")
        ceilings = []
        for index, (name, path, header) in enumerate(ENDPOINTS):
            url = f"http://127.0.0.1:{portal_port}{path}"
            status, first_ms = fetch(url)  # the one uncached request: it fills the cache
            if status != 200:
                sys.exit(f"{path} answered {status}")
            # The ceiling is measured right before each endpoint: on a shared machine the load drifts, and
            # a ratio against a ceiling taken minutes earlier would measure the neighbours, not the portal.
            ceiling = wrk(f"http://127.0.0.1:{hello_port}/")
            ceilings.append(ceiling)
            measured = wrk(url, header)
            # Uncached again, in warm workers: the same request with a filter no one asked for yet.
            separator = "&" if "?" in url else "?"
            headers = dict([header.split(": ", 1)]) if header else {}
            fresh = sorted(
                fetch(f"{url}{separator}year_from={1900 + 10 * index + n}", headers)[1] for n in range(1, 6)
            )
            rows.append(
                {
                    "name": name,
                    "path": path,
                    "first_ms": round(first_ms, 1),
                    "uncached_ms": round(fresh[2], 1),
                    "ceiling_rps": ceiling["rps"],
                    **measured,
                }
            )
        middle = sorted(ceilings, key=lambda c: c["rps"])[len(ceilings) // 2]
        rows.insert(
            0,
            {
                "name": "raw WSGI hello-world (ceiling, median)",
                "path": "/",
                "first_ms": None,
                "uncached_ms": None,
                "ceiling_rps": middle["rps"],
                **middle,
            },
        )
    finally:
        stop(portal)
        stop(hello)
        shutil.rmtree(static_root, ignore_errors=True)
    log("Timing the uncached statistics queries against raw SQL…")
    timing = json.loads(
        subprocess.run(
            [PYTHON, "-m", "bench.query_timing"],
            cwd=BASE,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    report(rows, timing)


def report(rows: list[dict], timing: dict) -> None:
    lines = [
        "",
        "| endpoint | req/s | p50 ms | p95 ms | ceiling req/s (just before) | ratio | first request ms "
        "| uncached, warm ms | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failures = []
    for row in rows:
        row["ratio"] = round(row["rps"] / row["ceiling_rps"], 3)
        first = "—" if row["first_ms"] is None else f"{row['first_ms']:.0f}"
        uncached = "—" if row["uncached_ms"] is None else f"{row['uncached_ms']:.0f}"
        lines.append(
            f"| {row['name']} | {row['rps']:,.0f} | {row['p50_ms']} | {row['p95_ms']} "
            f"| {row['ceiling_rps']:,.0f} | {row['ratio']:.3f} | {first} | {uncached} "
            f"| {row['non2xx'] + row['errors']} |"
        )
        if row["first_ms"] is not None:
            if row["p95_ms"] > TARGET_P95_MS:
                failures.append(f"{row['name']}: p95 {row['p95_ms']} ms > {TARGET_P95_MS} ms")
            informative = "cookie" in row["name"]  # the target is the page as a visitor first gets it
            if (
                row["path"].startswith(("/registro/", "/estadisticas/"))
                and not informative
                and row["ratio"] < TARGET_RATIO
            ):
                failures.append(f"{row['name']}: ratio {row['ratio']} < {TARGET_RATIO}")
            if row["non2xx"] or row["errors"]:
                failures.append(f"{row['name']}: {row['non2xx']} non-2xx answers, {row['errors']} errors")
    lines += [
        "",
        "| uncached statistic | selector ms | raw SQL ms | limit (3 × raw + 20) ms |",
        "|---|---:|---:|---:|",
    ]
    for name, times in timing.items():
        if times["raw_ms"] is None:
            lines.append(f"| {name} | {times['selector_ms']} | — | — |")
            continue
        limit = round(3 * times["raw_ms"] + 20, 1)
        lines.append(f"| {name} | {times['selector_ms']} | {times['raw_ms']} | {limit} |")
        if times["selector_ms"] > limit:
            failures.append(f"statistic {name}: {times['selector_ms']} ms > {limit} ms")
    lines.append("")
    lines.append("Targets met." if not failures else "Targets missed:\n  " + "\n  ".join(failures))
    print("\n".join(lines))
    results = BASE / "bench-results"
    results.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {"when": stamp, "connections": CONNECTIONS, "seconds": SECONDS, "count": COUNT, "rows": rows,
               "queries": timing, "failures": failures}  # fmt: skip
    (results / f"{stamp}.json").write_text(json.dumps(payload, indent=1))
    (results / f"{stamp}.md").write_text("\n".join(lines) + "\n")
    log(f"Saved bench-results/{stamp}.json and .md")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
