"""The clause library by language code: what `drafting` looks up. The wording itself lives in one module
per language (spanish.py, english.py, french.py, portuguese.py)."""

from __future__ import annotations

from agreements.clauses import english, french, portuguese, spanish
from agreements.clauses.model import Phrases

LIBRARY_LANGUAGES = ("es", "en", "fr", "pt")
BLANK = "________"

THEMES: dict[str, dict[str, str]] = {
    "es": spanish.THEMES,
    "en": english.THEMES,
    "fr": french.THEMES,
    "pt": portuguese.THEMES,
}
MODALITIES: dict[str, dict[str, str]] = {
    "es": spanish.MODALITIES,
    "en": english.MODALITIES,
    "fr": french.MODALITIES,
    "pt": portuguese.MODALITIES,
}
# Text the official typed in Spanish, shown in another language's column: marked for translation.
TO_TRANSLATE = {"en": "[to be translated]", "fr": "[à traduire]", "pt": "[a traduzir]"}
AND = {"es": "y", "en": "and", "fr": "et", "pt": "e"}

PHRASES: dict[str, Phrases] = {
    "es": spanish.PHRASES,
    "en": english.PHRASES,
    "fr": french.PHRASES,
    "pt": portuguese.PHRASES,
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# The §4 articles on the work programme, staff and intellectual property, per language.
MORE_ARTICLES: dict[str, dict[str, tuple[str, str]]] = {
    "es": spanish.MORE_ARTICLES,
    "en": english.MORE_ARTICLES,
    "fr": french.MORE_ARTICLES,
    "pt": portuguese.MORE_ARTICLES,
}
