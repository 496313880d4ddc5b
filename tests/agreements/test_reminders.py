"""Reminders over simulated weeks: `send_reminders` twice a day, one day skipped, each e-mail exactly once."""

import datetime as dt
import io
from collections import Counter

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from agreements.models import Agreement, ReminderLog, WorkingFile
from agreements.reminders import services as reminders
from agreements.workflow import transitions as workflow
from notifications.models import DigestLog, EmailStatus, Notification, NotificationPreference
from tests.factories import (
    AgreementFactory,
    MunicipalityFactory,
    PartnerCityFactory,
    WorkingFileFactory,
    advance,
    complete_file,
    official,
    sre_user,
)

pytestmark = pytest.mark.django_db
MX = timezone.get_fixed_timezone(-6 * 60)
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=MX)  # a Monday
State = WorkingFile.State


@pytest.fixture(autouse=True)
def _default_language_after():
    """Leave the default language active for the next test, whatever the commands activated."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def day(n: int, hour: int = 9) -> dt.datetime:
    return (T0 + dt.timedelta(days=n)).replace(hour=hour)


@pytest.fixture
def town():
    return MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")


@pytest.fixture
def people(town):
    return {
        "titular": official(town, role="titular", email="titular@oaxaca.gob.mx"),
        "capturista": official(town, role="capturista", email="capturista@oaxaca.gob.mx"),
        "reviewer": sre_user(email="dictamina@sre.gob.mx"),
        "admin": sre_user("admin", email="admin@sre.gob.mx"),
    }


def run(capture, *, digests: bool = False) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_reminders", *([] if digests else ["--no-digests"]), stdout=out)
    return out.getvalue()


def sent(prefix="[Ciberparadiplomacia] ") -> Counter:
    return Counter((m.to[0], m.subject.removeprefix(prefix)) for m in mail.outbox)


def test_reminders_over_twelve_weeks_are_sent_once_each_and_caught_up(
    town, people, django_capture_on_commit_callbacks
):
    titular, reviewer = people["titular"], people["reviewer"]
    with time_machine.travel(T0, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            draft = complete_file(town, titular=titular, city=PartnerCityFactory(name="Kioto"))
            answering = advance(
                complete_file(town, titular=titular, city=PartnerCityFactory(name="Lyon")),
                State.OBSERVATIONS,
                titular=titular,
                reviewer=reviewer,
            )
            reviewing = advance(
                complete_file(town, titular=titular, city=PartnerCityFactory(name="Porto")),
                State.IN_REVIEW,
                titular=titular,
                reviewer=reviewer,
            )
            favorable = advance(
                complete_file(town, titular=titular, city=PartnerCityFactory(name="Quebec")),
                State.FAVORABLE,
                titular=titular,
                reviewer=reviewer,
            )
            signed = advance(
                complete_file(town, titular=titular, city=PartnerCityFactory(name="Austin")),
                State.SIGNED,
                titular=titular,
                reviewer=reviewer,
            )
        ending = AgreementFactory(
            municipality=town,
            source=Agreement.Source.RAI,
            registration_number="RAI-2025-00003",
            title="Hermanamiento Oaxaca de Juárez–Kunming",
            status=Agreement.Status.VIGENTE,
            valid_from=dt.date(2021, 6, 10),
            valid_until=day(100).date(),
        )
        town.term_ends_on = day(120).date()
        town.save()
        mail.outbox.clear()  # the transitions' own notices

        skipped = 10  # the due day of three reminders: the next run must catch them up
        for n in range(84):
            if n == skipped:
                continue
            for hour in (8, 14):
                traveller.move_to(day(n, hour))
                run(django_capture_on_commit_callbacks, digests=True)

    digests = [m for m in mail.outbox if m.subject.startswith("[Ciberparadiplomacia] Resumen semanal")]
    mail.outbox[:] = [m for m in mail.outbox if m not in digests]
    team = ("titular@oaxaca.gob.mx", "capturista@oaxaca.gob.mx")
    sre = ("dictamina@sre.gob.mx", "admin@sre.gob.mx")
    expected = Counter(
        {
            **{(to, f"Borrador sin cambios: {draft.display_title}"): 1 for to in team},
            **{(to, f"Observaciones de la SRE sin responder: {answering.display_title}"): 1 for to in team},
            **{(to, f"Revisión fuera de plazo: {reviewing.display_title}"): 1 for to in sre},
            (
                "titular@oaxaca.gob.mx",
                f"Dictamen favorable sin firma registrada: {favorable.display_title}",
            ): 1,
            **{(to, f"Acuerdo firmado pendiente de inscripción: {signed.display_title}"): 1 for to in sre},
            # 90 and 30 days before the agreement ends: two reminders with the same subject.
            **{
                (to, "Un acuerdo vence el 10 de junio de 2026: Hermanamiento Oaxaca de Juárez–Kunming"): 2
                for to in team
            },
            ("titular@oaxaca.gob.mx", "El periodo del ayuntamiento termina el 30 de junio de 2026"): 1,
        }
    )
    assert sent() == expected
    assert sum(expected.values()) == 14

    logs = {(log.kind, log.target): log for log in ReminderLog.objects.all()}
    assert len(logs) == 8
    # Due on day 10, which had no run: sent at the first run of day 11.
    for key in (
        ("observations_unanswered", f"expediente:{answering.pk}"),
        ("signed_not_inscribed", f"expediente:{signed.pk}"),
        ("agreement_ending_90", f"acuerdo:{ending.pk}"),
    ):
        assert logs[key].due_on == day(10).date()
        assert timezone.localtime(logs[key].sent_at, MX) == day(11, 8)
    # Due on a day with runs: sent at that day's first run, never again.
    assert timezone.localtime(logs[("draft_idle", f"expediente:{draft.pk}")].sent_at, MX) == day(14, 8)
    assert logs[("agreement_ending_30", f"acuerdo:{ending.pk}")].due_on == day(70).date()
    assert logs[("term_ending", f"municipio:{town.pk}")].due_on == day(30).date()

    # The weekly digests ran in the same command: one e-mail per person and week at most, one per log row.
    logs = list(DigestLog.objects.all())
    assert len(digests) == len(logs) > 0
    assert {log.email_status for log in logs} == {EmailStatus.SENT}
    weeks = Counter((log.user_id, timezone.localtime(log.emailed_at, MX).isocalendar()[:2]) for log in logs)
    assert set(weeks.values()) == {1}


def test_a_single_late_run_sends_what_fell_due_meanwhile(town, people, django_capture_on_commit_callbacks):
    with time_machine.travel(T0, tick=False) as traveller:
        draft = complete_file(town, titular=people["titular"])
        traveller.move_to(day(40))
        output = run(django_capture_on_commit_callbacks)
        assert output.startswith("2026-04-11: 1 reminder(s) sent (draft_idle: 1).")
        assert ReminderLog.objects.get().due_on == day(14).date()
        traveller.move_to(day(40, 15))
        assert run(django_capture_on_commit_callbacks).startswith(
            "2026-04-11: 0 reminder(s) sent (none due)."
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["capturista@oaxaca.gob.mx", "titular@oaxaca.gob.mx"]
    assert mail.outbox[0].subject == f"[Ciberparadiplomacia] Borrador sin cambios: {draft.display_title}"


def test_an_edited_draft_gets_a_new_due_date(town, people, django_capture_on_commit_callbacks):
    with time_machine.travel(T0, tick=False) as traveller:
        draft = complete_file(town, titular=people["titular"])
        traveller.move_to(day(15))
        run(django_capture_on_commit_callbacks)
        traveller.move_to(day(16))
        draft.answers["objeto"]["objeto"] = "Intercambio de buenas prácticas de turismo."
        draft.save()  # activity: the draft is no longer idle
        traveller.move_to(day(29))
        run(django_capture_on_commit_callbacks)
        traveller.move_to(day(30))
        run(django_capture_on_commit_callbacks)
    assert list(ReminderLog.objects.order_by("due_on").values_list("due_on", flat=True)) == [
        day(14).date(),
        day(30).date(),
    ]
    assert len(mail.outbox) == 4  # two people, twice


def test_after_a_long_outage_only_the_ending_reminder_that_still_makes_sense(
    town, people, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory(
        municipality=town,
        source=Agreement.Source.RAI,
        registration_number="RAI-2025-00009",
        status=Agreement.Status.VIGENTE,
        valid_until=day(20).date(),
    )
    with time_machine.travel(day(0), tick=False):
        run(django_capture_on_commit_callbacks)
    assert list(ReminderLog.objects.values_list("kind", "target")) == [
        ("agreement_ending_30", f"acuerdo:{agreement.pk}")
    ]


def test_agreements_without_validity_ended_or_not_inscribed_get_no_reminder(
    town, people, django_capture_on_commit_callbacks
):
    for fields in (
        {"source": Agreement.Source.PUBLIC_RECORD, "valid_until": day(20).date()},
        {"source": Agreement.Source.RAI, "registration_number": "RAI-1", "valid_until": None},
        {"source": Agreement.Source.RAI, "registration_number": "RAI-2", "valid_until": day(-1).date()},
        {
            "source": Agreement.Source.RAI,
            "registration_number": "RAI-3",
            "valid_until": day(20).date(),
            "status": Agreement.Status.TERMINADO,
        },
    ):
        AgreementFactory(municipality=town, **fields)
    with time_machine.travel(day(0), tick=False):
        assert run(django_capture_on_commit_callbacks).startswith(
            "2026-03-02: 0 reminder(s) sent (none due)."
        )


def test_reminder_emails_respect_the_preference_but_the_notification_stays(
    town, people, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=people["capturista"], email_reminders=False)
    with time_machine.travel(T0, tick=False) as traveller:
        complete_file(town, titular=people["titular"])
        traveller.move_to(day(14))
        run(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["titular@oaxaca.gob.mx"]]
    statuses = dict(
        Notification.objects.filter(kind="reminder.draft_idle").values_list(
            "recipient__email", "email_status"
        )
    )
    assert statuses == {
        "titular@oaxaca.gob.mx": EmailStatus.SENT,
        "capturista@oaxaca.gob.mx": EmailStatus.SKIPPED,
    }


def test_reminders_reach_people_in_their_language(town, people, django_capture_on_commit_callbacks):
    people["capturista"].language = "en"
    people["capturista"].save()
    with time_machine.travel(T0, tick=False) as traveller:
        draft = complete_file(town, titular=people["titular"])
        traveller.move_to(day(14))
        run(django_capture_on_commit_callbacks)
    english = next(m for m in mail.outbox if m.to == ["capturista@oaxaca.gob.mx"])
    assert (
        english.subject == f"[Ciberparadiplomacia] Draft unchanged: Agreement with {draft.counterpart_name}"
    )
    assert f"http://127.0.0.1:8000/en/expedientes/{draft.pk}/" in english.body
    assert "To stop receiving reminders by e-mail:" in english.body


@pytest.mark.parametrize("files", [1, 50])
def test_finding_due_reminders_costs_a_constant_number_of_queries(
    town, people, files, django_assert_num_queries
):
    with time_machine.travel(T0, tick=False):
        WorkingFileFactory.create_batch(files, municipality=town)
    with time_machine.travel(day(20), tick=False):
        # working files, their teams, admins? no (no SRE states), the sent log; agreements; municipalities
        with django_assert_num_queries(5):
            due = reminders.due_reminders(timezone.localdate())
    assert len(due) == files
    assert {d.kind for d in due} == {"draft_idle"}


def test_beat_runs_the_reminders_twice_a_day_and_the_sweepers():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["send-due-reminders"]["task"] == "agreements.send_due_reminders"
    assert schedule["send-due-reminders"]["schedule"].hour == {8, 14}
    assert schedule["sweep-documents"] == {"task": "agreements.sweep_documents", "schedule": 300}
    assert schedule["sweep-emails"] == {"task": "notifications.sweep_emails", "schedule": 300}
    assert schedule["send-weekly-digests"]["task"] == "notifications.send_digests"


def test_the_beat_task_sends_the_same_as_the_command(town, people, django_capture_on_commit_callbacks):
    from agreements.tasks import send_due_reminders

    with time_machine.travel(T0, tick=False) as traveller:
        complete_file(town, titular=people["titular"])
        traveller.move_to(day(14))
        with django_capture_on_commit_callbacks(execute=True):
            assert send_due_reminders.delay().get() == {"draft_idle": 1}
            assert send_due_reminders.delay().get() == {}
    assert len(mail.outbox) == 2


def test_workflow_transitions_notify_the_people_concerned(town, people, django_capture_on_commit_callbacks):
    """The workflow's hook calls notify(): the action e-mail goes out even with reminders turned off."""
    NotificationPreference.objects.create(user=people["titular"], email_reminders=False)
    wf = complete_file(town, titular=people["titular"])
    with django_capture_on_commit_callbacks(execute=True):
        advance(wf, State.OBSERVATIONS, titular=people["titular"], reviewer=people["reviewer"])
    subjects = sent()
    assert subjects[("titular@oaxaca.gob.mx", f"La SRE pidió cambios: {wf.counterpart_name}")] == 1
    assert (
        Notification.objects.get(
            recipient=people["titular"], kind=f"workflow.{workflow.Action.REQUEST_CHANGES}"
        ).category
        == "action"
    )
