"""What an official writes is what the portal keeps, shows and prints (issue 13): ticked and unticked boxes,
long texts never cut, and the answers already stored before booleans were stored as booleans."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from agreements import clauses
from agreements.models import ReviewRound
from agreements.steps import registry as wizard
from agreements.steps import services
from tests.factories import (
    MunicipalityFactory,
    PartnerCityFactory,
    complete_file,
    official,
)

pytestmark = pytest.mark.django_db

boolean_answers = importlib.import_module("agreements.migrations.0007_boolean_answers")


@pytest.fixture
def town():
    return MunicipalityFactory(name="Oaxaca de Juárez")


@pytest.fixture
def titular(town):
    return official(town, role="titular")


@pytest.fixture
def draft(town, titular):
    return complete_file(town, titular=titular, city=PartnerCityFactory(name="Kioto"))


def text_answers(draft, **changes) -> dict:
    answers = {**draft.answers["texto"], **changes}
    return {k: v for k, v in answers.items() if v is not None}


def save_text(draft, titular, data):
    draft.refresh_from_db()
    services.step_save(
        working_file_id=draft.pk, step_name="texto", data=data, base_version=draft.version, by=titular
    )
    draft.refresh_from_db()
    return draft


# --- Boxes: stored as booleans, read as booleans ------------------------------------------------------------
def test_unticked_box_is_stored_as_false_and_a_ticked_one_as_true(draft, titular):
    """A browser sends nothing for an unticked box and «on» for a ticked one."""
    save_text(draft, titular, text_answers(draft, comite=None))
    assert draft.answers["texto"]["comite"] is False
    assert draft.answers["texto"]["garantias_art8"] is False
    save_text(draft, titular, text_answers(draft, comite="on"))
    assert draft.answers["texto"]["comite"] is True


def test_unticked_box_reads_no_in_the_summary(draft, titular):
    save_text(draft, titular, text_answers(draft, comite=None))
    step = wizard.STEPS_BY_NAME["texto"]
    rows = {
        r["name"]: r["value"] for r in step.summary_rows(draft.answers["texto"], services.load_context(draft))
    }
    assert (rows["comite"], rows["garantias_art8"]) == ("No", "No")


def test_unticked_box_reopens_unticked(client, draft, titular):
    save_text(draft, titular, text_answers(draft, comite=None))
    client.force_login(titular)
    html = client.get(f"/expedientes/{draft.pk}/pasos/texto/").content.decode()
    assert '<input type="checkbox" name="comite" id="id_comite">' in html
    save_text(draft, titular, text_answers(draft, comite="on"))
    html = client.get(f"/expedientes/{draft.pk}/pasos/texto/").content.decode()
    assert '<input type="checkbox" name="comite" id="id_comite" checked>' in html


def test_unticked_committee_box_leaves_the_committee_out_of_the_agreement(draft, titular):
    save_text(draft, titular, text_answers(draft, comite=None))
    text = clauses.text_from_answers(draft, draft.answers)
    assert text.committee is False
    spanish = "\n".join(str(p) for p in _paragraphs(clauses.build(text, "es")))
    assert "comité de seguimiento" not in spanish
    assert "persona enlace" in spanish  # the liaison clause instead


def test_unticked_guarantees_are_not_taken_as_given_by_the_precheck(draft, titular):
    save_text(draft, titular, text_answers(draft, controversias="mecanismo", garantias_art8=None))
    facts = wizard.facts_from(services.load_context(draft))
    assert facts.dispute_guarantees is False
    r07 = [r for r in draft.precheck_results if r["rule"] == "R07"]
    assert [(r["level"], r["code"]) for r in r07] == [("blocking", "no_guarantees")]


def _paragraphs(document) -> list[str]:
    """Every string of a built document (headings and paragraphs), whatever its shape."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif hasattr(value, "__dict__"):
            walk(vars(value))

    walk(document)
    return found


# --- The answers stored before (migration 0007) -------------------------------------------------------------
def test_migration_lists_every_boolean_answer_the_steps_declare():
    """The migration carries its own copy of the (step, field) pairs: it must cover every declared box."""
    declared = {
        (step.name, name)
        for step in wizard.FORM_STEPS
        for name, field in step.answer_fields.items()
        if field.__class__.__name__ == "BooleanField"
    }
    assert (
        declared == set(boolean_answers.BOOLEAN_ANSWERS) == {("texto", "comite"), ("texto", "garantias_art8")}
    )


@pytest.mark.parametrize(
    ("stored", "converted"),
    [
        ("False", False),
        ("false", False),
        ("", False),
        ("True", True),
        ("true", True),
        ("on", True),
        (True, True),
        (False, False),
    ],
)
def test_migration_converts_stored_strings_to_booleans(draft, stored, converted):
    draft.answers = {
        **draft.answers,
        "texto": {**draft.answers["texto"], "comite": stored, "garantias_art8": stored},
    }
    draft.save()
    round_ = ReviewRound.objects.create(
        working_file=draft, number=1, answers=draft.answers, submitted_at=timezone.now()
    )
    boolean_answers.forwards(django_apps, None)
    draft.refresh_from_db()
    round_.refresh_from_db()
    for answers in (draft.answers, round_.answers):
        assert answers["texto"]["comite"] is converted
        assert answers["texto"]["garantias_art8"] is converted
        assert answers["texto"]["idiomas"] == ["es", "ja"]  # other answers untouched


def test_migration_leaves_files_without_the_step_alone(town, titular):
    wf = services.working_file_create(municipality=town, by=titular)
    wf.answers = {"diagnostico": {"objetivo": "False"}}
    wf.save()
    boolean_answers.forwards(django_apps, None)
    wf.refresh_from_db()
    assert wf.answers == {"diagnostico": {"objetivo": "False"}}
