"""The known ties the matchmaker learns from: registry entries and known relationships with a partner city,
read on every call (a new relationship counts at once; the evaluation hides one by leaving it out)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from agreements.models import Agreement


@dataclass(frozen=True)
class Relationship:
    """A known tie between a Mexican party and a partner city (municipio or state level)."""

    state: str
    municipality: str | None
    city: int
    themes: frozenset[str] = frozenset()


def known_relationships() -> list[Relationship]:
    """Every known tie with a partner city: registry entries and known relationships, never synthetic rows."""
    agreements = Agreement.objects.filter(partner_city__isnull=False).exclude(
        source=Agreement.Source.SYNTHETIC
    )
    themes: dict[int, set[str]] = defaultdict(set)
    for agreement_id, theme in Agreement.themes.through.objects.filter(agreement__in=agreements).values_list(
        "agreement_id", "theme_id"
    ):
        themes[agreement_id].add(theme)
    return [
        Relationship(state=s, municipality=m, city=c, themes=frozenset(themes.get(pk, ())))
        for pk, s, m, c in agreements.values_list("pk", "state_id", "municipality_id", "partner_city_id")
    ]
