import json

from django.core.management.base import BaseCommand, CommandError

from matchmaking.evaluation import CUTOFFS, evaluate
from matchmaking.scoring import catalogue, known_relationships


class Command(BaseCommand):
    help = (
        "Leave-one-out evaluation of the partner suggestions: hide each known municipality–city relationship "
        "in turn, rank every partner city for that municipality, and report recall@10/20/50 and MRR for the "
        "matchmaker and three baselines (random, nearest population, most popular) over the same pool."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--seed", type=int, default=20261125, help="random baseline and tie-break order")

    def handle(self, *args, **options):
        relationships = known_relationships()
        if not relationships:
            raise CommandError("No known relationships to evaluate: run load_catalogs and load_demo first.")
        result = evaluate(catalogue(), relationships, seed=options["seed"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
            return
        write = self.stdout.write
        write(f"Pool: every partner city, {result.pool:,} cities")
        write(
            f"Pairs: {result.pairs:,} municipal relationships hidden in turn; "
            f"{result.evaluated:,} evaluated, {len(result.not_ranked):,} could not be ranked "
            f"(municipality or city outside the catalogue); {result.state_level_skipped:,} state-level "
            "relationships not "
            "evaluated (no municipality to ask for)"
        )
        header = f"{'method':<20}" + "".join(f"{'recall@' + str(k):>11}" for k in CUTOFFS) + f"{'MRR':>9}"
        write(header)
        write("-" * len(header))
        for method in result.methods:
            write(
                f"{method.name:<20}"
                + "".join(f"{method.recall(k):>11.3f}" for k in CUTOFFS)
                + f"{method.mrr:>9.3f}"
            )
        write(f"Matchmaker: median {result.median_ms:.0f} ms to score the whole pool for one municipality")
