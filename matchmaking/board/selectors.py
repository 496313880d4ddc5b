"""Reads of the partner-seeking board: each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from matchmaking.board.permissions import can_manage, publishable_municipalities
from matchmaking.models import PartnerRequest, PartnerRequestReply
from partners.models import Country, Region


def with_related(queryset: QuerySet[PartnerRequest]) -> QuerySet[PartnerRequest]:
    return queryset.select_related("municipality__state", "country", "region").prefetch_related("themes")


def published(*, today=None) -> QuerySet[PartnerRequest]:
    return PartnerRequest.objects.published(today=today or timezone.localdate())


def filtered(
    queryset: QuerySet[PartnerRequest],
    *,
    country: Country | None = None,
    region: Region | None = None,
    theme: str = "",
    state: str = "",
) -> QuerySet[PartnerRequest]:
    """The board's filters. A country matches the requests for that country, for a region it lies in, and
    those open to any country: what a government of that country could answer. A region matches requests for
    it, for its sub-regions, for a country in it, and those open to any country."""
    if country is not None:
        regions = [code for code in (country.region_id, country.subregion_id) if code]
        queryset = queryset.filter(
            Q(country=country)
            | Q(country__isnull=True, region__in=regions)
            | Q(country__isnull=True, region__isnull=True)
        )
    if region is not None:
        queryset = queryset.filter(
            Q(region=region)
            | Q(region__parent=region)
            | Q(country__region=region)
            | Q(country__subregion=region)
            | Q(country__isnull=True, region__isnull=True)
        )
    if theme:
        queryset = queryset.filter(themes=theme)
    if state:
        queryset = queryset.filter(municipality__state_id=state)
    return queryset


def requests_managed_by(user) -> list[PartnerRequest]:
    """Every request of the user's municipalities (published, closed or expired), with its reply count."""
    cvegeos = [m.pk for m in publishable_municipalities(user)]
    if not cvegeos:
        return []
    return list(
        PartnerRequest.objects.filter(municipality_id__in=cvegeos)
        .select_related("municipality")
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at", "-pk")
    )


def request_for_viewer(user, pk: int, *, today=None) -> PartnerRequest | None:
    """The request if this person may see it: anyone while it is published, its officials always."""
    found = with_related(PartnerRequest.objects.filter(pk=pk)).first()
    if found is None:
        return None
    if found.is_published(today or timezone.localdate()) or can_manage(user, found):
        return found
    return None


def replies_to(partner_request: PartnerRequest) -> list[PartnerRequestReply]:
    return list(partner_request.replies.select_related("country").order_by("-created_at", "-pk"))


def published_by(cvegeo: str, *, today=None) -> list[PartnerRequest]:
    """The municipality's published requests, for its public page."""
    today = today or timezone.localdate()
    return list(
        PartnerRequest.objects.published(today=today)
        .filter(municipality_id=cvegeo)
        .select_related("country", "region")
        .order_by("-created_at", "-pk")
    )
