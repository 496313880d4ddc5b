import json

from django.core.management.base import BaseCommand, CommandError

from matchmaking.scoring import suggest_partners
from municipalities.models import Municipality


class Command(BaseCommand):
    help = "Suggest foreign partner cities for a municipality, best first, each with its score and reasons."

    def add_arguments(self, parser):
        parser.add_argument("cvegeo", help="INEGI code of the municipality, 5 digits (e.g. 20067)")
        parser.add_argument("--limit", type=int, default=10, help="how many suggestions (1-100)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, cvegeo: str, limit: int, **options):
        if not 1 <= limit <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        municipality = Municipality.objects.filter(cvegeo=cvegeo).select_related("state").first()
        if municipality is None:
            raise CommandError(f"No municipality with the INEGI code {cvegeo!r} (5 digits, e.g. 20067).")
        suggestions = suggest_partners(cvegeo, limit=limit)
        if options["format"] == "json":
            self.stdout.write(json.dumps([s.as_dict() for s in suggestions], ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Partner suggestions for {municipality} ({cvegeo}):")
        for n, s in enumerate(suggestions, start=1):
            self.stdout.write(f"{n:>3}. {s.name} ({s.country}) score {s.score:.2f}")
            for reason in s.reasons:
                self.stdout.write(f"       - {reason}")
