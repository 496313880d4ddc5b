#!/usr/bin/env python
"""Fill English translations into locale/en/LC_MESSAGES/django.po from a JSON file {msgid: msgstr}.

Usage: .venv/bin/python scripts/po_fill.py translations.json [--list-missing]
A filled entry loses its fuzzy flag. With --list-missing, print the msgids still untranslated or fuzzy
as JSON (a ready-to-fill template) and change nothing. Lines are not wrapped, like `makemessages --no-wrap`.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> int:
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    if "--list-missing" in sys.argv:
        missing = {}
        for m in catalog:
            if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string))):
                key = m.id[0] if isinstance(m.id, tuple) else m.id
                missing[key] = ""
        print(json.dumps(missing, ensure_ascii=False, indent=1))
        return 0
    translations = json.loads(Path(sys.argv[1]).read_text())
    filled = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in translations:
            value = translations[key]
            if isinstance(message.id, tuple):  # plural: value is [singular, plural]
                message.string = tuple(value)
            else:
                message.string = value
            message.flags.discard("fuzzy")
            filled += 1
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, include_previous=False)
    print(f"filled {filled} of {len(translations)} given translations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
