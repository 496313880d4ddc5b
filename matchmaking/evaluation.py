"""Leave-one-out evaluation of the matchmaker against three baselines, over the same pool.

For each known relationship between a Mexican *municipality* and a partner city, the relationship is hidden
(left out of the list every statistic is computed from), every partner city is scored for that municipality,
and the hidden city's rank is recorded. The municipality's other partners are left out of every ranking, as
the matchmaker does. Ties are broken by one fixed random order, the same for every method.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from matchmaking.catalogue import Catalogue
from matchmaking.relationships import Relationship
from matchmaking.scoring import Matchmaker
from matchmaking.weights import log_population

CUTOFFS = (10, 20, 50)
Scorer = Callable[[str, list[Relationship]], list[float]]


@dataclass
class MethodResult:
    name: str
    ranks: list[int] = field(default_factory=list)

    def recall(self, k: int) -> float:
        return sum(1 for r in self.ranks if r <= k) / len(self.ranks) if self.ranks else 0.0

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks) / len(self.ranks) if self.ranks else 0.0

    def row(self) -> dict:
        return {
            "method": self.name,
            **{f"recall@{k}": round(self.recall(k), 4) for k in CUTOFFS},
            "mrr": round(self.mrr, 4),
        }


@dataclass
class Evaluation:
    pool: int
    pairs: int  # municipal relationships hidden in turn
    evaluated: int
    not_ranked: list[str]  # pairs whose municipality or city is outside the catalogue
    state_level_skipped: int
    methods: list[MethodResult]
    median_ms: float  # time to score the whole pool for one municipality (matchmaker)

    def as_dict(self) -> dict:
        return {
            "pool_size": self.pool,
            "pairs": self.pairs,
            "evaluated": self.evaluated,
            "not_ranked": len(self.not_ranked),
            "state_level_relationships_not_evaluated": self.state_level_skipped,
            "median_ms_per_query": round(self.median_ms, 1),
            "results": [m.row() for m in self.methods],
        }


def rank(scores: list[float], target: int, excluded: set[int], tiebreak: list[float]) -> int:
    """1-based rank of `target`; `excluded` positions (other known partners) are not in the ranking."""
    mine, my_tie = scores[target], tiebreak[target]
    better = 0
    for i, score in enumerate(scores):
        if i == target or i in excluded:
            continue
        if score > mine or (score == mine and tiebreak[i] < my_tie):
            better += 1
    return better + 1


def baselines(cat: Catalogue, seed: int) -> dict[str, Scorer]:
    rng = random.Random(seed)

    def random_scores(cvegeo: str, relationships: list[Relationship]) -> list[float]:
        return [rng.random() for _ in cat.ids]

    def nearest_population(cvegeo: str, relationships: list[Relationship]) -> list[float]:
        mine = log_population(cat.municipalities[cvegeo][4])
        return [-abs(lp - mine) for lp in cat.log_pops]

    def most_popular(cvegeo: str, relationships: list[Relationship]) -> list[float]:
        counts = Counter(rel.city for rel in relationships)
        return [float(counts.get(pk, 0)) for pk in cat.ids]

    return {"random": random_scores, "nearest population": nearest_population, "most popular": most_popular}


def evaluate(cat: Catalogue, relationships: list[Relationship], *, seed: int = 20261125) -> Evaluation:
    tiebreak_rng = random.Random(seed)
    tiebreak = [tiebreak_rng.random() for _ in cat.ids]
    methods: dict[str, Scorer] = {
        "matchmaker": lambda cvegeo, rels: Matchmaker(cat, rels).scores(cvegeo)[0],
        **baselines(cat, seed),
    }
    results = {name: MethodResult(name) for name in methods}
    municipal = [(k, rel) for k, rel in enumerate(relationships) if rel.municipality is not None]
    not_ranked: list[str] = []
    timings: list[float] = []
    for k, hidden in municipal:
        target = cat.position.get(hidden.city)
        if target is None or hidden.municipality not in cat.municipalities:
            not_ranked.append(f"{hidden.municipality}–{hidden.city}")
            continue
        rest = relationships[:k] + relationships[k + 1 :]  # the hidden pair leaves no trace in any statistic
        own = {
            cat.position[r.city]
            for r in rest
            if r.municipality == hidden.municipality and r.city in cat.position
        }
        excluded = own - {target}
        for name, scorer in methods.items():
            started = time.perf_counter()
            scores = scorer(hidden.municipality, rest)
            if name == "matchmaker":
                timings.append((time.perf_counter() - started) * 1000)
            scores = [s if not math.isinf(s) else -1e18 for s in scores]
            results[name].ranks.append(rank(scores, target, excluded, tiebreak))
    return Evaluation(
        pool=len(cat.ids),
        pairs=len(municipal),
        evaluated=len(municipal) - len(not_ranked),
        not_ranked=not_ranked,
        state_level_skipped=len(relationships) - len(municipal),
        methods=list(results.values()),
        median_ms=statistics.median(timings) if timings else 0.0,
    )
