"""Reads of the public registry: the agreements anyone may see, search, one agreement, the profiles of a
municipality, a state and a country. Statistics are in statistics.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.expressions import RawSQL

from agreements.domain.selectors import HIDDEN_SOURCES, public_agreements  # noqa: F401
from agreements.models import Agreement
from core.text import search_words, spanish_sort_key
from registry.models import SearchDocument

LIST_RELATED = ["state", "municipality", "country", "partner_city"]


def agreement_for_page(pk: int) -> Agreement | None:
    """One public agreement with everything its page shows (two queries), or None."""
    return (
        public_agreements()
        .select_related(*LIST_RELATED, "country__region", "country__subregion")
        .prefetch_related("themes")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class PublicDocument:
    kind: str  # "signed_agreement" or "registration_certificate"
    label: str
    url: str
    size: int | None = None


def agreement_public_documents(agreement: Agreement) -> list[PublicDocument]:
    """The documents anyone may download: the signed agreement and the constancia de inscripción.

    Only for an agreement inscribed through the portal (source `rai`, its working file inscribed): one query,
    none for known relationships and synthetic rows. The constancia is generated the first time someone asks
    for it (agreements/documents/views.py). Drafts, actas de cabildo and dictámenes are never returned here.
    """
    if agreement.source != Agreement.Source.RAI:
        return []
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from agreements.documents.selectors import inscribed_file

    inscribed = inscribed_file(agreement.pk)
    if inscribed is None:
        return []
    documents = []
    signature = getattr(inscribed, "signature", None)
    if signature is not None:
        documents.append(
            PublicDocument(
                "signed_agreement",
                _("Acuerdo firmado (PDF)"),
                reverse("documents:public_signed", args=[agreement.pk]),
                signature.document.size,
            )
        )
    documents.append(
        PublicDocument(
            "registration_certificate",
            _("Constancia de inscripción (PDF)"),
            reverse("documents:public_constancia", args=[agreement.pk]),
        )
    )
    return documents


# --- Search -----------------------------------------------------------------------------------------------
def search_filter(queryset: QuerySet, query: str, *, version: str) -> QuerySet:
    """Agreements whose document contains every word of `query` (accent- and case-insensitive).

    PostgreSQL: full-text search, Spanish configuration with unaccent, each word as a prefix, GIN-indexed
    (registry/migrations/0003, 0005). SQLite: every word as a substring of the lowercase, unaccented document.
    """
    words = search_words(query)
    if not words:
        return queryset
    search_documents_ensure(version)
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        matching = RawSQL(
            # `vector` is to_tsvector('registry_es', text), stored and GIN-indexed (migrations 0003, 0005).
            "SELECT agreement_id FROM registry_searchdocument "
            "WHERE vector @@ to_tsquery('registry_es'::regconfig, %s)",
            (tsquery,),
        )
        return queryset.filter(pk__in=matching)
    documents = SearchDocument.objects.all()
    for word in words:
        documents = documents.filter(text__contains=word)
    return queryset.filter(pk__in=documents.values("agreement_id"))


def search_documents_ensure(version: str) -> None:
    """Once per registry version: give a document to agreements that bulk loaders wrote without one."""
    key = f"registry:{version}:documents-complete"
    if cache.get(key):
        return
    from registry.services import search_documents_fill_missing

    search_documents_fill_missing()
    cache.set(key, True, 60 * 60 * 24)


# --- Profiles ---------------------------------------------------------------------------------------------
PROFILE_AGREEMENTS_SHOWN = 100


def agreements_for_profile(queryset: QuerySet) -> QuerySet[Agreement]:
    return queryset.select_related(*LIST_RELATED).order_by("-signed_on", "title", "pk")[
        :PROFILE_AGREEMENTS_SHOWN
    ]


def municipality_profile(cvegeo: str) -> dict:
    """A municipality's agreements (the first 100; the registry lists all) and its partner cities."""
    agreements = public_agreements().filter(municipality_id=cvegeo)
    summary = agreements.aggregate(
        total=Count("pk"),
        countries=Count("country", distinct=True),
        first=Min("signed_on"),
        last=Max("signed_on"),
        known=Count("pk", filter=Q(source=Agreement.Source.PUBLIC_RECORD)),
        registered=Count("pk", filter=Q(source=Agreement.Source.RAI)),
        synthetic=Count("pk", filter=Q(source=Agreement.Source.SYNTHETIC)),
    )
    partners = list(
        agreements.exclude(partner_city=None)
        .values(
            "partner_city_id",
            "partner_city__name",
            "partner_city__latitude",
            "partner_city__longitude",
            "country_id",
        )
        .annotate(n=Count("pk"))
        .order_by("partner_city__name", "partner_city_id")
    )
    return {
        "summary": summary,
        "agreements": list(agreements_for_profile(agreements)),
        "partner_cities": partners,
    }


def state_profile(code: str, catalogs) -> dict:
    """A state's agreements by municipality and by country, and its latest agreements."""
    from registry import statistics

    agreements = public_agreements().filter(state_id=code)
    counts = statistics.municipality_counts(agreements)
    municipalities = []
    for _state, cvegeo, n in counts:
        info = catalogs.municipalities.get(cvegeo) if cvegeo else None
        if info:
            municipalities.append(
                {"cvegeo": cvegeo, "name": info.name, "population": info.population, "n": n}
            )
    municipalities.sort(key=lambda row: (-row["n"], spanish_sort_key(row["name"])))
    total, countries = statistics.by_country(agreements, catalogs)
    state_level = sum(n for _state, cvegeo, n in counts if not cvegeo)
    return {
        "total": total,
        "state_level": state_level,
        "municipalities": municipalities,
        "countries": countries,
        "latest": list(agreements_for_profile(agreements)[:20]),
    }


def country_profile(iso2: str, catalogs) -> dict:
    """Every Mexican municipality tied to a country, with its partner cities there; and the count by state."""
    from registry import statistics

    agreements = public_agreements().filter(country_id=iso2)
    total, by_state = statistics.by_state(agreements, catalogs)
    pairs = (
        agreements.exclude(municipality=None)
        .order_by()
        .values_list("municipality_id", "counterpart_name")
        .annotate(n=Count("pk"))
    )
    grouped: dict[str, dict] = {}
    for cvegeo, counterpart, n in pairs:
        info = catalogs.municipalities.get(cvegeo)
        state = catalogs.states.get(info.state_code) if info else None
        row = grouped.setdefault(
            cvegeo,
            {
                "cvegeo": cvegeo,
                "name": info.name if info else cvegeo,
                "state": state.name if state else "",
                "state_code": state.code if state else "",
                "n": 0,
                "counterparts": [],
                "latitude": info.latitude if info else None,
                "longitude": info.longitude if info else None,
            },
        )
        row["n"] += n
        row["counterparts"].append(counterpart)
    municipalities = sorted(
        grouped.values(), key=lambda row: (spanish_sort_key(row["state"]), spanish_sort_key(row["name"]))
    )
    for row in municipalities:
        row["counterparts"] = sorted(set(row["counterparts"]), key=spanish_sort_key)
    return {
        "total": total,
        "by_state": by_state,
        "municipalities": municipalities,
        "state_level": total - sum(row["n"] for row in municipalities),
    }
