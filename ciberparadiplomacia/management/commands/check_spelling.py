"""Spell-check the catalogues with hunspell: the Spanish of each msgid and the English of each msgstr.

locale/en holds the portal's own strings (Spanish msgid, English msgstr); locale/es_MX overrides a few of
Django's (English msgid, Spanish msgstr). The words of each language go to hunspell in one batch
(`hunspell -d es_MX -l`, `hunspell -d en_US -l`: Debian's hunspell-es and hunspell-en-us), after what is not
prose is taken out: placeholders, HTML tags and entities, URLs, e-mail addresses, code in backticks, numbers
(a word with a digit, a Roman numeral) and single letters. locale/spelling-allowlist.txt lists the proper
names, legal terms and technical words hunspell does not know, the phrases (quoted titles, Spanish names in
the English text) whose words are accepted only together, and the American spellings the British English
text must not use.
"""

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

INSTALL = "apt-get install hunspell hunspell-es hunspell-en-us"
# hunspell-es installs one dictionary per Spanish-speaking country; the portal writes Mexican Spanish.
DICTIONARIES = {"es": "es_MX", "en": "en_US"}
# Catalogue (relative to the repository) -> (language of its msgids, language of its msgstrs).
CATALOGUES = {
    Path("locale/en/LC_MESSAGES/django.po"): ("es", "en"),
    Path("locale/es_MX/LC_MESSAGES/django.po"): ("en", "es"),
}
ALLOWLIST = Path("locale/spelling-allowlist.txt")

# What is not prose, in the order it is taken out (code first: it may hold anything else).
NOT_PROSE = re.compile(
    r"`[^`]*`"  # code in backticks
    r"|\b(?:https?|ftp)://[^\s\"'<>«»“”]+|\bwww\.[^\s\"'<>«»“”]+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|<[^<>]*>"  # HTML tags
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"  # HTML entities
    r"|\{[^{}]*\}"  # str.format and template placeholders: {name}, {0}, {}
)
# printf placeholders (%(name)s, %s, %d, %%), only in messages gettext marks as python-format: elsewhere
# «50 % de» is prose.
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
TOKEN = re.compile(r"[\w'’-]+")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Roman numerals number the fractions of an article («art. 115 fr. II»): numbers, not words.
ROMAN = re.compile(r"(?=[IVXLCDM]{2,}$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
EDGES = "'’-"


@dataclass(frozen=True)
class Misspelling:
    word: str
    language: str  # "es" or "en"
    msgid: str


class HunspellMissing(Exception):
    """hunspell, or one of its dictionaries, is not installed."""


def missing_tools() -> list[str]:
    """What this check needs and does not find: the hunspell program and the dictionaries it uses."""
    if shutil.which("hunspell") is None:
        return ["hunspell", *DICTIONARIES.values()]
    return [name for name in DICTIONARIES.values() if not _dictionary_loads(name)]


def _dictionary_loads(name: str) -> bool:
    result = subprocess.run(
        ["hunspell", "-d", name, "-l"], input="", capture_output=True, text=True, env=_utf8(), check=False
    )
    return result.returncode == 0 and "Can't open" not in result.stderr


def _utf8() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


@dataclass(frozen=True)
class Allowlist:
    """What locale/spelling-allowlist.txt says (see `parse`): words never reported; phrases (an entry that
    is not one word, such as «List of twin towns and sister cities») whose words are accepted only together,
    where they appear as written; and words of the English text reported although en_US knows them (an
    entry that starts with «!»: the American spellings of a text written in British English)."""

    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    rejected_in_english: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> "Allowlist":
        """One entry a line; `#` starts a comment. A word is taken as written, in capitals and with 's; a
        word in lower case also with an initial capital (a sentence's first word): «Oaxaca» never accepts
        «oaxaca»."""
        entries = [line.split("#", 1)[0].strip() for line in text.splitlines()]
        words: set[str] = set()
        rejected: set[str] = set()
        phrases: set[str] = set()
        for entry in filter(None, entries):
            target, entry = (rejected, entry[1:].strip()) if entry.startswith("!") else (words, entry)
            if WORD.fullmatch(entry):
                forms = {entry, entry.upper(), entry[:1].upper() + entry[1:]}
                target |= forms | {f"{form}'s" for form in forms}
            elif target is words:
                phrases.add(entry)
            else:
                raise ValueError(f"Only a single word can be rejected: «!{entry}».")
        # The longest first: «CC BY-SA» goes before «CC BY» can leave «SA» behind.
        ordered = tuple(sorted(phrases, key=lambda p: (-len(p), p)))
        return cls(frozenset(words), ordered, frozenset(rejected))

    def without_phrases(self, text: str) -> str:
        for phrase in self.phrases:
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
        return text


def load_allowlist(path: Path) -> Allowlist:
    return Allowlist.parse(path.read_text(encoding="utf-8"))


def words_of(text: str, *, printf: bool) -> list[str]:
    """The words of a message, without what is not prose."""
    text = NOT_PROSE.sub(" ", text)
    if printf:
        text = PRINTF.sub(" ", text)
    found = []
    for token in TOKEN.findall(text):
        # Hyphenated compounds are checked part by part (hunspell accepts «e-mail» both ways).
        for part in token.replace("’", "'").split("-"):
            part = part.strip(EDGES)
            # One letter is a list marker or an abbreviation («inciso b)», «n.º»); digits make a code.
            if len(part) < 2 or any(ch.isdigit() or ch == "_" for ch in part) or ROMAN.fullmatch(part):
                continue
            found.append(part)
    return found


def unknown_words(words: Iterable[str], language: str) -> set[str]:
    """The words hunspell does not know, in one call: one word a line on stdin, `-l` lists the unknown."""
    unique = sorted(set(words))
    if not unique:
        return set()
    if shutil.which("hunspell") is None:
        raise HunspellMissing(f"hunspell is not installed: {INSTALL}")
    dictionary = DICTIONARIES[language]
    result = subprocess.run(
        ["hunspell", "-i", "utf-8", "-d", dictionary, "-l"],
        input="\n".join(unique) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_utf8(),
        check=False,
    )
    if result.returncode != 0 or "Can't open" in result.stderr:
        raise HunspellMissing(
            f"hunspell cannot load the {dictionary} dictionary ({result.stderr.strip()}): {INSTALL}"
        )
    reported = {line.strip() for line in result.stdout.splitlines() if line.strip()}
    # hunspell may split a word it was given (an apostrophe it does not take): the whole word is unknown.
    split = reported - set(unique)
    return {word for word in unique if word in reported or split & set(word.split("'"))}


def _texts(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def misspellings(
    po_path: Path, allowed: Allowlist, languages: tuple[str, str] = ("es", "en")
) -> list[Misspelling]:
    """Every unknown word of a catalogue, once per message it is in, in catalogue order.

    `languages` are those of the msgids and of the msgstrs."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    messages = []  # (msgid, language, words)
    for message in catalog:
        if not message.id:
            continue
        printf = "python-format" in message.flags
        msgid = _texts(message.id)[0]
        for language, texts in zip(languages, (_texts(message.id), _texts(message.string)), strict=True):
            words = [
                w for text in texts if text for w in words_of(allowed.without_phrases(text), printf=printf)
            ]
            messages.append((msgid, language, [w for w in words if w not in allowed.words]))
    unknown = {
        language: unknown_words(
            (w for _, lang, words in messages if lang == language for w in words), language
        )
        for language in dict.fromkeys(languages)
    }
    unknown.setdefault("en", set()).update(allowed.rejected_in_english)
    found = []
    for msgid, language, words in messages:
        for word in dict.fromkeys(words):
            if word in unknown[language]:
                found.append(Misspelling(word=word, language=language, msgid=msgid))
    return found


class Command(BaseCommand):
    help = (
        "Spell-check the catalogues with hunspell (Spanish msgids, English msgstrs), "
        "minus the words of locale/spelling-allowlist.txt."
    )

    def handle(self, *args, **options):
        missing = missing_tools()
        if missing:
            raise CommandError(f"Not installed: {', '.join(missing)}. Install them with: {INSTALL}")
        base = Path(settings.BASE_DIR)
        allowed = load_allowlist(base / ALLOWLIST)
        found: list[tuple[Path, Misspelling]] = []
        for relative, languages in CATALOGUES.items():
            if not (base / relative).exists():
                raise CommandError(f"{relative} is missing.")
            try:
                found += [(relative, m) for m in misspellings(base / relative, allowed, languages)]
            except HunspellMissing as error:
                raise CommandError(str(error)) from error
        if found:
            for relative, m in found:
                where = "msgid" if _is_msgid(relative, m.language) else "msgstr of msgid"
                why = (
                    " (American spelling)"
                    if m.language == "en" and m.word in allowed.rejected_in_english
                    else ""
                )
                self.stdout.write(f"{relative}: {m.language} {m.word!r}{why} in {where} {_short(m.msgid)!r}")
            words = len({(m.language, m.word) for _, m in found})
            raise CommandError(
                f"{words} unknown word(s). Correct the spelling, or add a proper name or a term to "
                f"{ALLOWLIST}."
            )
        self.stdout.write(self.style.SUCCESS(f"No unknown word in {len(CATALOGUES)} catalogue(s)."))


def _is_msgid(relative: Path, language: str) -> bool:
    return CATALOGUES[relative][0] == language


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
