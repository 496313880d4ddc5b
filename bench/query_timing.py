"""Uncached statistics queries against the same aggregates in raw SQL (run by bench/run.py)."""

import json
import statistics as stats
import time

import django

django.setup()

from django.db import connection  # noqa: E402

from core.versioning import current_version  # noqa: E402
from registry import selectors, statistics  # noqa: E402
from registry.catalogs import get_catalogs as load_catalogs  # noqa: E402

RUNS = 15
RAW = {
    "by-state": "SELECT state_id, municipality_id, COUNT(*) FROM agreements_agreement "
    "GROUP BY state_id, municipality_id",
    "by-country": "SELECT country_id, COUNT(*), COUNT(DISTINCT municipality_id) FROM agreements_agreement "
    "GROUP BY country_id",
    "by-year": "SELECT EXTRACT(YEAR FROM signed_on), COUNT(*) FROM agreements_agreement GROUP BY 1",
}


def median_ms(function) -> float:
    function()  # warm the buffers and the connection
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return round(stats.median(timings), 1)


def raw(sql: str):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return run


catalogs = load_catalogs(current_version())
queryset = selectors.public_agreements()
results = {}
for name, sql in RAW.items():
    results[name] = {
        "selector_ms": median_ms(lambda name=name: statistics.compute(name, queryset, catalogs)),
        "raw_ms": median_ms(raw(sql)),
    }
results["all (statistics page, 7 queries)"] = {
    "selector_ms": median_ms(lambda: statistics.compute_all(queryset, catalogs)),
    "raw_ms": None,
}
print(json.dumps(results))
