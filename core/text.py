"""Text normalisation for search (the same rule for the stored documents and for the words people type),
and the one sort key for names shown in Spanish order."""

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


# Spanish alphabetical order, the same on every database: names are sorted in Python with this key (the lists
# are small: 2,478 municipalities at most), not by the database, whose collations differ (SQLite compares
# code points and puts «Álamo» after «Zozocolco»; PostgreSQL's depend on the server's locale).
_N_TILDE = "n\U0010ffff"  # ñ: after every n-word (nz… < ñ), before o
_NOT_WORD = re.compile(r"[\W_]+")


def spanish_sort_key(text: str) -> tuple[str, str]:
    """A key for sorted(): Spanish dictionary order, ignoring case, accents and punctuation, with ñ its own
    letter between n and o («Álamo» among the A's; «Nuevo» < «Ñuñoa» < «Oaxaca»; «San-Martín» = «San Martín»).

    Names equal but for accents, case or punctuation are then put in a fixed order by their casefolded text.
    """
    folded = unicodedata.normalize("NFD", text.casefold()).replace("n\u0303", "\u00f1")  # ñ kept whole
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    primary = " ".join(_NOT_WORD.sub(" ", bare).split()).replace("\u00f1", _N_TILDE)
    return primary, unicodedata.normalize("NFC", text.casefold())
