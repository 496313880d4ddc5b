"""The evidence the relationships give about each partner city, for one municipality: the similar Mexican
municipalities tied to it, how popular it and its country are, the hops through the municipality's own
partners, the themes of its agreements. `Matchmaker.scores` weighs it; `reasons.reasons_for` explains it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from matchmaking.catalogue import Catalogue
from matchmaking.relationships import Relationship


@dataclass
class Evidence:
    """Per-city evidence gathered from the relationships, to score and to explain."""

    related: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # city -> municipalities
    cf: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    popular: Counter = field(default_factory=Counter)
    hop: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # city -> own partners
    country_national: Counter = field(default_factory=Counter)
    country_state: Counter = field(default_factory=Counter)
    own: set[int] = field(default_factory=set)
    themes: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # city -> agreement themes


def evidence_for(cat: Catalogue, relationships: Iterable[Relationship], cvegeo: str) -> Evidence:
    """What the relationships say about each city, for this municipality: to score and to explain."""
    ev = Evidence()
    state = cat.municipalities[cvegeo][3]
    for rel in relationships:
        i = cat.position.get(rel.city)
        if i is None:
            continue
        country = cat.countries[i]
        ev.popular[i] += 1
        ev.themes[i] |= rel.themes
        ev.country_national[country] += 1
        if rel.state == state:
            ev.country_state[country] += 1
        if rel.municipality == cvegeo:
            ev.own.add(i)
        elif rel.municipality is not None and rel.municipality in cat.municipalities:
            ev.cf[i] += cat.municipality_similarity(cvegeo, rel.municipality)
            ev.related[i].append(rel.municipality)
    for i in ev.own:
        for j in cat.twins.get(i, ()):
            ev.hop[j].append(i)
    return ev
