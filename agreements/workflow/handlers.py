"""What each action of the workflow does besides moving the state: open a review round, assign the
reviewer, send the observations, record the dictamen or the signature, inscribe. `transition()` calls
`EFFECTS[action]` on the locked file, already in its new state, inside its transaction; each effect checks the
action's data (a ValidationError with a message per field) and returns the event's detail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import permissions as roles
from agreements.domain.uploads import check_pdf
from agreements.inscription import services as inscription
from agreements.models import (
    Dictamen,
    Observation,
    ReviewRound,
    Signature,
    WorkingFile,
    WorkingFileEvent,
    WorkingFileUpload,
)
from agreements.steps import prechecks, services
from agreements.steps import registry as wizard
from agreements.workflow.actions import Action

Event = WorkingFileEvent.Kind
MIN_REASONING = 20
MAX_NOTE = 300


def _text(data: Mapping, key: str, *, required: bool, max_length: int, label, min_length: int = 0) -> str:
    value = str(data.get(key) or "").replace("\x00", "").strip()
    if required and not value:
        raise ValidationError({key: _("Escriba %(what)s.") % {"what": label}}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            {
                key: _("Escriba como máximo %(n)d caracteres (tiene %(length)d).")
                % {"n": max_length, "length": len(value)}
            },
            code="max_length",
        )
    if value and len(value) < min_length:
        raise ValidationError(
            {key: _("Escriba al menos %(n)d caracteres.") % {"n": min_length}}, code="min_length"
        )
    return value


def _open_round(working_file: WorkingFile, by, now: dt.datetime) -> None:
    """The answers and documents as sent: the next round's diff starts from them."""
    context = services.load_context(working_file)
    refusals = services.submission_refusals(working_file, context)
    if refusals:
        raise services.SubmitRefused(refusals)
    uploads = context.uploads
    working_file.review_round += 1
    ReviewRound.objects.create(
        working_file=working_file,
        number=working_file.review_round,
        answers=working_file.answers,
        uploads={
            kind: {"id": u.pk, "name": u.original_name, "sha256": u.sha256} for kind, u in uploads.items()
        },
        submitted_by=by,
        submitted_at=now,
    )
    working_file.at_sre_since = now
    city = services.counterpart_city(working_file, context)
    working_file.country_id = city.country_id if city else None


def _submit(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    _open_round(working_file, by, now)
    working_file.submitted_at = working_file.submitted_at or now
    return ""


def _take(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    assignee = data.get("assignee")
    if assignee is None:
        if not roles.is_sre_reviewer(by):
            raise ValidationError(
                {"assignee": _("Elija a la persona que dictaminará el expediente.")}, code="required"
            )
        assignee = by
    elif assignee.pk != by.pk and not roles.is_sre_admin(by):
        raise PermissionDenied("only an SRE administrator assigns someone else")
    if not roles.is_sre_reviewer(assignee):
        raise ValidationError(
            {"assignee": _("Sólo se puede asignar a una persona dictaminadora de la SRE.")}, code="invalid"
        )
    working_file.assigned_reviewer = assignee
    return str(assignee)[:MAX_NOTE]


def _reassign(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    """Hand a file in review to another reviewer; the draft observations of the round go with it."""
    assignee = data.get("assignee")
    if assignee is None:
        raise ValidationError(
            {"assignee": _("Elija a la persona que dictaminará el expediente.")}, code="required"
        )
    if assignee.pk == working_file.assigned_reviewer_id:
        raise ValidationError(
            {"assignee": _("El expediente ya está asignado a esa persona: elija a otra.")}, code="unchanged"
        )
    return _take(working_file, by, data, now)


def _request_changes(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    for item in data.get("observations") or []:
        observation_create(working_file, by, item)
    drafts = list(working_file.observations.drafts().filter(round=working_file.review_round))
    if not drafts:
        raise ValidationError(
            _("Escriba al menos una observación antes de pedir cambios."), code="no_observations"
        )
    Observation.objects.filter(pk__in=[o.pk for o in drafts]).update(sent_at=now)
    WorkingFileEvent.objects.bulk_create(
        WorkingFileEvent(
            working_file=working_file, kind=Event.OBSERVATION, step=o.step, detail=o.text[:MAX_NOTE], by=by
        )
        for o in drafts
    )
    return str(len(drafts))  # the timeline says "n observaciones" in the reader's language


def _resubmit(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    answers = {str(k): v for k, v in (data.get("answers") or {}).items()}
    pending = list(working_file.observations.open())
    texts, errors = {}, {}
    for observation in pending:
        key = f"answer_{observation.pk}"
        try:
            texts[observation.pk] = _text(
                {key: answers.get(str(observation.pk))},
                key,
                required=True,
                max_length=Observation.TEXT_MAX,
                label=_("su respuesta a esta observación"),
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    _open_round(working_file, by, now)
    for observation in pending:
        observation.answer, observation.answered_by, observation.answered_at = texts[observation.pk], by, now
    Observation.objects.bulk_update(pending, ["answer", "answered_by", "answered_at"])
    WorkingFileEvent.objects.bulk_create(
        WorkingFileEvent(
            working_file=working_file, kind=Event.ANSWER, step=o.step, detail=o.answer[:MAX_NOTE], by=by
        )
        for o in pending
    )
    return ""


def _dictamen(favorable: bool) -> Callable[[WorkingFile, Any, dict, dt.datetime], str]:
    def effect(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
        reasoning = _text(
            data,
            "reasoning",
            required=True,
            max_length=10_000,
            min_length=MIN_REASONING,
            label=_("la fundamentación del dictamen"),
        )
        drafts = working_file.observations.drafts().count()
        if drafts:
            raise ValidationError(
                ngettext(
                    "Hay %(n)d observación sin enviar: envíela con «Pedir cambios» o bórrela antes de "
                    "dictaminar.",
                    "Hay %(n)d observaciones sin enviar: envíelas con «Pedir cambios» o bórrelas antes de "
                    "dictaminar.",
                    drafts,
                )
                % {"n": drafts},
                code="drafts",
            )
        if favorable and not working_file.country_id:
            raise ValidationError(
                _(
                    "El registro necesita el país de la contraparte y el expediente no tiene una ciudad "
                    "contraparte del catálogo: pida al municipio que la indique (paso 2) antes del dictamen."
                ),
                code="no_country",
            )
        Dictamen.objects.create(
            working_file=working_file, favorable=favorable, reasoning=reasoning, issued_by=by, issued_at=now
        )
        return ""

    return effect


SIGNATURE_FIELDS = {
    "place": (_("el lugar de firma"), 200),
    "mx_signatory": (_("el nombre de quien firmó por el municipio"), 150),
    "mx_signatory_office": (_("el cargo de quien firmó por el municipio"), 200),
    "counterpart_signatory": (_("el nombre de quien firmó por la contraparte"), 150),
    "counterpart_signatory_office": (_("el cargo de quien firmó por la contraparte"), 200),
}


def _sign(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    errors: dict[str, list] = {}
    values: dict[str, Any] = {}
    for key, (label, max_length) in SIGNATURE_FIELDS.items():
        try:
            values[key] = _text(data, key, required=True, max_length=max_length, label=label)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    dictamen = Dictamen.objects.filter(working_file=working_file, favorable=True).first()
    signed_on = data.get("signed_on")
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = [_("Escriba la fecha de firma.")]
    elif signed_on > timezone.localdate(now):
        errors["signed_on"] = [_("La fecha de firma no puede estar en el futuro.")]
    elif dictamen is None or signed_on < timezone.localdate(dictamen.issued_at):
        # LCT art. 7 (R06): the SRE gives its dictamen before the agreement is signed.
        errors["signed_on"] = [
            _(
                "La firma no puede ser anterior al dictamen favorable de la SRE (%(date)s): la ley pide el "
                "dictamen antes de firmar (LCT art. 7)."
            )
            % {"date": date_format(timezone.localdate(dictamen.issued_at)) if dictamen else "—"}
        ]
    document = data.get("document")
    checked = None
    if not document:
        errors["document"] = [_("Suba el acuerdo firmado en PDF.")]
    else:
        try:
            checked = check_pdf(document)
        except ValidationError as exc:
            errors["document"] = exc.messages
    if errors:
        raise ValidationError(errors)
    upload = services.upload_store(
        working_file, kind=WorkingFileUpload.Kind.SIGNED_AGREEMENT, upload=document, checked=checked, by=by
    )
    Signature.objects.create(
        working_file=working_file,
        signed_on=cast(dt.date, signed_on),  # not a date: an error above
        document=upload,
        recorded_by=by,
        recorded_at=now,
        **values,
    )
    _record_r06(working_file)
    return values["place"]


def _record_r06(working_file: WorkingFile) -> None:
    """The pre-check's R06 line says the signature came after a favorable dictamen."""
    facts = prechecks.Facts(signature_recorded=True, dictamen_favorable=True)
    r06 = [
        {"rule": "R06", "level": f.level, "code": f.code, "params": f.params}
        for f in prechecks.RULES_BY_ID["R06"].check(facts)
    ]
    results = [r for r in working_file.precheck_results if r["rule"] != "R06"]
    order = {rule.id: n for n, rule in enumerate(prechecks.RULES)}
    working_file.precheck_results = sorted(results + r06, key=lambda r: order[r["rule"]])


def _inscribe(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    agreement = inscription.inscribe(working_file, now=now)
    working_file.agreement = agreement
    return agreement.registration_number or ""


def _withdraw(working_file: WorkingFile, by, data: dict, now: dt.datetime) -> str:
    return _text(data, "reason", required=False, max_length=MAX_NOTE, label=_("el motivo"))


EFFECTS: dict[str, Callable[[WorkingFile, Any, dict, dt.datetime], str]] = {
    Action.SUBMIT: _submit,
    Action.TAKE: _take,
    Action.REASSIGN: _reassign,
    Action.REQUEST_CHANGES: _request_changes,
    Action.RESUBMIT: _resubmit,
    Action.FAVORABLE: _dictamen(True),
    Action.UNFAVORABLE: _dictamen(False),
    Action.SIGN: _sign,
    Action.INSCRIBE: _inscribe,
    Action.WITHDRAW: _withdraw,
}


# --- The reviewer's observations: one at a time (observations.py), or sent with «Pedir cambios» ----------
def observation_create(working_file: WorkingFile, by, data: Mapping) -> Observation:
    step = str(data.get("step") or "")
    field = str(data.get("field") or "")
    if step not in {s.name for s in wizard.FORM_STEPS}:
        raise ValidationError({"step": _("Elija una sección del expediente.")}, code="invalid")
    if field and field not in dict(wizard.section_fields(step)):
        raise ValidationError({"field": _("Ese campo no pertenece a la sección elegida.")}, code="invalid")
    text = _text(data, "text", required=True, max_length=Observation.TEXT_MAX, label=_("la observación"))
    return Observation.objects.create(
        working_file=working_file,
        round=working_file.review_round,
        step=step,
        field=field,
        text=text,
        created_by=by,
    )
