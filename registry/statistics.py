"""The registry's statistics: computed from the database with GROUP BY queries, labelled and weighed with the
catalogues (catalogs.py), never typed in. Each function takes the filtered queryset of agreements and returns
(total, rows); rows are flat dicts with stable English keys, the same in the page's tables, the CSV and
the JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Theme
from core.text import spanish_sort_key
from municipalities.catalog import NO_POPULATION_BAND, POPULATION_BANDS
from registry.catalogs import Catalogs

Rows = list[dict[str, Any]]
TOP_MUNICIPALITIES = 20


def _plain(queryset: QuerySet) -> QuerySet:
    return queryset.order_by()  # no ORDER BY (nor its joins) inside an aggregate


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# --- One query, three statistics: counts per (state, municipality) ---------------------------------------
def municipality_counts(queryset: QuerySet) -> list[tuple[str, str | None, int]]:
    return list(
        _plain(queryset)
        .values_list("state_id", "municipality_id")
        .annotate(n=Count("pk"))
        .values_list("state_id", "municipality_id", "n")
    )


def by_state(queryset: QuerySet, catalogs: Catalogs, counts=None) -> tuple[int, Rows]:
    counts = municipality_counts(queryset) if counts is None else counts
    agreements: dict[str, int] = {}
    municipalities: dict[str, int] = {}
    for state, municipality, n in counts:
        agreements[state] = agreements.get(state, 0) + n
        if municipality:
            municipalities[state] = municipalities.get(state, 0) + 1
    rows = []
    for code, state in catalogs.states.items():
        n = agreements.get(code, 0)
        with_agreements = municipalities.get(code, 0)
        rows.append(
            {
                "code": code,
                "name": state.name,
                "agreements": n,
                "population": state.population,
                "agreements_per_million": round(n / state.population * 1_000_000, 2)
                if state.population
                else None,
                "municipalities": state.municipality_count,
                "municipalities_with_agreements": with_agreements,
                "share_municipalities": _share(with_agreements, state.municipality_count),
            }
        )
    return sum(agreements.values()), rows


def by_population_band(queryset: QuerySet, catalogs: Catalogs, counts=None) -> tuple[int, Rows]:
    """Municipal agreements by the municipality's population (census 2020); state-level ones have no band."""
    counts = municipality_counts(queryset) if counts is None else counts
    agreements: dict[str, int] = {}
    municipalities: dict[str, int] = {}
    for _state, cvegeo, n in counts:
        if not cvegeo or cvegeo not in catalogs.municipalities:
            continue
        band = catalogs.municipalities[cvegeo].band
        agreements[band] = agreements.get(band, 0) + n
        municipalities[band] = municipalities.get(band, 0) + 1
    bands = [(code, label) for code, _low, _high, label in POPULATION_BANDS] + [NO_POPULATION_BAND]
    rows = []
    for code, label in bands:
        total_municipalities = catalogs.band_municipality_counts.get(code, 0)
        if code == NO_POPULATION_BAND[0] and not total_municipalities:
            continue
        with_agreements = municipalities.get(code, 0)
        rows.append(
            {
                "band": code,
                "label": str(label),
                "municipalities": total_municipalities,
                "municipalities_with_agreements": with_agreements,
                "share_municipalities": _share(with_agreements, total_municipalities),
                "agreements": agreements.get(code, 0),
            }
        )
    # The total counts every agreement, state-level ones too, like every other statistic; the rows do not.
    return sum(n for _state, _cvegeo, n in counts), rows


def top_municipalities(queryset: QuerySet, catalogs: Catalogs, counts=None) -> tuple[int, Rows]:
    counts = municipality_counts(queryset) if counts is None else counts
    rows = []
    for state, cvegeo, n in counts:
        if not cvegeo:
            continue
        info = catalogs.municipalities.get(cvegeo)
        state_info = catalogs.states.get(state)
        rows.append(
            {
                "cvegeo": cvegeo,
                "name": info.name if info else cvegeo,
                "state": state_info.name if state_info else state,
                "population": info.population if info else None,
                "agreements": n,
            }
        )
    rows.sort(key=lambda row: (-row["agreements"], spanish_sort_key(row["name"]), row["cvegeo"]))
    return sum(n for _s, _m, n in counts), rows[:TOP_MUNICIPALITIES]


# --- Countries and M49 regions ---------------------------------------------------------------------------
def country_counts(queryset: QuerySet) -> list[tuple[str, int, int]]:
    return list(
        _plain(queryset)
        .values_list("country_id")
        .annotate(n=Count("pk"), municipalities=Count("municipality", distinct=True))
        .values_list("country_id", "n", "municipalities")
    )


def by_country(queryset: QuerySet, catalogs: Catalogs, counts=None) -> tuple[int, Rows]:
    counts = country_counts(queryset) if counts is None else counts
    rows = []
    for iso2, n, municipalities in counts:
        country = catalogs.countries.get(iso2)
        region = catalogs.regions.get(country.region_code) if country and country.region_code else None
        rows.append(
            {
                "iso2": iso2,
                "name": country.name if country else iso2,
                "region": region.name if region else "",
                "agreements": n,
                "municipalities": municipalities,
            }
        )
    rows.sort(key=lambda row: (-row["agreements"], spanish_sort_key(row["name"])))
    return sum(row["agreements"] for row in rows), rows


def by_region(queryset: QuerySet, catalogs: Catalogs, counts=None) -> tuple[int, Rows]:
    """Regions (Africa, Americas, Asia, Europe, Oceania), each followed by its sub-regions."""
    counts = country_counts(queryset) if counts is None else counts
    totals: dict[str, list[int]] = {}  # code -> [agreements, countries]
    for iso2, n, _municipalities in counts:
        country = catalogs.countries.get(iso2)
        codes = [country.region_code, country.subregion_code] if country else [None, None]
        for code in dict.fromkeys(codes[:1] + [c for c in codes[1:] if c]):  # region, then sub-region
            bucket = totals.setdefault(code or "", [0, 0])
            bucket[0] += n
            bucket[1] += 1

    def row(code: str, level: str) -> dict[str, Any]:
        region = catalogs.regions.get(code)
        return {
            "code": code,
            "name": region.name if region else str(_("Sin región M49")),
            "level": level,
            "parent": (region.parent_code or "") if region and level == "subregion" else "",
            "agreements": totals[code][0],
            "countries": totals[code][1],
        }

    def order(code: str) -> tuple:
        region = catalogs.regions.get(code)
        return (
            -totals[code][0],
            spanish_sort_key(region.name) if region else ("\U0010ffff", ""),
            code,
        )  # most first; ties by name

    tops = [
        code for code in totals if not (catalogs.regions.get(code) and catalogs.regions[code].parent_code)
    ]
    rows: Rows = []
    for top in sorted(tops, key=order):
        rows.append(row(top, "region"))
        children = [c for c in totals if catalogs.regions.get(c) and catalogs.regions[c].parent_code == top]
        rows.extend(row(child, "subregion") for child in sorted(children, key=order))
    return sum(n for _iso2, n, _m in counts), rows


# --- Year, type, theme, source ---------------------------------------------------------------------------
def by_year(queryset: QuerySet, catalogs: Catalogs | None = None) -> tuple[int, Rows]:
    """Every year from the first to the last signature (zeros included), then the undated ones."""
    found = dict(
        _plain(queryset)
        .annotate(year=ExtractYear("signed_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    undated = found.pop(None, 0)
    rows: Rows = []
    if found:
        rows = [
            {"year": year, "agreements": found.get(year, 0)} for year in range(min(found), max(found) + 1)
        ]
    if undated:
        rows.append({"year": None, "agreements": undated})
    return sum(found.values()) + undated, rows


def _by_choice(queryset: QuerySet, field: str, choices) -> tuple[int, Rows]:
    found = dict(_plain(queryset).values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    rows = [
        {field: value, "label": str(label), "agreements": found.get(value, 0)} for value, label in choices
    ]
    return sum(found.values()), rows


def by_type(queryset: QuerySet, catalogs: Catalogs | None = None) -> tuple[int, Rows]:
    return _by_choice(queryset, "type", Agreement.Type.choices)


def by_source(queryset: QuerySet, catalogs: Catalogs | None = None) -> tuple[int, Rows]:
    return _by_choice(queryset, "source", Agreement.Source.choices)


def by_theme(queryset: QuerySet, catalogs: Catalogs | None = None) -> tuple[int, Rows]:
    """An agreement counts under each of its themes, so the rows add up to more than the total."""
    # LEFT JOIN on the themes: agreements without any land in the NULL group.
    found = dict(_plain(queryset).values_list("themes").annotate(n=Count("pk")).values_list("themes", "n"))
    without = found.pop(None, 0)
    rows = [
        {"theme": code, "label": str(label), "agreements": found.get(code, 0)}
        for code, label in Theme.Code.choices
    ]
    rows.append({"theme": "", "label": str(_("Sin tema registrado")), "agreements": without})
    return _plain(queryset).count(), rows


# --- The catalogue of statistics (API names, columns, labels) ------------------------------------------
@dataclass(frozen=True)
class Statistic:
    name: str
    title: Promise
    compute: Callable[..., tuple[int, Rows]]
    columns: list[tuple[str, Promise]]
    basis: str = ""  # which shared query it can reuse: "municipalities" or "countries"


COMMON = {"agreements": _("Acuerdos")}
STATISTICS: dict[str, Statistic] = {
    s.name: s
    for s in [
        Statistic(
            "by-year",
            _("Acuerdos por año de firma"),
            by_year,
            [("year", _("Año")), ("agreements", COMMON["agreements"])],
        ),
        Statistic(
            "by-state",
            _("Acuerdos por estado"),
            by_state,
            [
                ("code", _("Clave INEGI")),
                ("name", _("Estado")),
                ("agreements", COMMON["agreements"]),
                ("agreements_per_million", _("Acuerdos por millón de habitantes")),
                ("municipalities_with_agreements", _("Municipios con al menos un acuerdo")),
                ("municipalities", _("Municipios del estado")),
                ("share_municipalities", _("Proporción de municipios con acuerdos")),
                ("population", _("Población 2020")),
            ],
            "municipalities",
        ),
        Statistic(
            "by-country",
            _("Acuerdos por país contraparte"),
            by_country,
            [
                ("iso2", _("Código ISO")),
                ("name", _("País")),
                ("region", _("Región")),
                ("agreements", COMMON["agreements"]),
                ("municipalities", _("Municipios mexicanos vinculados")),
            ],
            "countries",
        ),
        Statistic(
            "by-region",
            _("Acuerdos por región del mundo (ONU M49)"),
            by_region,
            [
                ("code", _("Código M49")),
                ("name", _("Región")),
                ("level", _("Nivel")),
                ("parent", _("Región superior")),
                ("agreements", COMMON["agreements"]),
                ("countries", _("Países")),
            ],
            "countries",
        ),
        Statistic(
            "by-type",
            _("Acuerdos por tipo"),
            by_type,
            [("type", _("Clave")), ("label", _("Tipo")), ("agreements", COMMON["agreements"])],
        ),
        Statistic(
            "by-theme",
            _("Acuerdos por tema"),
            by_theme,
            [("theme", _("Clave")), ("label", _("Tema")), ("agreements", COMMON["agreements"])],
        ),
        Statistic(
            "by-population-band",
            _("Municipios y acuerdos por tamaño de población"),
            by_population_band,
            [
                ("band", _("Clave")),
                ("label", _("Población del municipio (2020)")),
                ("municipalities", _("Municipios")),
                ("municipalities_with_agreements", _("Municipios con al menos un acuerdo")),
                ("share_municipalities", _("Proporción de municipios con acuerdos")),
                ("agreements", COMMON["agreements"]),
            ],
            "municipalities",
        ),
        Statistic(
            "top-municipalities",
            _("Municipios con más acuerdos"),
            top_municipalities,
            [
                ("cvegeo", _("Clave geoestadística")),
                ("name", _("Municipio")),
                ("state", _("Estado")),
                ("population", _("Población 2020")),
                ("agreements", COMMON["agreements"]),
            ],
            "municipalities",
        ),
        Statistic(
            "by-source",
            _("Acuerdos por fuente"),
            by_source,
            [("source", _("Clave")), ("label", _("Fuente")), ("agreements", COMMON["agreements"])],
        ),
    ]
}


def compute(name: str, queryset: QuerySet, catalogs: Catalogs) -> tuple[int, Rows]:
    return STATISTICS[name].compute(queryset, catalogs)


def compute_all(queryset: QuerySet, catalogs: Catalogs) -> dict[str, tuple[int, Rows]]:
    """Every statistic in six queries: the municipality and country counts are each shared by three."""
    shared = {"municipalities": municipality_counts(queryset), "countries": country_counts(queryset)}
    results = {}
    for name, statistic in STATISTICS.items():
        if statistic.basis:
            results[name] = statistic.compute(queryset, catalogs, counts=shared[statistic.basis])
        else:
            results[name] = statistic.compute(queryset, catalogs)
    return results
