"""The agreement's data from a working file's answers, as the wizard stores them (step name -> field ->
value): what the live preview and the generated documents draft from."""

from __future__ import annotations

from datetime import date

from agreements.clauses.model import AgreementText

# The strings a box was stored as before answers kept booleans (migration 0007 converts them): «on» from a
# browser, "True" from a form. Anything else, "False" included, is an unticked box.
TICKED_STRINGS = {"on", "true", "1"}


def answer_bool(value) -> bool:
    """A box's stored answer (a boolean) as a boolean; a string left from before is read as the box meant,
    never as "any non-empty string is true"."""
    if isinstance(value, str):
        return value.strip().lower() in TICKED_STRINGS
    return value is True


def text_from_answers(working_file, answers: dict, partner_city=None) -> AgreementText:
    """Lenient: the preview shows whatever has been typed so far, valid or not."""
    counterpart, obj, text = (answers.get(s) or {} for s in ("contraparte", "objeto", "texto"))

    def as_list(value):
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    try:
        years = int(text.get("vigencia_anios") or 0) or None
    except ValueError:
        years = None
    try:
        signing = date.fromisoformat(text.get("firma_prevista") or "")
    except ValueError:
        signing = None
    municipality = working_file.municipality
    return AgreementText(
        municipality=municipality.name,
        state=municipality.state.name if municipality.state_id else "",
        counterpart=str(counterpart.get("organo") or ""),
        country_iso2=partner_city.country_id if partner_city else "",
        country_es=partner_city.country.name_es if partner_city else "",
        type=str(text.get("tipo") or "hermanamiento"),
        title=str(text.get("titulo") or "").strip(),
        objective=str(obj.get("objeto") or ""),
        themes=as_list(obj.get("temas")),
        other_theme=str(obj.get("tema_otra") or ""),
        modalities=as_list(obj.get("modalidades")),
        languages=as_list(text.get("idiomas")) or ["es"],
        validity=str(text.get("vigencia") or ""),
        years=years,
        committee=answer_bool(text.get("comite")),
        financing=str(text.get("financiamiento") or ""),
        disputes=str(text.get("controversias") or ""),
        signing_date=signing,
        signing_place=str(text.get("lugar_firma") or ""),
    )
