"""Fail when a translatable string in the code is missing from the English catalogue.

`compile_translations --check` sees only what is in the .po; this extracts the strings afresh with
makemessages (GNU gettext), compares the msgids, and puts the committed catalogue back as it was.
"""

import shutil
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORED = [".venv/*", "node_modules/*", "staticfiles/*", "test-results/*", "media/*"]


def msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


class Command(BaseCommand):
    help = "Extract the strings with makemessages and fail if any is missing from locale/en (needs gettext)."

    def handle(self, *args, **options):
        if shutil.which("xgettext") is None:
            raise CommandError("GNU gettext (xgettext) is not installed: apt-get install gettext")
        po = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        committed = msgids(po)
        with tempfile.TemporaryDirectory() as tmp:
            backup = Path(tmp) / "django.po"
            shutil.copy2(po, backup)
            try:
                call_command(
                    "makemessages", locale=["en"], extensions=["py", "html", "txt"], no_location=True,
                    no_obsolete=True, no_wrap=True, ignore_patterns=IGNORED, verbosity=0,
                )  # fmt: skip
                extracted = msgids(po)
            finally:
                shutil.copy2(backup, po)
        missing = sorted(extracted - committed)
        if missing:
            listed = "\n  ".join(repr(m) for m in missing[:50])
            raise CommandError(
                f"{len(missing)} string(s) in the code are not in {po.relative_to(settings.BASE_DIR)}; "
                f"run `make messages` and translate them:\n  {listed}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"All {len(extracted)} strings of the code are in the catalogue.")
        )
