"""The registry version: every write to a registry table bumps it, however the write is made, and the cached
pages follow it; a Redis outage only costs cache misses."""

import pytest
from django.db import connection
from django.test import override_settings

from agreements.models import Agreement, Theme
from core.models import RegistryVersion
from core.versioning import current_version
from municipalities.models import Municipality
from partners.models import Country


def number() -> int:
    return RegistryVersion.objects.get(pk=1).number


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s, w: s["gdl_kyoto"].save(), id="save"),
        pytest.param(
            lambda s, w: Agreement.objects.filter(pk=s["gdl_kyoto"].pk).update(title="Otro"), id="update"
        ),
        pytest.param(lambda s, w: Agreement.objects.filter(source="synthetic").delete(), id="delete"),
        pytest.param(lambda s, w: s["gdl_kyoto"].themes.add(Theme.objects.get(code="salud")), id="m2m"),
        pytest.param(
            lambda s, w: Agreement.objects.bulk_create(
                [
                    Agreement(
                        title="Nuevo",
                        type="cooperacion",
                        level="estado",
                        state=w.oaxaca,
                        counterpart_name="Lyon",
                        counterpart_level="ciudad",
                        country=w.france,
                        source="public_record",
                    )
                ]
            ),
            id="bulk_create",
        ),  # fmt: skip
        pytest.param(lambda s, w: Municipality.objects.filter(pk="14039").update(name="GDL"), id="catalogue"),
        pytest.param(lambda s, w: Country.objects.filter(pk="JP").update(name_en="Nippon"), id="country"),
        pytest.param(
            lambda s, w: connection.cursor().execute("UPDATE agreements_agreement SET status = 'vigente'"),
            id="raw_sql",
        ),
    ],
)
def test_every_kind_of_write_bumps_the_version(sample, world, write):
    before = current_version()
    write(sample, world)
    after = current_version()
    assert after != before
    assert after.split(":")[0] == before.split(":")[0]  # same epoch, higher number
    assert int(after.split(":")[1]) > int(before.split(":")[1])


def test_reads_do_not_bump_the_version(sample, client):
    before = number()
    assert client.get("/registro/?country=JP").status_code == 200
    assert client.get("/estadisticas/").status_code == 200
    assert client.get("/api/v1/stats/by-state/").status_code == 200
    assert number() == before


def test_a_flushed_version_row_starts_a_new_epoch(world):
    old_epoch = RegistryVersion.objects.get(pk=1).epoch
    RegistryVersion.objects.all().delete()
    epoch, count = current_version().split(":")
    assert epoch != old_epoch
    assert count == "0"


def test_cached_statistics_change_with_the_registry(sample, world, client):
    def japan_total() -> int:
        return client.get("/api/v1/stats/by-country/?country=JP").json()["total"]

    assert japan_total() == 3
    assert japan_total() == 3  # served from the cache
    world.agreement(world.tequila, world.kyoto, title="Hermanamiento Tequila–Kioto")
    assert japan_total() == 4
    Agreement.objects.filter(country_id="JP").update(country_id="US")  # a bulk write, no signals
    assert japan_total() == 0


def test_cached_page_changes_with_the_registry(sample, world, client):
    assert "3 acuerdos" in client.get("/registro/?country=JP").content.decode()
    world.agreement(world.tequila, world.osaka, title="Hermanamiento Tequila–Osaka")
    assert "4 acuerdos" in client.get("/registro/?country=JP").content.decode()


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1},
        }
    },
    DJANGO_REDIS_IGNORE_EXCEPTIONS=True,
)
def test_a_redis_outage_only_costs_cache_misses(sample, client):
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"
    response = client.get("/estadisticas/?country=JP")
    assert response.status_code == 200
    assert "Japón" in response.content.decode()
    response = client.get("/api/v1/stats/by-state/?country=JP", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response.json()["total"] == 3
