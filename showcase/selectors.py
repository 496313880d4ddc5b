"""Reads for the municipality's international showcase ("vitrina"): each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from municipalities.models import Municipality
from showcase.models import MunicipalityPhoto, MunicipalityProfile


@dataclass
class Showcase:
    """What the public page shows of a municipality's showcase."""

    municipality: Municipality
    profile: MunicipalityProfile | None
    photos: list[MunicipalityPhoto] = field(default_factory=list)
    # The municipality's published partner requests (matchmaking.board), given by the page that shows them.
    requests: list = field(default_factory=list)

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


def showcase_of(municipality: Municipality, *, requests: list | None = None) -> Showcase:
    """The showcase of one municipality: its profile and its photos, with the published partner requests the
    page that shows it has read (matchmaking.board.selectors.published_by)."""
    cvegeo = municipality.pk
    return Showcase(
        municipality=municipality,
        profile=profile_with_interests(cvegeo),
        photos=list(photos_of(cvegeo)),
        requests=list(requests or []),
    )
