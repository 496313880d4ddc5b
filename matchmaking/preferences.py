"""What a municipality declared on its international profile (desired countries and regions, themes,
languages): signals of the matchmaker, and reasons when a suggestion matches them."""

from __future__ import annotations

from dataclasses import dataclass

from showcase.models import MunicipalityProfile
from showcase.selectors import profile_with_interests


@dataclass(frozen=True)
class Preferences:
    """What a municipality declared on its profile; empty when it has none."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()


def preferences_for(cvegeo: str) -> Preferences:
    """The municipality's declared interests, from its international profile when it has one."""
    return preferences_from(profile_with_interests(cvegeo))


def preferences_from(profile: MunicipalityProfile | None) -> Preferences:
    """The interests of a profile already loaded with its themes, countries and regions prefetched."""
    if profile is None:
        return Preferences()
    return Preferences(
        countries=frozenset(c.pk for c in profile.desired_countries.all()),
        regions=frozenset(profile.desired_region_codes()),
        themes=frozenset(t.pk for t in profile.themes.all()),
        languages=frozenset(profile.languages or ()),
    )
