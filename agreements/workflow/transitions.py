"""The review workflow of a working file (LCT art. 7): THE transition table and the one function that moves.

`TRANSITIONS` says, for each (state, action), the state it leads to and the roles that may take it. The
buttons a person sees (`allowed_actions`) and the API's actions come from it; `transition()` is the only
writer of `WorkingFile.state`: atomic, the file's row locked, role and state checked, the action's own work
done (observations sent, dictamen, signature, inscription…), an event recorded (who, when, from, to,
comment) and the notifications queued after commit.

Roles are worked out per file: the titular (enlace) of the file's municipality, any SRE reviewer, the
reviewer assigned to this file, an SRE administrator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import permissions as roles
from agreements.domain import permissions
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

State = WorkingFile.State
Event = WorkingFileEvent.Kind


class Action(models.TextChoices):
    SUBMIT = "submit", _("Enviar a la SRE")
    TAKE = "take", _("Tomar para revisión")
    REASSIGN = "reassign", _("Reasignar")
    REQUEST_CHANGES = "request_changes", _("Pedir cambios")
    RESUBMIT = "resubmit", _("Reenviar a la SRE")
    FAVORABLE = "favorable", _("Dictaminar favorable")
    UNFAVORABLE = "unfavorable", _("Dictaminar no favorable")
    SIGN = "sign", _("Registrar la firma")
    INSCRIBE = "inscribe", _("Inscribir en el registro")
    WITHDRAW = "withdraw", _("Retirar")


class Role(models.TextChoices):
    TITULAR = "titular", _("Titular (enlace) del municipio")
    SRE_REVIEWER = "sre_reviewer", _("Dictaminador(a) de la SRE")
    ASSIGNED_REVIEWER = "assigned_reviewer", _("Dictaminador(a) asignado(a)")
    SRE_ADMIN = "sre_admin", _("Administrador(a) de la SRE")


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    roles: frozenset[str]


def _table(*rows) -> dict[tuple[str, str], Transition]:
    table = {}
    for sources, action, target, who in rows:
        for source in sources:
            table[(source, action)] = Transition(source, action, target, frozenset(who))
    return table


R = Role
TRANSITIONS: dict[tuple[str, str], Transition] = _table(
    # from                                 action                  to                 who
    ((State.DRAFT,), Action.SUBMIT, State.SUBMITTED, {R.TITULAR}),
    ((State.SUBMITTED, State.RESUBMITTED), Action.TAKE, State.IN_REVIEW, {R.SRE_REVIEWER, R.SRE_ADMIN}),
    # Not in the table: a reviewer on leave must not strand a file, so an administrator hands it over.
    ((State.IN_REVIEW,), Action.REASSIGN, State.IN_REVIEW, {R.SRE_ADMIN}),
    ((State.IN_REVIEW,), Action.REQUEST_CHANGES, State.OBSERVATIONS, {R.ASSIGNED_REVIEWER}),
    ((State.OBSERVATIONS,), Action.RESUBMIT, State.RESUBMITTED, {R.TITULAR}),
    ((State.IN_REVIEW,), Action.FAVORABLE, State.FAVORABLE, {R.ASSIGNED_REVIEWER}),
    ((State.IN_REVIEW,), Action.UNFAVORABLE, State.UNFAVORABLE, {R.ASSIGNED_REVIEWER}),
    # LCT art. 7 (R06): the signature only after a favorable dictamen.
    ((State.FAVORABLE,), Action.SIGN, State.SIGNED, {R.TITULAR}),
    ((State.SIGNED,), Action.INSCRIBE, State.INSCRIBED, {R.SRE_REVIEWER, R.SRE_ADMIN}),
    (
        (State.DRAFT, State.SUBMITTED, State.OBSERVATIONS, State.RESUBMITTED, State.FAVORABLE),
        Action.WITHDRAW,
        State.WITHDRAWN,
        {R.TITULAR},
    ),
)
# A dictamen no favorable and a withdrawal end a file; "nueva versión" copies it into a new draft.
ENDED = (State.UNFAVORABLE, State.WITHDRAWN)
# The SRE holds the file in these states: its days are counted against AGREEMENTS_REVIEW_TARGET_DAYS.
AT_SRE = (State.SUBMITTED, State.IN_REVIEW, State.RESUBMITTED)
MIN_REASONING = 20
MAX_NOTE = 300


class TransitionNotAllowed(Exception):
    """The action does not exist from the file's current state (someone may have just moved it)."""

    def __init__(self, state: str, action: str):
        super().__init__(f"{action} is not allowed from {state}")
        self.state, self.action = state, action


# --- Roles and allowed actions ------------------------------------------------------------------------------
def roles_of(user, working_file: WorkingFile) -> set[str]:
    """The workflow roles `user` holds on this file (memberships loaded once, then free)."""
    roles.load_memberships(user)
    held: set[str] = set()
    if roles.can_submit_for(user, working_file.municipality_id):
        held.add(Role.TITULAR)
    if roles.is_sre_reviewer(user):
        held.add(Role.SRE_REVIEWER)
        if working_file.assigned_reviewer_id == user.pk:
            held.add(Role.ASSIGNED_REVIEWER)
    if roles.is_sre_admin(user):
        held.add(Role.SRE_ADMIN)
    return held


def allowed_actions(user, working_file: WorkingFile) -> list[Transition]:
    """What this user may do with the file now, in the table's order: buttons and the API read this."""
    held = roles_of(user, working_file)
    return [t for (source, _a), t in TRANSITIONS.items() if source == working_file.state and held & t.roles]


def may(user, working_file: WorkingFile, action: str) -> bool:
    return any(t.action == action for t in allowed_actions(user, working_file))


def may_copy(user, working_file: WorkingFile) -> bool:
    """«Nueva versión»: an ended file, and someone of its municipality's team."""
    return working_file.state in ENDED and permissions.can_create_file(user, working_file.municipality_id)


# --- The one writer of `state` ------------------------------------------------------------------------------
def transition(
    *, file_id: int, action: str, by, note: str = "", data: Mapping[str, Any] | None = None
) -> WorkingFile:
    """Perform `action` on the file as `by`. Raises TransitionNotAllowed (wrong state), PermissionDenied
    (wrong role) or ValidationError (the action's data: a message per field); nothing is written then."""
    with transaction.atomic():
        working_file = WorkingFile.objects.select_for_update().get(pk=file_id)
        rule = TRANSITIONS.get((working_file.state, action))
        if rule is None:
            raise TransitionNotAllowed(working_file.state, action)
        if not roles_of(by, working_file) & rule.roles:
            raise PermissionDenied(f"{action} needs one of {sorted(rule.roles)}")
        now = timezone.now()
        previous = working_file.state
        # The action's work sees the file in its new state: a (re)submission's refresh then finds the last
        # step ("envío") complete. Should it raise, the transaction and this in-memory row are dropped.
        working_file.state = rule.target
        detail = EFFECTS[action](working_file, by, dict(data or {}), now)
        if rule.target != previous:  # a reassignment keeps the file's days in its state
            working_file.state_changed_at = now
        working_file.save()
        event = WorkingFileEvent.objects.create(
            working_file=working_file,
            kind=Event.STATE_CHANGED,
            action=action,
            from_state=previous,
            to_state=rule.target,
            detail=(note.strip() or detail)[:MAX_NOTE],
            by=by,
        )
        # robust: the transition is committed by then; a failing notification is logged, not raised.
        transaction.on_commit(lambda event_id=event.pk: transition_notify(event_id), robust=True)
    return working_file


def transition_notify(event_id: int) -> None:
    """After commit: tell the people concerned (in the portal and by e-mail) that the file moved.

    The single hook between the workflow and the notifications app (`notifications.services.notify`); while
    that app is not installed it does nothing.
    """
    if not apps.is_installed("notifications"):
        return
    from notifications.services import notify

    event = (
        WorkingFileEvent.objects.select_related("working_file__municipality", "working_file__agreement")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return
    notices = []
    if event.to_state in NOTICES and event.from_state != event.to_state:
        notices.append(NOTICES[event.to_state])
    if (
        event.action in (Action.TAKE, Action.REASSIGN)
        and event.working_file.assigned_reviewer_id != event.by_id
    ):
        notices.append(ASSIGNED_NOTICE)  # an administrator chose the reviewer: tell them
    working_file = event.working_file
    agreement = working_file.agreement
    for notice in notices:
        recipients = _notice_recipients(working_file, notice.audience)
        if not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):  # notify() wants the default language's path
            url = reverse(notice.url_name, args=[working_file.pk])
        notify(
            recipients=recipients,
            kind=f"workflow.{event.action}",
            url=url,
            action_required=notice.action_required,
            subject=notice.subject,
            message=notice.message,
            context={
                "file": working_file.counterpart_name or f"n.º {working_file.pk}",
                "municipality": working_file.municipality.name,
                "number": agreement.registration_number if agreement else "",
                "comment": event.detail,
            },
        )


@dataclass(frozen=True)
class Notice:
    audience: str  # "municipality", "reviewer" (the assigned one, else the SRE administrators), "admins"
    url_name: str
    subject: object
    message: object
    action_required: bool = False


NOTICES: dict[str, Notice] = {
    State.SUBMITTED: Notice(
        "admins",
        "review:file",
        _("Expediente nuevo en la cola de revisión: %(file)s"),
        _(
            "%(municipality)s envió a la SRE el expediente del acuerdo con %(file)s. Asígnelo a una persona "
            "dictaminadora."
        ),
        action_required=True,
    ),
    State.IN_REVIEW: Notice(
        "municipality",
        "agreements:status",
        _("La SRE revisa su expediente: %(file)s"),
        _("Una persona dictaminadora de la SRE tomó el expediente del acuerdo con %(file)s."),
    ),
    State.OBSERVATIONS: Notice(
        "municipality",
        "agreements:file_detail",
        _("La SRE pidió cambios: %(file)s"),
        _(
            "La SRE hizo observaciones al expediente del acuerdo con %(file)s. Responda cada una, corrija lo "
            "necesario y reenvíe el expediente."
        ),
        action_required=True,
    ),
    State.RESUBMITTED: Notice(
        "reviewer",
        "review:file",
        _("Expediente reenviado: %(file)s"),
        _("%(municipality)s respondió las observaciones y reenvió el expediente del acuerdo con %(file)s."),
        action_required=True,
    ),
    State.FAVORABLE: Notice(
        "municipality",
        "agreements:status",
        _("Dictamen favorable: %(file)s"),
        _(
            "La SRE emitió dictamen favorable para el acuerdo con %(file)s. Ya puede firmarse; después "
            "registre la firma y suba el acuerdo firmado en el portal."
        ),
        action_required=True,
    ),
    State.UNFAVORABLE: Notice(
        "municipality",
        "agreements:status",
        _("Dictamen no favorable: %(file)s"),
        _(
            "La SRE emitió dictamen no favorable para el acuerdo con %(file)s. Lea la fundamentación en el "
            "portal."
        ),
    ),
    State.SIGNED: Notice(
        "reviewer",
        "review:file",
        _("Acuerdo firmado, listo para inscribir: %(file)s"),
        _("%(municipality)s registró la firma del acuerdo con %(file)s y subió el acuerdo firmado."),
        action_required=True,
    ),
    State.INSCRIBED: Notice(
        "municipality",
        "agreements:status",
        _("Acuerdo inscrito en el registro: %(number)s"),
        _("La SRE inscribió el acuerdo con %(file)s en el Registro de Acuerdos Interinstitucionales."),
    ),
    State.WITHDRAWN: Notice(
        "reviewer",
        "review:file",
        _("Expediente retirado: %(file)s"),
        _("%(municipality)s retiró el expediente del acuerdo con %(file)s. %(comment)s"),
    ),
}


ASSIGNED_NOTICE = Notice(
    "reviewer",
    "review:file",
    _("Se le asignó un expediente: %(file)s"),
    _(
        "Una persona administradora de la SRE le asignó el expediente de %(municipality)s para el acuerdo "
        "con %(file)s. Revíselo y emita su dictamen o pida cambios."
    ),
    action_required=True,
)


def _notice_recipients(working_file: WorkingFile, audience: str) -> list:
    from accounts.models import Membership, User

    if audience == "municipality":
        members = Membership.objects.filter(
            municipality_id=working_file.municipality_id, user__is_active=True
        )
        return [m.user for m in members.select_related("user")]
    if audience == "reviewer" and working_file.assigned_reviewer_id:
        return list(User.objects.filter(pk=working_file.assigned_reviewer_id, is_active=True))
    if audience == "reviewer" and working_file.state == State.WITHDRAWN:
        return []  # withdrawn before anyone took it: nobody at the SRE is working on it
    return list(User.objects.filter(sre_role=User.SreRole.ADMIN, is_active=True))


# --- What each action does besides moving the state ---------------------------------------------------------
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
        _observation_create(working_file, by, item)
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
        signed_on=signed_on,
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


# --- The reviewer's draft observations (no state change) ----------------------------------------------------
def _observation_create(working_file: WorkingFile, by, data: Mapping) -> Observation:
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


def _locked_for_reviewer(file_id: int, by) -> WorkingFile:
    working_file = WorkingFile.objects.select_for_update().get(pk=file_id)
    if working_file.state != State.IN_REVIEW:
        raise TransitionNotAllowed(working_file.state, "observe")
    if Role.ASSIGNED_REVIEWER not in roles_of(by, working_file):
        raise PermissionDenied("only the assigned reviewer writes observations")
    return working_file


@transaction.atomic
def observation_add(*, file_id: int, by, data: Mapping) -> Observation:
    """A draft observation of the current round, seen by SRE staff only until «Pedir cambios» sends it."""
    return _observation_create(_locked_for_reviewer(file_id, by), by, data)


@transaction.atomic
def observation_delete(*, file_id: int, observation_id: int, by) -> bool:
    """Delete a draft (a sent observation stays: the municipality has read it). False: nothing to delete."""
    working_file = _locked_for_reviewer(file_id, by)
    deleted, _rows = working_file.observations.drafts().filter(pk=observation_id).delete()
    return bool(deleted)


# --- Nueva versión ------------------------------------------------------------------------------------------
@transaction.atomic
def new_version(*, file_id: int, by) -> WorkingFile:
    """Copy an ended file (dictamen no favorable, retirado) into a new draft linked to it; a second call
    returns the same draft (a double click makes one copy)."""
    old = WorkingFile.objects.select_for_update().get(pk=file_id)
    if old.state not in ENDED:
        raise TransitionNotAllowed(old.state, "new_version")
    if not permissions.can_create_file(by, old.municipality_id):
        raise PermissionDenied("only the municipality's team copies its files")
    existing = old.newer_versions.order_by("pk").first()
    if existing is not None:
        return existing
    now = timezone.now()
    copy = WorkingFile.objects.create(
        municipality_id=old.municipality_id,
        answers=old.answers,
        step_versions=old.step_versions,
        created_by=by,
        previous_version=old,
        state_changed_at=now,
    )
    for kind, upload in services.load_context(old).uploads.items():
        if kind != WorkingFileUpload.Kind.SIGNED_AGREEMENT:
            upload.pk, upload.working_file = None, copy  # the same stored PDF, a new row
            upload._state.adding = True
            upload.save()
    services.refresh(copy, services.load_context(copy))
    copy.save()
    WorkingFileEvent.objects.bulk_create(
        [
            WorkingFileEvent(working_file=copy, kind=Event.CREATED, detail=str(old.pk), by=by),
            WorkingFileEvent(working_file=old, kind=Event.NEW_VERSION, detail=str(copy.pk), by=by),
        ]
    )
    return copy
