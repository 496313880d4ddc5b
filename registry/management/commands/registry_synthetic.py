from django.core.management.base import BaseCommand, CommandError

from registry import services


class Command(BaseCommand):
    help = (
        "Adds synthetic agreements (source 'synthetic', for benchmarks) to the registry, or removes them. "
        "Needs the catalogues (manage.py load_catalogs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help="How many to add (default 100,000).")
        parser.add_argument(
            "--seed", type=int, default=2024, help="Random seed: the same seed, the same rows."
        )
        parser.add_argument("--delete", action="store_true", help="Remove every synthetic agreement instead.")

    def handle(self, *args, count: int, seed: int, delete: bool, **options):
        if delete:
            deleted = services.synthetic_registry_delete()
            self.stdout.write(f"Removed {deleted} rows (synthetic agreements and their links).")
            return
        if count < 1:
            raise CommandError("--count must be at least 1.")
        try:
            written = services.synthetic_registry_generate(count=count, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Added {written} synthetic agreements.")
