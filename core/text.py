"""Text normalisation for search: the same rule for the stored documents and for the words people type."""

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Lowercase, without accents or tildes ("Cooperación Ñuñoa" -> "cooperacion nunoa"), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def search_words(query: str, *, limit: int = 12) -> list[str]:
    """The words of a query, normalised: letters and digits only, so they are safe inside a tsquery."""
    words: list[str] = []
    for word in _WORD.findall(normalize(query)):
        if word not in words:
            words.append(word)
    return words[:limit]


def document(text: str) -> str:
    """The searchable form of a text: its normalised words, separated by single spaces.

    Punctuation goes: PostgreSQL's parser would read "RAI-2019-0001" as "rai" and the number "-2019", which a
    search for "2019" does not match; as separate words, both databases find it.
    """
    return " ".join(_WORD.findall(normalize(text)))
