"""Writes of the registry app: the search documents (the registry itself is written by the agreements app)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import translation

from agreements.models import Agreement, Theme

from .models import SearchDocument
from .text import normalize

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
    if agreement.municipality_id:
        parts += [agreement.municipality.name, agreement.municipality.seat_name]
    parts.append(agreement.state.name)
    if agreement.partner_city_id:
        parts.append(agreement.partner_city.name)
    parts += [agreement.country.name_es, agreement.country.name_en, agreement.signed_place]
    parts += [theme_labels[theme.code] for theme in agreement.themes.all()]
    return normalize(" ".join(part for part in parts if part))


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
    return written


def _upsert(batch: list[SearchDocument]) -> int:
    SearchDocument.objects.bulk_create(
        batch, update_conflicts=True, unique_fields=["agreement"], update_fields=["text"]
    )
    return len(batch)


def search_documents_fill_missing() -> int:
    """Agreements written by bulk loaders (no signals) have no document yet: write theirs."""
    missing = Agreement.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
    ids = list(missing)
    return search_documents_refresh(agreement_ids=ids) if ids else 0
