"""Writes of the registry app: the search documents (the registry itself is written by the agreements app)."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import translation

from agreements.models import Agreement, Theme
from core.text import document
from core.versioning import bump
from registry.models import SearchDocument

BATCH = 2_000


def _theme_labels() -> dict[str, str]:
    """Each theme's label in Spanish and English, so a search in either language finds it."""
    labels: dict[str, list[str]] = {code: [] for code in Theme.Code.values}
    for language in ("es-mx", "en"):
        with translation.override(language):
            for code, label in Theme.Code.choices:
                labels[code].append(str(label))
    return {code: " ".join(parts) for code, parts in labels.items()}


def search_document_text(agreement: Agreement, theme_labels: dict[str, str] | None = None) -> str:
    """Title, registration number, both parties, counterpart city and country (both languages), themes."""
    theme_labels = theme_labels or _theme_labels()
    parts = [agreement.title, agreement.registration_number or "", agreement.counterpart_name]
    if agreement.municipality is not None:
        parts += [agreement.municipality.name, agreement.municipality.seat_name]
    parts.append(agreement.state.name)
    if agreement.partner_city is not None:
        parts.append(agreement.partner_city.name)
    parts += [agreement.country.name_es, agreement.country.name_en, agreement.signed_place]
    parts += [theme_labels[theme.code] for theme in agreement.themes.all()]
    return document(" ".join(part for part in parts if part))


@transaction.atomic
def search_documents_refresh(*, agreement_ids: Iterable[int] | None = None) -> int:
    """Write the search document of the given agreements (all of them with None). Returns how many."""
    agreements = Agreement.objects.select_related("state", "municipality", "country", "partner_city")
    agreements = agreements.prefetch_related("themes").order_by("pk")
    if agreement_ids is not None:
        ids = list(agreement_ids)
        if not ids:
            return 0
        agreements = agreements.filter(pk__in=ids)
    labels = _theme_labels()
    written = 0
    batch: list[SearchDocument] = []
    for agreement in agreements.iterator(chunk_size=BATCH):
        batch.append(SearchDocument(agreement=agreement, text=search_document_text(agreement, labels)))
        if len(batch) == BATCH:
            written += _upsert(batch)
            batch = []
    if batch:
        written += _upsert(batch)
    if agreement_ids is None:  # a full reindex (after renamed places): cached searches may differ now
        bump()
    return written


def _upsert(batch: list[SearchDocument]) -> int:
    SearchDocument.objects.bulk_create(
        batch, update_conflicts=True, unique_fields=["agreement"], update_fields=["text"]
    )
    return len(batch)


def search_documents_fill_missing() -> int:
    """Agreements without a document (new, or changed since: registry/triggers.py deleted theirs)."""
    missing = Agreement.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
    ids = list(missing)
    return search_documents_refresh(agreement_ids=ids) if ids else 0


# --- Synthetic registry (benchmarks) ------------------------------------------------------------------------
# Partner countries' weights, roughly the shape of the known relationships (the United States first, then
# Spain, China, Latin America, Japan, Europe); every other country with cities gets a small weight.
COUNTRY_WEIGHTS = {
    "US": 30, "ES": 8, "CN": 7, "CU": 4, "GT": 4, "JP": 4, "CO": 3, "AR": 3, "CL": 3, "CA": 3, "FR": 3,
    "DE": 3, "IT": 3, "KR": 3, "BR": 2, "PE": 2, "CR": 2, "SV": 2, "HN": 2, "PH": 1, "PL": 1, "IE": 1,
}  # fmt: skip
OTHER_COUNTRY_WEIGHT = 0.15
TYPE_WEIGHTS = {Agreement.Type.HERMANAMIENTO: 70, Agreement.Type.COOPERACION: 22, Agreement.Type.MEMORANDO: 8}
STATUS_WEIGHTS = {
    Agreement.Status.VIGENTE: 45,
    Agreement.Status.CONCLUIDO: 20,
    Agreement.Status.TERMINADO: 5,
    Agreement.Status.DESCONOCIDO: 30,
}


def synthetic_registry_generate(*, count: int, seed: int = 2024) -> int:
    """Add `count` agreements with source `synthetic`, spread like a real registry: municipalities weighted
    by the square root of their population (large ones more often, small ones too), countries as above,
    signatures from 1960 to 2025 growing over time, one to three themes. Needs the catalogues loaded.
    Returns how many were written. Titles and the source label say they are synthetic."""
    import datetime
    import math
    import random

    from municipalities.models import Municipality
    from partners.models import PartnerCity

    rng = random.Random(seed)
    municipalities = list(Municipality.objects.select_related("state").order_by("cvegeo"))
    cities: dict[str, list[PartnerCity]] = {}
    for city in PartnerCity.objects.select_related("country").order_by("country_id", "-population", "pk"):
        found = cities.setdefault(city.country_id, [])
        if len(found) < 200:  # the larger cities: partners of a municipality are seldom villages
            found.append(city)
    if not municipalities or not cities:
        raise ValueError("Load the catalogues first (manage.py load_catalogs).")
    muni_weights = [math.sqrt(m.population_2020 or 1_000) for m in municipalities]
    countries = sorted(cities)
    country_weights = [COUNTRY_WEIGHTS.get(iso2, OTHER_COUNTRY_WEIGHT) for iso2 in countries]
    themes = list(Theme.Code.values)
    years = list(range(1960, 2026))
    year_weights = [1 + (year - 1960) ** 1.5 for year in years]
    types, type_weights = zip(*TYPE_WEIGHTS.items(), strict=True)
    statuses, status_weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    with translation.override("es-mx"):
        type_labels = {value: str(label) for value, label in Agreement.Type.choices}

    written = 0
    batch_size = 5_000
    with transaction.atomic():
        for start in range(0, count, batch_size):
            size = min(batch_size, count - start)
            chosen_munis = rng.choices(municipalities, muni_weights, k=size)
            chosen_countries = rng.choices(countries, country_weights, k=size)
            rows = []
            for municipality, iso2 in zip(chosen_munis, chosen_countries, strict=True):
                city = rng.choice(cities[iso2])
                kind = rng.choices(types, type_weights)[0]
                year = rng.choices(years, year_weights)[0]
                signed = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                rows.append(
                    Agreement(
                        title=f"{type_labels[kind]} {municipality.name}–{city.name} (dato sintético)",
                        type=kind,
                        level=Agreement.Level.MUNICIPIO,
                        state_id=municipality.state_id,
                        municipality=municipality,
                        counterpart_name=city.name,
                        counterpart_level=Agreement.CounterpartLevel.CITY,
                        partner_city=city,
                        country_id=iso2,
                        signed_on=signed,
                        valid_from=signed,
                        status=rng.choices(statuses, status_weights)[0],
                        languages=["es"],
                        source=Agreement.Source.SYNTHETIC,
                        source_detail="registry_synthetic",
                    )
                )
            created = Agreement.objects.bulk_create(rows, batch_size=batch_size)
            through = Agreement.themes.through
            links = [
                through(agreement_id=agreement.pk, theme_id=theme)
                for agreement in created
                for theme in rng.sample(themes, rng.choice([1, 1, 2, 2, 3]))
            ]
            through.objects.bulk_create(links, batch_size=batch_size)
            written += len(created)
    search_documents_fill_missing()
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: without them it guesses ~100 rows and sorts on disk.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE agreements_agreement, agreements_agreement_themes")
            cursor.execute("ANALYZE registry_searchdocument")
    return written


def synthetic_registry_delete() -> int:
    deleted, _by_model = Agreement.objects.filter(source=Agreement.Source.SYNTHETIC).delete()
    return deleted
