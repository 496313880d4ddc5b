"""The shapes of the clause library: the agreement's data going in (`AgreementText`), the wording each
language supplies (`Phrases`) and the document coming out (`Document`, its `Clause`s)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict


@dataclass
class AgreementText:
    """The data the clauses need, taken from the working file's answers (blank where not answered yet)."""

    municipality: str = ""
    state: str = ""
    counterpart: str = ""  # the foreign government body, as typed
    country_iso2: str = ""
    country_es: str = ""
    type: str = "hermanamiento"
    objective: str = ""
    themes: list[str] = field(default_factory=list)
    other_theme: str = ""
    modalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["es"])
    validity: str = ""
    years: int | None = None
    committee: bool = False
    financing: str = ""
    disputes: str = ""
    signing_date: date | None = None
    signing_place: str = ""
    title: str = ""  # typed in step 5; empty: the SRE model's title


class Phrases(TypedDict):
    """One language's wording of the agreement. `str.format` placeholders: {mun}, {state}, {cp}, {country},
    {kind}, {theme}, {text}, {list}, {n}, {years}, {place}, {date}, {languages}."""

    # By agreement type ("hermanamiento", "cooperacion", "memorando"), plus "cooperacion_tema": the
    # cooperation agreement on a single theme. A dict rather than fields: the type is looked up at run time.
    title: dict[str, str]
    between: str
    preamble: str
    whereas: list[str]
    agreed: str
    article: str
    h_object: str
    object: str
    h_areas: str
    areas: str
    h_modalities: str
    modalities: str
    h_coordination: str
    committee: str
    liaison: str
    h_financing: str
    budget: str
    no_cost: str
    debt: str
    h_disputes: str
    mutual: str
    mechanism: str
    h_amendments: str
    amendments: str
    h_validity: str
    fixed: str
    indefinite: str
    termination: str
    signed: str
    signed_one: str
    for_mun: str
    mayor: str
    for_cp: str


@dataclass
class Clause:
    heading: str
    paragraphs: list[str]


@dataclass
class Document:
    language: str
    title: str
    preamble: str
    whereas: list[str]
    agreed: str
    clauses: list[Clause]
    signature: str
    signatories: list[tuple[str, str]]
    translation_pending: bool = False  # a language outside the library: the counterpart fills it in
