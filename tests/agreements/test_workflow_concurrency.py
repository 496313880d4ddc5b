"""Concurrency on PostgreSQL: threads with their own database connections, all committed for real.

Two transitions racing on one file: the row lock makes the second see the first's new state, so only one
succeeds. Twenty inscriptions racing for numbers: the year's sequence row is locked, so they get twenty
distinct, consecutive numbers.
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from agreements.models import Agreement, RegistrySequence, WorkingFile, WorkingFileEvent
from agreements.workflow import handlers
from agreements.workflow import transitions as workflow
from tests.conftest import require
from tests.factories import MunicipalityFactory, advance, complete_file, official, sre_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]
State, Action = WorkingFile.State, workflow.Action


@pytest.fixture(autouse=True)
def postgresql():
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://…)")


def race(calls) -> list:
    """Run every call at the same moment, each in its own thread and connection; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = ("ok", call())
        except Exception as error:  # noqa: BLE001 — the test asserts which ones failed and why
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_reviewers_taking_one_file_cannot_both_succeed(monkeypatch):
    town = MunicipalityFactory()
    titular = official(town)
    first, second = sre_user("reviewer"), sre_user("reviewer")
    wf = advance(complete_file(town, titular=titular), State.SUBMITTED, titular=titular, reviewer=first)
    take = handlers.EFFECTS[Action.TAKE]

    def slow_take(*args):
        detail = take(*args)
        time.sleep(0.3)  # hold the row lock while the other thread asks for it
        return detail

    monkeypatch.setitem(handlers.EFFECTS, Action.TAKE, slow_take)
    results = race(
        [
            lambda u=user: workflow.transition(file_id=wf.pk, action=Action.TAKE, by=u)
            for user in (first, second)
        ]
    )
    outcomes = sorted(kind if kind == "ok" else type(value).__name__ for kind, value in results)
    assert outcomes == ["TransitionNotAllowed", "ok"]
    winner = first if results[0][0] == "ok" else second
    wf.refresh_from_db()
    assert (wf.state, wf.assigned_reviewer) == ("en_revision", winner)
    taken = WorkingFileEvent.objects.filter(working_file=wf, action=Action.TAKE)
    assert list(taken.values_list("by", flat=True)) == [winner.pk]


def test_asking_for_changes_and_a_dictamen_at_once_leave_one_outcome():
    town = MunicipalityFactory()
    titular, reviewer = official(town), sre_user("reviewer")
    wf = advance(complete_file(town, titular=titular), State.IN_REVIEW, titular=titular, reviewer=reviewer)
    # Both are allowed from «en revisión», and neither from where the other leads.
    results = race(
        [
            lambda: workflow.transition(
                file_id=wf.pk,
                action=Action.FAVORABLE,
                by=reviewer,
                data={"reasoning": "El acuerdo se ajusta a la ley y a las atribuciones municipales."},
            ),
            lambda: workflow.transition(
                file_id=wf.pk,
                action=Action.REQUEST_CHANGES,
                by=reviewer,
                data={"observations": [{"step": "objeto", "text": "Precise el objeto."}]},
            ),
        ]
    )
    outcomes = sorted(kind if kind == "ok" else type(value).__name__ for kind, value in results)
    assert outcomes == ["TransitionNotAllowed", "ok"]
    wf.refresh_from_db()
    won = "favorable" if results[0][0] == "ok" else "observaciones"
    assert wf.state == won
    # The loser wrote nothing: no dictamen after observations, no observation after a dictamen.
    assert wf.observations.count() == (1 if won == "observaciones" else 0)
    assert hasattr(wf, "dictamen") is (won == "favorable")


def test_twenty_concurrent_inscriptions_get_twenty_consecutive_numbers():
    town = MunicipalityFactory()
    titular, reviewer, admin = official(town), sre_user("reviewer"), sre_user("admin")
    files = [
        advance(complete_file(town, titular=titular), State.SIGNED, titular=titular, reviewer=reviewer)
        for _ in range(20)
    ]
    # Reviewer and administrator both inscribe: two people, twenty connections, one sequence.
    calls = [
        lambda wf=wf, by=(reviewer if n % 2 else admin): workflow.transition(
            file_id=wf.pk, action=Action.INSCRIBE, by=by
        )
        for n, wf in enumerate(files)
    ]
    results = race(calls)
    assert [kind for kind, _value in results] == ["ok"] * 20, [v for k, v in results if k != "ok"]
    year = timezone.localdate().year
    numbers = sorted(Agreement.objects.filter(source="rai").values_list("registration_number", flat=True))
    assert numbers == [f"RAI-{year}-{n:05d}" for n in range(1, 21)]
    assert RegistrySequence.objects.get(year=year).last_number == 20
    assert WorkingFile.objects.filter(state="inscrito", agreement__isnull=False).count() == 20
