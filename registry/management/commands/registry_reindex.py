from django.core.management.base import BaseCommand

from registry.services import search_documents_refresh


class Command(BaseCommand):
    help = (
        "Rewrites the search document of every agreement. Run it after a bulk update of agreements, "
        "municipality or country names (bulk writes send no signals); new rows are indexed on their own."
    )

    def handle(self, *args, **options):
        written = search_documents_refresh()
        self.stdout.write(f"Indexed {written} agreements.")
