"""Drafting the agreement: `build(text, language)` is a pure function from the agreement's data to a
`Document` (title, the clauses in the model's order of DOMAIN.md §4, signature block), in the wording of
library.py. A language outside the library keeps every heading in Spanish and marks the document as pending
the counterpart's translation.
"""

from __future__ import annotations

import re

from babel import Locale
from babel.dates import format_date

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
from agreements.clauses.model import AgreementText, Clause, Document


def language_name(code: str, in_language: str) -> str:
    return Locale.parse(in_language).languages.get(code, code)


def country_name(text: AgreementText, language: str) -> str:
    if text.country_iso2:
        return Locale.parse(language).territories.get(text.country_iso2, text.country_es)
    return text.country_es or BLANK


def join_list(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items) or BLANK
    conjunction = AND[language]
    # Spanish writes «e» before the sound /i/: «español e inglés», «cultural e histórica».
    if language == "es" and re.match(r"(?i)h?[ií](?![aeoáéó])", items[-1]):
        conjunction = "e"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _more(language: str, key: str) -> tuple[str, list[str]]:
    heading, paragraph = MORE_ARTICLES[language][key]
    return heading, [paragraph]


def elide(text: str, language: str) -> str:
    """French: «de Oaxaca» is written «d’Oaxaca»."""
    if language != "fr":
        return text
    return re.sub(r"\b([Dd][Ee]) (?=[AEIOUÉÈHaeiouéèh])", lambda m: m.group(1)[0] + "’", text)


def build(text: AgreementText, language: str) -> Document:
    pending = language not in LIBRARY_LANGUAGES
    lang = "es" if pending else language
    p = PHRASES[lang]
    mark = f" {TO_TRANSLATE[lang]}" if lang != "es" else ""
    values = {
        "mun": text.municipality or BLANK,
        "state": text.state or BLANK,
        "cp": text.counterpart or BLANK,
        "country": country_name(text, lang),
    }
    themes = [THEMES[lang][c] for c in text.themes if c in THEMES[lang]]
    if "otra" in text.themes and text.other_theme:
        themes.append(text.other_theme + mark)
    if text.type == "cooperacion" and len(themes) == 1:
        kind = p["title"]["cooperacion_tema"].format(theme=themes[0].upper())
    else:
        kind = p["title"].get(text.type, p["title"]["hermanamiento"])
    title = p["between"].format(kind=kind, **{k: v.upper() for k, v in values.items()})
    if text.title and lang == "es":
        # The title typed in step 5 is Spanish: it heads the Spanish text; other languages keep the model's.
        title = text.title.upper()

    coordination = p["committee"] if text.committee else p["liaison"]
    financing = {"disponibilidad": p["budget"], "sin_costo": p["no_cost"], "deuda": p["debt"]}.get(
        text.financing, p["budget"]
    )
    disputes = p["mechanism"] if text.disputes == "mecanismo" else p["mutual"]
    validity = (
        p["fixed"].format(years=text.years) if text.validity == "plazo" and text.years else p["indefinite"]
    )
    modalities = [MODALITIES[lang][m] for m in text.modalities if m in MODALITIES[lang]]
    bodies = [
        (
            p["h_object"],
            [p["object"].format(text=(text.objective or BLANK) + (mark if text.objective else ""))],
        ),
        (p["h_areas"], [p["areas"].format(list=join_list(themes, lang))]),
        (p["h_modalities"], [p["modalities"].format(list=join_list(modalities, lang))]),
        _more(lang, "work_programme"),
        (p["h_coordination"], [coordination]),
        (p["h_financing"], [financing]),
        _more(lang, "staff"),
        _more(lang, "intellectual_property"),
        (p["h_disputes"], [disputes]),
        (p["h_amendments"], [p["amendments"]]),
        (p["h_validity"], [validity, p["termination"]]),
    ]
    clauses = [
        Clause(f"{p['article'].format(n=ROMAN[i])}. {heading}", paragraphs)
        for i, (heading, paragraphs) in enumerate(bodies)
    ]
    when = format_date(text.signing_date, format="long", locale=lang) if text.signing_date else BLANK
    languages = [language_name(code, lang) for code in text.languages] or [language_name("es", lang)]
    if len(languages) > 1:
        signature = p["signed"].format(
            place=text.signing_place or BLANK, date=when, languages=join_list(languages, lang)
        )
    else:
        signature = p["signed_one"].format(place=text.signing_place or BLANK, date=when)
    signatories = [
        (elide(p["for_mun"].format(mun=values["mun"].upper()), lang), p["mayor"]),
        (p["for_cp"].format(cp=values["cp"].upper()), ""),
    ]
    return Document(
        language=language,
        title=elide(title, lang),
        preamble=elide(p["preamble"].format(**values), lang),
        whereas=list(p["whereas"]),
        agreed=p["agreed"],
        clauses=clauses,
        signature=signature,
        signatories=signatories,
        translation_pending=pending,
    )
