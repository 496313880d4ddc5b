"""What both sides of the review see about a working file: its state's colour, the timeline in the reader's
language, the observations by round, the dictamen and the signature. The SRE's review page (sre_views.py) and
the municipality's status page (municipality_views.py) start from `file_summary`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.domain import selectors
from agreements.models import WorkingFile, WorkingFileEvent
from agreements.review import selectors as review_selectors
from agreements.steps import prechecks
from agreements.steps import registry as wizard
from agreements.workflow import transitions as workflow

State = WorkingFile.State
Action = workflow.Action
Kind = WorkingFileEvent.Kind
STATE_CSS = {
    State.DRAFT: "tag-grey",
    State.SUBMITTED: "tag-blue",
    State.RESUBMITTED: "tag-blue",
    State.IN_REVIEW: "tag-yellow",
    State.OBSERVATIONS: "tag-red",
    State.FAVORABLE: "tag-green",
    State.UNFAVORABLE: "tag-red",
    State.SIGNED: "tag-green",
    State.INSCRIBED: "tag-green",
    State.WITHDRAWN: "tag-grey",
}


def describe_event(event: WorkingFileEvent) -> tuple[str, str]:
    """(what happened, detail) in the reader's language."""
    steps = wizard.STEPS_BY_NAME
    section = str(steps[event.step].label) if event.step in steps else ""
    what, detail = str(event.get_kind_display()), event.detail
    if event.kind == Kind.STATE_CHANGED:
        what = str(State(event.to_state).label) if event.to_state in State.values else what
        if event.action == Action.REASSIGN:
            what = _("Expediente reasignado")
        if event.action in (Action.TAKE, Action.REASSIGN) and event.detail:
            detail = _("asignado a %(name)s") % {"name": event.detail}
        elif event.action == Action.REQUEST_CHANGES and event.detail.isdigit():
            n = int(event.detail)
            detail = ngettext("%(n)d observación", "%(n)d observaciones", n) % {"n": n}
        elif event.action == Action.INSCRIBE and event.detail:
            detail = _("número de registro %(number)s") % {"number": event.detail}
    elif event.kind == Kind.OBSERVATION:
        what = _("Observación de la SRE en «%(section)s»") % {"section": section}
    elif event.kind == Kind.ANSWER:
        what = _("Respuesta del municipio en «%(section)s»") % {"section": section}
    elif event.kind == Kind.CREATED and event.detail:
        detail = _("nueva versión del expediente n.º %(n)s") % {"n": event.detail}
    elif event.kind == Kind.NEW_VERSION:
        detail = _("expediente n.º %(n)s") % {"n": event.detail}
    elif event.kind in (Kind.STEP_COMPLETED, Kind.CONFLICT_RESOLVED) and section:
        what = f"{what}: {section}"
    return what, detail


def timeline_rows(events: Iterable[WorkingFileEvent]) -> list[dict]:
    rows = []
    for event in events:
        what, detail = describe_event(event)
        by = event.by
        rows.append(
            {
                "event": event,
                "what": what,
                "detail": detail,
                "by": by.get_full_name() or by.email if by else "",
            }
        )
    return rows


def observation_rounds(observations) -> list[dict]:
    """Sent observations grouped by round, each with its section and field labels."""
    rounds: dict[int, list] = {}
    for observation in observations:
        rounds.setdefault(observation.round, []).append(observation)
    return [{"number": number, "observations": items} for number, items in sorted(rounds.items())]


def file_summary(request: HttpRequest, working_file: WorkingFile, *, sre: bool) -> dict:
    """The context both sides' pages share (a constant number of queries: events, observations)."""
    observations = review_selectors.observations(working_file, drafts=sre)
    for observation in observations:
        observation.section_label = wizard.section_label(observation.step, observation.field)
        observation.field_label = wizard.field_label(observation.step, observation.field)
    today = timezone.localdate()
    return {
        "wf": working_file,
        "state_label": State(working_file.state).label,
        "state_css": STATE_CSS[working_file.state],
        "timeline": timeline_rows(selectors.working_file_history(working_file)),
        "rounds": observation_rounds([o for o in observations if o.sent_at]),
        "drafts": [o for o in observations if not o.sent_at and o.round == working_file.review_round],
        "dictamen": review_selectors.related(working_file, "dictamen"),
        "signature": review_selectors.related(working_file, "signature"),
        "actions": {t.action for t in workflow.allowed_actions(request.user, working_file)},
        "clock": review_selectors.clock(working_file, today),
        "waiting_days": review_selectors.waiting_days(working_file, today),
        "results": prechecks.describe(working_file.precheck_results),
    }
