"""Reads for the municipality's international showcase ("vitrina"): each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Membership, User
from partners.models import PartnerRequest

from .models import Municipality, MunicipalityPhoto, MunicipalityProfile


@dataclass
class Vitrina:
    """What the public page shows of a municipality's showcase."""

    municipality: Municipality
    profile: MunicipalityProfile | None
    photos: list[MunicipalityPhoto] = field(default_factory=list)
    requests: list[PartnerRequest] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.profile is None and not self.photos and not self.requests

    @property
    def has_council_data(self) -> bool:
        return self.municipality.cabildo_members is not None or self.municipality.term_ends_on is not None


def profile_with_interests(cvegeo: str) -> MunicipalityProfile | None:
    """The profile with its themes, desired countries and desired regions: four queries, or one when there is
    no profile."""
    return (
        MunicipalityProfile.objects.filter(municipality_id=cvegeo)
        .prefetch_related("themes", "desired_countries", "desired_regions")
        .first()
    )


def photos_of(cvegeo: str) -> QuerySet[MunicipalityPhoto]:
    return MunicipalityPhoto.objects.filter(municipality_id=cvegeo).order_by("position", "pk")


def vitrina(municipality: Municipality, *, today=None) -> Vitrina:
    """The showcase of one municipality: its profile, its photos and its published partner requests."""
    today = today or timezone.localdate()
    cvegeo = municipality.pk
    requests = list(
        PartnerRequest.objects.published(today=today)
        .filter(municipality_id=cvegeo)
        .select_related("country", "region")
        .order_by("-created_at", "-pk")
    )
    return Vitrina(
        municipality=municipality,
        profile=profile_with_interests(cvegeo),
        photos=list(photos_of(cvegeo)),
        requests=requests,
    )


def officials_of(cvegeo: str) -> list[User]:
    """The titulares and capturistas of the municipality (active accounts), for notifications."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__municipality_id=cvegeo,
            memberships__role__in=[Membership.Role.TITULAR, Membership.Role.CAPTURISTA],
        )
        .distinct()
        .order_by("pk")
    )
