from django.core.management.base import BaseCommand

from registry.services import search_documents_refresh


class Command(BaseCommand):
    help = (
        "Rewrites the search document of every agreement. Run it after a bulk update of municipality, city "
        "or country names; a changed or new agreement is indexed again on its own (registry/triggers.py)."
    )

    def handle(self, *args, **options):
        written = search_documents_refresh()
        self.stdout.write(f"Indexed {written} agreements.")
