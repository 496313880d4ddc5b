"""The clause library of the model agreement (DOMAIN.md §4), in Spanish, English, French and Portuguese.

`build(text, language)` is a pure function from the agreement's data to a `Document` (title, clauses in the
model's order, signature block); the wizard's live preview renders it as HTML and the document generator
renders the same structure to DOCX and PDF. For a language outside the library the document keeps every
heading in Spanish and marks a space for the counterpart's translation.

- model.py: the data in (`AgreementText`), each language's wording (`Phrases`), the document out;
- spanish.py, english.py, french.py, portuguese.py: the wording, one language per module;
- library.py: the same by language code, with the blanks, conjunctions and numerals;
- drafting.py: `build()` and its helpers; answers.py: `text_from_answers()` from a working file.

The names below are the package's interface (the wizard, the documents and their tests import them from
`agreements.clauses`); the letters (agreements/documents/letters.py) use `country_name` and `join_list`.
"""

from agreements.clauses.answers import text_from_answers
from agreements.clauses.drafting import build, country_name, elide, join_list, language_name
from agreements.clauses.library import (
    AND,
    BLANK,
    LIBRARY_LANGUAGES,
    MODALITIES,
    MORE_ARTICLES,
    PHRASES,
    ROMAN,
    THEMES,
    TO_TRANSLATE,
)
from agreements.clauses.model import AgreementText, Clause, Document, Phrases

__all__ = [
    "AND",
    "BLANK",
    "LIBRARY_LANGUAGES",
    "MODALITIES",
    "MORE_ARTICLES",
    "PHRASES",
    "ROMAN",
    "THEMES",
    "TO_TRANSLATE",
    "AgreementText",
    "Clause",
    "Document",
    "Phrases",
    "country_name",
    "join_list",
    "build",
    "elide",
    "language_name",
    "text_from_answers",
]
