"""Compile the .po catalogues to .mo with Babel, or check that the committed .mo files are current.

Babel (already a dependency) writes the same bytes for the same catalogue, so a fresh machine needs no
GNU gettext to run the portal, and CI can compare the committed .mo with a fresh compilation.
"""

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_files() -> list[Path]:
    """The project's own catalogues: LOCALE_PATHS and the locale folder of each app of this repository."""
    base = Path(settings.BASE_DIR)
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    # Only apps that sit directly in the repository: never a package installed in .venv.
    roots += [Path(app.path) / "locale" for app in apps.get_app_configs() if Path(app.path).parent == base]
    return sorted({po for root in roots if root.is_dir() for po in root.glob("*/LC_MESSAGES/*.po")})


def problems_in(catalog) -> list[str]:
    """Untranslated or fuzzy entries: each one would show Spanish text on an English page."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {msgid!r}")
        elif not all(strings):
            found.append(f"untranslated: {msgid!r}")
    return found


def compiled(po_path: Path) -> tuple[bytes, list[str]]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue(), problems_in(catalog)


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po to .mo with Babel; "
        "--check fails if a .mo is stale or a string is untranslated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; fail if anything is out of date."
        )

    def handle(self, *args, check: bool = False, **options):
        failures = []
        files = catalogue_files()
        if not files:
            raise CommandError("No .po catalogue found under LOCALE_PATHS or the apps' locale folders.")
        for po_path in files:
            data, problems = compiled(po_path)
            mo_path = po_path.with_suffix(".mo")
            relative = po_path.relative_to(settings.BASE_DIR)
            failures += [f"{relative}: {problem}" for problem in problems]
            if check:
                if not mo_path.exists() or mo_path.read_bytes() != data:
                    failures.append(
                        f"{mo_path.relative_to(settings.BASE_DIR)} is stale: run `make messages`."
                    )
            else:
                mo_path.write_bytes(data)
                self.stdout.write(f"compiled {relative}")
        if failures:
            raise CommandError("Translations are not complete and current:\n  " + "\n  ".join(failures))
        if check:
            self.stdout.write(self.style.SUCCESS(f"{len(files)} catalogue(s) complete and compiled."))
