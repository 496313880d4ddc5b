"""The review workflow of a working file (LCT art. 7): THE transition table and the one function that moves.

`TRANSITIONS` says, for each (state, action), the state it leads to and the roles that may take it. The
buttons a person sees (`allowed_actions`) and the API's actions come from it; `transition()` is the only
writer of `WorkingFile.state`: atomic, the file's row locked, role and state checked, the action's own work
done (handlers.py: observations sent, dictamen, signature, inscription…), an event recorded (who, when, from,
to, comment) and the notifications queued after commit (notices.py).

Roles are worked out per file: the titular (enlace) of the file's municipality, any SRE reviewer, the
reviewer assigned to this file, an SRE administrator. The moves that are not transitions: a reviewer's draft
observations (observations.py) and «nueva versión» (versions.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts import permissions as roles
from agreements.domain import permissions
from agreements.models import WorkingFile, WorkingFileEvent
from agreements.workflow.actions import Action, Role
from agreements.workflow.handlers import EFFECTS, MAX_NOTE, MIN_REASONING
from agreements.workflow.notices import transition_notify

# The workflow's interface: the pages, the API, the wizard and the tests read these from this module.
__all__ = [
    "AT_SRE",
    "ENDED",
    "MAX_NOTE",
    "MIN_REASONING",
    "TRANSITIONS",
    "Action",
    "Role",
    "Transition",
    "TransitionNotAllowed",
    "allowed_actions",
    "may",
    "may_copy",
    "roles_of",
    "transition",
]

State = WorkingFile.State
Event = WorkingFileEvent.Kind


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
        event_id: int = event.pk
        transaction.on_commit(lambda: transition_notify(event_id), robust=True)
    return working_file
