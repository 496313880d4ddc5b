"""What each document is made from, read from the database as plain JSON-able data, and its hash.

The data is stored on the `GeneratedDocument` row: the task renders exactly what was hashed, whatever
happens to the working file meanwhile, and the same data gives the same hash (so the same version).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from babel import Locale
from django.utils import timezone, translation

from agreements import clauses
from agreements.steps import services

# Part of every hash: a change to the documents' wording or layout makes new versions of every document.
RENDERER_VERSION = 1


def data_hash(kind: str, data: dict) -> str:
    payload = json.dumps(
        {"kind": kind, "renderer": RENDERER_VERSION, "data": data},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def text_data(working_file) -> dict:
    """The clause library's `AgreementText` of the file, as JSON (dates as ISO strings)."""
    city = services.counterpart_city(working_file)  # the picked city, or a typed name the wizard matched
    text = clauses.text_from_answers(working_file, working_file.answers, city)
    data = dataclasses.asdict(text)
    data["signing_date"] = text.signing_date.isoformat() if text.signing_date else None
    return data


def text_from(data: dict) -> clauses.AgreementText:
    values = dict(data)
    values["signing_date"] = (
        dt.date.fromisoformat(values["signing_date"]) if values.get("signing_date") else None
    )
    return clauses.AgreementText(**values)


def agreement_data(working_file) -> dict:
    return {"text": text_data(working_file)}


def letter_data(working_file) -> dict:
    answers = working_file.answers
    diagnosis, counterpart = answers.get("diagnostico") or {}, answers.get("contraparte") or {}
    return {
        "text": text_data(working_file),
        "people": {
            "liaison": [str(diagnosis.get("enlace_nombre") or ""), str(diagnosis.get("enlace_cargo") or "")],
            "contact": [
                str(counterpart.get("contacto_nombre") or ""),
                str(counterpart.get("contacto_cargo") or ""),
            ],
        },
    }


def oficio_data(working_file) -> dict:
    answers = working_file.answers
    diagnosis, council, letter = (answers.get(s) or {} for s in ("diagnostico", "cabildo", "carta"))
    return {
        "text": text_data(working_file),
        "details": {
            "office": str(diagnosis.get("oficina") or ""),
            "liaison_name": str(diagnosis.get("enlace_nombre") or ""),
            "liaison_office": str(diagnosis.get("enlace_cargo") or ""),
            "liaison_email": str(diagnosis.get("enlace_correo") or ""),
            "session_date": _iso(council.get("fecha_sesion")),
            "votes_for": str(council.get("votos_favor") or ""),
            "votes_against": str(council.get("votos_contra") or ""),
            "abstentions": str(council.get("abstenciones") or ""),
            "resolution": str(council.get("punto_acuerdo") or ""),
            "letter_date": _iso(letter.get("carta_fecha")),
        },
    }


def _iso(value) -> str | None:
    try:
        return dt.date.fromisoformat(str(value or "").strip()).isoformat()
    except ValueError:
        return None


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


def _country_name(country) -> str:
    return country.name_es if country else ""


def dictamen_data(working_file) -> dict:
    """The SRE's dictamen (agreements.models.Dictamen, written by the review workflow)."""
    dictamen = working_file.dictamen
    text = text_data(working_file)
    es = clauses.build(text_from(text), "es")
    return {
        "file_ref": f"EXP-{working_file.pk:06d}",
        "title": es.title,
        "municipality": text["municipality"],
        "state": text["state"],
        "counterpart": text["counterpart"],
        "country": text["country_es"] or _country_name(getattr(working_file, "country", None)),
        "favorable": dictamen.favorable,
        "reasoning": dictamen.reasoning,
        "issued_on": timezone.localdate(dictamen.issued_at).isoformat(),  # Mexico's date, not UTC's
        "issued_by": _person(dictamen.issued_by),
    }


def constancia_data(agreement) -> dict:
    """The registry entry's public fields only: the constancia is public once the agreement is inscribed."""
    spanish = Locale("es")
    return {
        "number": agreement.registration_number,
        "title": agreement.title,
        "type": _spanish(agreement.Type(agreement.type).label) if agreement.type else "",
        "municipality": agreement.municipality.name if agreement.municipality_id else "",
        "state": agreement.state.name,
        "counterpart": agreement.counterpart_name,
        "country": agreement.country.name_es,
        "signed_place": agreement.signed_place,
        "signed_on": _date(agreement.signed_on),
        "dictamen_on": _date(agreement.dictamen_on),
        "registered_on": _date(agreement.registered_on),
        "valid_from": _date(agreement.valid_from),
        "valid_until": _date(agreement.valid_until),
        "themes": [clauses.THEMES["es"].get(t.code, t.code) for t in agreement.themes.all()],
        "languages": [spanish.languages.get(code, code) for code in agreement.languages or []],
    }


def _spanish(label) -> str:
    with translation.override("es-mx"):  # the constancia is a Spanish document whatever the page's language
        return str(label)


def _date(value) -> str | None:
    return value.isoformat() if value else None
