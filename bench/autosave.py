"""The wizard's autosave: time per save, as the browser's fetch makes it (issue 4: "nothing typed is lost").

    DATABASE_URL=postgres://… .venv/bin/python bench/autosave.py [--saves N]

The database must hold the demo data (`manage.py load_catalogs` and `load_demo`). In one process, through
Django's test client (the whole middleware stack, sessions, CSRF, the view and the service; no network), the
demo official of Oaxaca de Juárez types into step 1 of a new working file: every save posts the step with
`Accept: application/json` and the version the previous save returned, as static/js/wizard.js does. The
working file is deleted afterwards, so the demo data stays as it was.

Prints median, p95 and max, and writes bench-results/autosave-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ciberparadiplomacia.settings")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))  # settings refuse to start without one
os.environ.setdefault("HTTPS", "0")  # the test client speaks plain HTTP: no redirect to https://
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import Membership  # noqa: E402
from agreements.steps import services  # noqa: E402

OAXACA = "20067"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    memberships = Membership.objects.select_related("user", "municipality")
    membership = memberships.filter(municipality_id=OAXACA).first()
    if membership is None:
        sys.exit("No official of Oaxaca de Juárez: load the demo data first (manage.py load_demo).")
    official = membership.user
    client = Client(enforce_csrf_checks=False)
    client.force_login(official)
    working_file = services.working_file_create(municipality=membership.municipality, by=official)
    url = f"/expedientes/{working_file.pk}/pasos/diagnostico/"
    text = "Promover el intercambio cultural y turístico con ciudades hermanas"
    version, timings = working_file.version, []
    try:
        for n in range(args.saves):
            data = {
                "version": version,
                "objetivo": text[: 10 + n % len(text)],  # a few more letters each time, like typing
                "oficina": "Oficina de Asuntos Internacionales",
                "enlace_nombre": "Ana López",
                "enlace_cargo": "Directora",
                "enlace_correo": "ana.lopez@oaxaca.gob.mx",
            }
            started = time.perf_counter()
            response = client.post(url, data, HTTP_ACCEPT="application/json")
            timings.append((time.perf_counter() - started) * 1000)
            body = response.json()
            if response.status_code != 200 or not body.get("saved"):
                sys.exit(f"Save {n} failed: HTTP {response.status_code} {body}")
            version = body["version"]
    finally:
        working_file.delete()
    ordered = sorted(timings)
    result = {
        "database": connection.vendor,
        "saves": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(ordered[-1], 2),
    }
    print(
        f"Wizard autosave ({connection.vendor}, {result['saves']} saves of step 1, full request stack): "
        f"median {result['median_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms"
    )
    out = BASE / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"autosave-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"Written: {path.relative_to(BASE)}")


if __name__ == "__main__":
    main()
