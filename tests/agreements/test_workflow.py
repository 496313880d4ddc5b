"""The workflow's transition table, walked whole: every (state, action) pair for every role.

Allowed transitions succeed for the roles the table names (state, event, effects); every other combination
is refused — TransitionNotAllowed when the action does not exist from that state, PermissionDenied when the
role may not take it — and nothing changes.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from agreements.models import WorkingFile, WorkingFileEvent
from agreements.workflow import transitions as workflow
from agreements.workflow.observations import observation_add, observation_delete
from tests.factories import (
    MunicipalityFactory,
    action_data,
    advance,
    complete_file,
    official,
    sre_user,
)

pytestmark = pytest.mark.django_db

State, Action, Role = WorkingFile.State, workflow.Action, workflow.Role

# The issue's table, written out independently of agreements/workflow/transitions.py.
SPEC = {
    ("borrador", "submit"): ("enviado", {"titular"}),
    ("enviado", "take"): ("en_revision", {"sre_reviewer", "sre_admin"}),
    ("reenviado", "take"): ("en_revision", {"sre_reviewer", "sre_admin"}),
    # Added to the issue's table: an administrator hands a file in review to another reviewer.
    ("en_revision", "reassign"): ("en_revision", {"sre_admin"}),
    ("en_revision", "request_changes"): ("observaciones", {"assigned_reviewer"}),
    ("observaciones", "resubmit"): ("reenviado", {"titular"}),
    ("en_revision", "favorable"): ("favorable", {"assigned_reviewer"}),
    ("en_revision", "unfavorable"): ("no_favorable", {"assigned_reviewer"}),
    ("favorable", "sign"): ("firmado", {"titular"}),
    ("firmado", "inscribe"): ("inscrito", {"sre_reviewer", "sre_admin"}),
    ("borrador", "withdraw"): ("retirado", {"titular"}),
    ("enviado", "withdraw"): ("retirado", {"titular"}),
    ("observaciones", "withdraw"): ("retirado", {"titular"}),
    ("reenviado", "withdraw"): ("retirado", {"titular"}),
    ("favorable", "withdraw"): ("retirado", {"titular"}),
}
PEOPLE = ["titular", "capturista", "other_titular", "reviewer", "other_reviewer", "admin"]


def test_the_table_is_the_issues_table():
    table = {(s, a): (t.target, set(t.roles)) for (s, a), t in workflow.TRANSITIONS.items()}
    assert table == SPEC
    # Dictamen no favorable, retirado and inscrito end the file: nothing leads out of them.
    assert {s for s, _a in SPEC} == set(State.values) - {"no_favorable", "retirado", "inscrito"}


@pytest.fixture
def people():
    town = MunicipalityFactory()
    return {
        "town": town,
        "titular": official(town, role="titular"),
        "capturista": official(town, role="capturista"),
        "other_titular": official(MunicipalityFactory(), role="titular"),
        "reviewer": sre_user("reviewer"),
        "other_reviewer": sre_user("reviewer"),
        "admin": sre_user("admin"),
    }


def held_roles(person: str, people: dict, wf: WorkingFile) -> set[str]:
    """The roles each test person holds on the file, worked out here rather than by workflow.roles_of."""
    held = {"titular": {"titular"}, "other_reviewer": {"sre_reviewer"}, "admin": {"sre_admin"}}.get(
        person, set()
    )
    if person == "reviewer":
        held = {"sre_reviewer"}
        if wf.assigned_reviewer_id == people["reviewer"].pk:
            held.add("assigned_reviewer")
    return held


@pytest.mark.parametrize("action", Action.values)
@pytest.mark.parametrize("state", State.values)
def test_every_state_action_and_role(people, state, action):
    wf = complete_file(people["town"], titular=people["titular"])
    wf = advance(wf, state, titular=people["titular"], reviewer=people["reviewer"])
    assert wf.state == state
    outcomes = {}
    for person in PEOPLE:
        user = people[person]
        wf.refresh_from_db()
        assignee = {Action.TAKE: people["reviewer"], Action.REASSIGN: people["other_reviewer"]}.get(action)
        assignee = assignee if person == "admin" else None
        data = action_data(wf, action, assignee=assignee)
        events_before = WorkingFileEvent.objects.filter(working_file=wf).count()
        savepoint = transaction.savepoint()
        try:
            moved = workflow.transition(file_id=wf.pk, action=action, by=user, data=data, note="")
            outcomes[person] = "ok"
            event = WorkingFileEvent.objects.filter(working_file=wf, kind="state_changed").latest("pk")
            assert (event.from_state, event.to_state, event.action, event.by) == (
                state,
                SPEC[(state, action)][0],
                action,
                user,
            )
            assert WorkingFile.objects.get(pk=wf.pk).state == moved.state == SPEC[(state, action)][0]
        except workflow.TransitionNotAllowed:
            outcomes[person] = "not_from_here"
        except PermissionDenied:
            outcomes[person] = "role"
        finally:
            transaction.savepoint_rollback(savepoint)
        if outcomes[person] != "ok":
            assert WorkingFile.objects.get(pk=wf.pk).state == state
            assert WorkingFileEvent.objects.filter(working_file=wf).count() == events_before
    if (state, action) not in SPEC:
        expected = dict.fromkeys(PEOPLE, "not_from_here")
    else:
        roles = SPEC[(state, action)][1]
        expected = {p: "ok" if held_roles(p, people, wf) & roles else "role" for p in PEOPLE}
    assert outcomes == expected


def test_transition_municipal_cannot_inscribe(people):
    wf = advance(
        complete_file(people["town"], titular=people["titular"]),
        State.SIGNED,
        titular=people["titular"],
        reviewer=people["reviewer"],
    )
    with pytest.raises(PermissionDenied):
        workflow.transition(file_id=wf.pk, action=Action.INSCRIBE, by=people["titular"])
    wf.refresh_from_db()
    assert (wf.state, wf.agreement_id) == ("firmado", None)


def test_only_the_assigned_reviewer_writes_observations_and_the_dictamen(people):
    wf = advance(
        complete_file(people["town"], titular=people["titular"]),
        State.IN_REVIEW,
        titular=people["titular"],
        reviewer=people["reviewer"],
    )
    data = {"step": "objeto", "field": "", "text": "Falta el programa de trabajo."}
    for intruder in ("other_reviewer", "admin", "titular"):
        with pytest.raises(PermissionDenied):
            observation_add(file_id=wf.pk, by=people[intruder], data=data)
    observation = observation_add(file_id=wf.pk, by=people["reviewer"], data=data)
    assert (observation.round, observation.step, observation.field, observation.sent_at) == (
        1,
        "objeto",
        "",
        None,
    )
    with pytest.raises(PermissionDenied):
        observation_delete(file_id=wf.pk, observation_id=observation.pk, by=people["other_reviewer"])
    assert observation_delete(file_id=wf.pk, observation_id=observation.pk, by=people["reviewer"])


def test_allowed_actions_are_the_buttons_of_each_role(people):
    wf = advance(
        complete_file(people["town"], titular=people["titular"]),
        State.SUBMITTED,
        titular=people["titular"],
        reviewer=people["reviewer"],
    )

    def actions(person):
        return [t.action for t in workflow.allowed_actions(people[person], wf)]

    assert actions("titular") == ["withdraw"]
    assert actions("capturista") == []
    assert actions("reviewer") == ["take"]
    assert actions("admin") == ["take"]
    assert actions("other_titular") == []


def test_a_submission_refreshes_the_file_once_in_its_new_state(people, monkeypatch):
    """Submit and resubmit re-validate the file once, already in the state they lead to: the last step
    («envío») is complete without a second pass over every step and the pre-check."""
    from agreements.steps import services

    wf = complete_file(people["town"], titular=people["titular"])
    seen = []
    refresh = services.refresh

    def spy(working_file, context):
        seen.append(working_file.state)
        refresh(working_file, context)

    monkeypatch.setattr(services, "refresh", spy)
    wf = advance(wf, State.RESUBMITTED, titular=people["titular"], reviewer=people["reviewer"])
    assert seen == [State.SUBMITTED, State.RESUBMITTED]
    wf.refresh_from_db()
    assert (wf.step_statuses["envio"], wf.steps_complete, wf.country_id) == ("completo", 7, "JP")


def test_a_city_typed_without_the_list_still_gives_the_country_and_the_registry_city(people):
    """Without JavaScript the city is typed, not picked (no `ciudad_id`); the wizard resolves the name in the
    catalogue and completes the step. The submission must resolve it the same way: the queue's country, the
    favorable dictamen (which needs the country) and the registry entry's partner city."""
    from agreements.steps import services

    wf = complete_file(people["town"], titular=people["titular"])
    city = services.counterpart_city(wf, services.load_context(wf))
    wf.answers = {**wf.answers, "contraparte": {**wf.answers["contraparte"], "ciudad_id": ""}}
    services.refresh(wf, services.load_context(wf))
    wf.save()
    assert wf.step_statuses["contraparte"] == "completo"
    wf = advance(wf, State.INSCRIBED, titular=people["titular"], reviewer=people["reviewer"])
    assert (wf.country_id, wf.agreement.partner_city, wf.agreement.country_id) == (
        city.country_id,
        city,
        city.country_id,
    )
