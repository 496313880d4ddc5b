"""The agreement draft (DOMAIN.md §4), from the wizard's clause library (`clauses.build()`): the same text
the wizard previews, in §4's order:

I Objeto · II Áreas de cooperación · III Modalidades · IV Programa de trabajo · V Coordinación ·
VI Financiamiento · VII Personal · VIII Propiedad intelectual · IX Solución de controversias ·
X Modificaciones · XI Entrada en vigor, vigencia y terminación.
"""

from __future__ import annotations

from agreements import clauses
from agreements.documents.model import Block, Document, Version

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]

PAGE = {
    "es": "Página {page} de {pages}",
    "en": "Page {page} of {pages}",
    "fr": "Page {page} sur {pages}",
    "pt": "Página {page} de {pages}",
}


def language_label(code: str) -> str:
    """A column's name in its own language ("español", "English"); outside the library, in Spanish."""
    if code in clauses.LIBRARY_LANGUAGES:
        return clauses.language_name(code, code)
    return f"{clauses.language_name(code, 'es')} (traducción pendiente)"


def languages_of(text: clauses.AgreementText) -> list[str]:
    """Spanish first (R09), then the other languages in the order chosen."""
    return list(dict.fromkeys(["es", *text.languages]))


def articles(document: clauses.Document) -> list[tuple[str, list[str]]]:
    """The library's articles with their numbers taken off (the documents number them in their own layout)."""
    lang = "es" if document.translation_pending else document.language
    prefix_of = clauses.PHRASES[lang]["article"]
    result = []
    for i, clause in enumerate(document.clauses):
        prefix = f"{prefix_of.format(n=clauses.ROMAN[i])}. "
        heading = clause.heading[len(prefix) :] if clause.heading.startswith(prefix) else clause.heading
        result.append((heading, list(clause.paragraphs)))
    return result


def version(text: clauses.AgreementText, language: str) -> Version:
    document = clauses.build(text, language)
    lang = "es" if document.translation_pending else language
    pending = document.translation_pending
    article_word = clauses.PHRASES[lang]["article"]
    blocks = [
        Block("title", document.title, pending=pending),
        Block("para", document.preamble, pending=pending),
        *(Block("para", w, pending=pending) for w in document.whereas),
        Block("label", document.agreed, pending=pending),
    ]
    for i, (heading, paragraphs) in enumerate(articles(document)):
        # One block per article (heading + its paragraphs), so the columns stay aligned article by article.
        blocks.append(Block("heading", f"{article_word.format(n=ROMAN[i])}. {heading}", pending=pending))
        blocks.append(Block("para", "\n".join(paragraphs), pending=pending))
    blocks.append(Block("para", document.signature, pending=pending))
    blocks.append(
        Block("signatures", items=[(who, office or "________") for who, office in document.signatories])
    )
    return Version(language=language, label=language_label(language), blocks=blocks)


def build(text: clauses.AgreementText) -> Document:
    versions = [version(text, code) for code in languages_of(text)]
    page_labels = list(dict.fromkeys(PAGE.get(v.language, PAGE["es"]) for v in versions))
    return Document(title=versions[0].blocks[0].text, versions=versions, page_labels=page_labels)
