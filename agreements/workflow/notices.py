"""What the people concerned are told when a working file moves: one notice per state reached (who, which
page, subject and message), plus one to a reviewer an administrator assigned. Sent after commit by
`transition_notify`, the single hook between the workflow and the notifications app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFile, WorkingFileEvent
from agreements.workflow.actions import Action

State = WorkingFile.State


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
        recipients = notice_recipients(working_file, notice.audience)
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


def notice_recipients(working_file: WorkingFile, audience: str) -> list:
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
