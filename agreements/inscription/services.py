"""Inscription in the Registro de Acuerdos Interinstitucionales (LCT art. 7): the entry and its number.

Called by `workflow.transition` (action "inscribe") inside its transaction, on the locked working file. The
number comes from a per-year sequence row locked with SELECT … FOR UPDATE: concurrent inscriptions wait for
each other on that row, so each gets the next number, and since the increment commits or rolls back with the
`Agreement` it numbers, the sequence has no gaps. The format is the setting
AGREEMENTS_REGISTRATION_NUMBER_FORMAT (default "RAI-{year}-{number:05d}").
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Dictamen, RegistrySequence, Signature, Theme, WorkingFile
from agreements.steps import services
from agreements.steps.prechecks import add_years


def registration_number(year: int, number: int) -> str:
    return settings.AGREEMENTS_REGISTRATION_NUMBER_FORMAT.format(year=year, number=number)


def next_registration_number(year: int) -> str:
    """Take the year's next number. Must run inside the transaction that writes the agreement: the row stays
    locked until it commits, and a rollback gives the number back."""
    # The year's first inscription creates the row; a concurrent one waits on the primary key, gets an
    # IntegrityError inside get_or_create's savepoint and reads the row instead.
    RegistrySequence.objects.get_or_create(year=year)
    sequence = RegistrySequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return registration_number(year, sequence.last_number)


def _list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def agreement_title(working_file: WorkingFile, kind: str) -> str:
    """The title typed in step 5, or "<type> <municipality>–<counterpart>" like the registry's other rows."""
    typed = str((working_file.answers.get("texto") or {}).get("titulo") or "").strip()
    if typed:
        return typed[:400]
    with translation.override("es-mx"):  # stored in Spanish, the registry's language
        label = str(Agreement.Type(kind).label)
    return f"{label} {working_file.municipality.name}–{working_file.counterpart_name}"[:400]


def inscribe(working_file: WorkingFile, *, now: dt.datetime) -> Agreement:
    """Create the registry entry (source `rai`) from the signed file and give it the next number."""
    answers = working_file.answers
    counterpart = answers.get("contraparte") or {}
    text = answers.get("texto") or {}
    themes = _list((answers.get("objeto") or {}).get("temas"))
    signature = Signature.objects.get(working_file=working_file)
    dictamen = Dictamen.objects.get(working_file=working_file, favorable=True)
    city = services.counterpart_city(working_file)
    kind = str(text.get("tipo") or "")
    if kind not in Agreement.Type.values:
        kind = Agreement.Type.HERMANAMIENTO
    level = str(counterpart.get("tipo") or "")
    years = str(text.get("vigencia_anios") or "")
    valid_until = None
    if text.get("vigencia") == "plazo" and years.isdigit() and int(years) > 0:
        valid_until = add_years(signature.signed_on, int(years))
    registered_on = timezone.localdate(now)
    title = agreement_title(working_file, kind)
    country_id = working_file.country_id or (city.country_id if city else None)
    if country_id is None:  # the wizard asks for the country; a file without one cannot enter the registry
        raise ValidationError(_("El expediente no indica el país de la contraparte: no se puede inscribir."))
    agreement = Agreement.objects.create(
        registration_number=next_registration_number(registered_on.year),
        title=title,
        type=kind,
        level=Agreement.Level.MUNICIPIO,
        state_id=working_file.municipality.state_id,
        municipality_id=working_file.municipality_id,
        mx_signatory_office=signature.mx_signatory_office,
        counterpart_name=working_file.counterpart_name or str(counterpart.get("organo") or "")[:300],
        counterpart_level=level
        if level in Agreement.CounterpartLevel.values
        else Agreement.CounterpartLevel.CITY,
        partner_city=city,
        country_id=country_id,
        signed_place=signature.place,
        signed_on=signature.signed_on,
        dictamen_on=timezone.localdate(dictamen.issued_at),
        registered_on=registered_on,
        valid_from=signature.signed_on,
        valid_until=valid_until,
        status=Agreement.Status.VIGENTE
        if valid_until is None or valid_until >= registered_on
        else Agreement.Status.CONCLUIDO,
        languages=_list(text.get("idiomas")) or ["es"],
        source=Agreement.Source.RAI,
        source_detail=f"Expediente {working_file.pk}",
    )
    # Theme's primary key is its code; the stubs only know integer keys.
    agreement.themes.set([code for code in themes if code in Theme.Code.values])  # type: ignore[misc]
    return agreement
