"""Each wizard step is one class in one module (agreements/steps/): these tests walk the registry, so a new or
changed step is checked without touching them. Its form declares each answer once (label, help text, limits),
and every reader (the saved answers, the page's `maxlength`, the validation, the summary, the SRE's review,
the API's observation body, the guide's self-check) must agree with that declaration."""

import dataclasses
import math
from html.parser import HTMLParser

import pytest
from django.template.loader import get_template
from django.test import RequestFactory

from agreements.api.serializers import ObservationInputSerializer
from agreements.models import Observation
from agreements.steps import prechecks, services, suggestions
from agreements.steps import registry as wizard
from agreements.steps.base import Step, display
from guide.forms import SelfCheckForm
from tests.factories import (
    MunicipalityFactory,
    PartnerCityFactory,
    complete_file,
    complete_step_answers,
    official,
)

pytestmark = pytest.mark.django_db
FORM_STEPS = [pytest.param(step, id=step.name) for step in wizard.FORM_STEPS]


@pytest.fixture
def town():
    return MunicipalityFactory(name="Oaxaca de Juárez")


@pytest.fixture
def titular(town):
    return official(town, role="titular")


@pytest.fixture
def draft(town, titular):
    """Every step answered, both documents on file: every step page opens."""
    return complete_file(town, titular=titular, city=PartnerCityFactory(name="Kioto"))


def limited(step: Step) -> dict:
    """A step's answers with a declared length limit, walked from its form (no list to keep up to date)."""
    return {
        name: field
        for name, field in step.answer_fields.items()
        if getattr(field, "max_length", None) or getattr(field, "min_length", None)
    }


class Inputs(HTMLParser):
    """The attributes of every input and textarea of a page, by id."""

    def __init__(self):
        super().__init__()
        self.by_id: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in ("input", "textarea") and "id" in found:
            self.by_id[found["id"]] = found


# --- The registry -------------------------------------------------------------------------------------------
def test_registry_numbers_are_the_order_and_slugs_unique():
    assert [step.number for step in wizard.STEPS] == list(range(1, len(wizard.STEPS) + 1))
    assert list(wizard.STEPS_BY_NAME) == [
        "diagnostico",
        "contraparte",
        "objeto",
        "carta",
        "texto",
        "cabildo",
        "envio",
    ]
    assert wizard.LAST_STEP.form_class is None and all(s.form_class for s in wizard.STEPS[:-1])


def test_step_dependencies_point_to_earlier_steps():
    for step in wizard.STEPS:
        assert all(wizard.STEPS_BY_NAME[d].number < step.number for d in step.depends_on), step


def test_step_templates_exist_for_every_step():
    for step in wizard.STEPS:
        assert get_template(step.template_name), step


def test_step_modules_each_hold_one_step():
    modules = [type(step).__module__ for step in wizard.STEPS]
    assert len(set(modules)) == len(modules)
    for step in wizard.STEPS:
        assert step.form_class is None or step.form_class.__module__ == type(step).__module__, step


# --- The answers each step writes ---------------------------------------------------------------------------
@pytest.mark.parametrize("step", FORM_STEPS)
def test_step_saves_exactly_its_declared_answers(step, town, titular):
    """A full POST of the step stores one key per declared answer field, and nothing else."""
    wf = services.working_file_create(municipality=town, by=titular)
    answers = complete_step_answers(
        city=PartnerCityFactory(), signing_date="2099-01-01", session_date="2020-01-01"
    )
    data = {"carta": {"carta_fecha": "2020-01-01"}, **answers}[step.name]
    services.step_save(working_file_id=wf.pk, step_name=step.name, data=data, base_version=None, by=titular)
    wf.refresh_from_db()
    assert set(wf.answers[step.name]) == set(step.answer_fields)


def test_step_answers_keep_the_council_figures_the_municipality_has(town, titular):
    """Issue 13: the figures stay editable once recorded (a correction must reach the municipality)."""
    town.cabildo_members, town.term_ends_on = 12, "2030-09-30"
    town.save()
    wf = services.working_file_create(municipality=town, by=titular)
    step = wizard.STEPS_BY_NAME["cabildo"]
    answers = complete_step_answers(
        city=PartnerCityFactory(), signing_date="2099-01-01", session_date="2020-01-01"
    )
    services.step_save(
        working_file_id=wf.pk, step_name="cabildo", data=answers["cabildo"], base_version=None, by=titular
    )
    wf.refresh_from_db()
    assert set(wf.answers["cabildo"]) == set(step.answer_fields)


# --- One declaration of each limit and label ----------------------------------------------------------------
def test_step_forms_declare_limited_answers():
    """The walks below are not vacuous: the long texts of steps 1 and 3 are limited."""
    declared = {(s.name, n): f.max_length for s in wizard.FORM_STEPS for n, f in limited(s).items()}
    assert declared[("diagnostico", "objetivo")] == declared[("objeto", "objeto")] == 3000
    assert len(declared) >= 10


@pytest.mark.parametrize("step", FORM_STEPS)
def test_step_page_renders_the_declared_limit_of_every_field(step, client, titular, draft):
    """The counter's limit (`data-maxlength`, read by static/js/charcount.js) is the form's, and the browser
    has no `maxlength` to cut a pasted text silently (issue 13); the counter's markup says the limit."""
    client.force_login(titular)
    page = Inputs()
    html = client.get(f"/expedientes/{draft.pk}/pasos/{step.name}/").content.decode()
    page.feed(html)
    for name, field in limited(step).items():
        rendered = page.by_id[f"id_{name}"]
        assert "maxlength" not in rendered, name
        assert rendered.get("data-maxlength") == (str(field.max_length) if field.max_length else None), name
        assert rendered.get("minlength") == (str(field.min_length) if field.min_length else None), name
        if field.max_length:
            limit = f"{field.max_length:,}"
            assert f'<p class="charcount" id="id_{name}_count"' in html, name
            assert f">Hasta {limit} caracteres.</p>" in html, name
    assert '<script src="/static/js/charcount.js" defer></script>' in html


@pytest.mark.parametrize("step", FORM_STEPS)
def test_step_validation_refuses_one_character_over_the_declared_limit(step, draft):
    context = services.load_context(draft)
    for name, field in limited(step).items():
        at_limit = step.form_class(data={name: "a" * field.max_length}, context=context)
        over = step.form_class(data={name: "a" * (field.max_length + 1)}, context=context)
        codes = [e.code for e in at_limit.errors.as_data().get(name, [])]
        assert "max_length" not in codes, name
        assert "max_length" in [e.code for e in over.errors.as_data()[name]], name


@pytest.mark.parametrize("step", FORM_STEPS)
def test_step_summary_rows_use_the_declared_labels(step, draft):
    answers = draft.answers.get(step.name) or {}
    rows = step.summary_rows(answers, services.load_context(draft))
    declared = step.answer_fields
    shown = [n for n, f in declared.items() if not f.widget.is_hidden]
    assert [r["name"] for r in rows] == shown
    for row in rows:
        field = declared[row["name"]]
        assert (row["label"], row["value"]) == (field.label, display(field, answers.get(row["name"])))


@pytest.mark.parametrize("step", FORM_STEPS)
def test_step_review_sections_use_the_declared_labels(step):
    """The SRE's observations point at the same fields (and the documents), with the same labels."""
    declared = {
        **step.answer_fields,
        **{n: step.form_class.base_fields[n] for n in step.form_class.file_fields},
    }
    visible = {n for n, f in declared.items() if not f.widget.is_hidden}
    sections = wizard.section_fields(step.name)
    assert {name for name, _label in sections} == visible
    assert all(label == str(declared[name].label) for name, label in sections)


def test_observation_api_accepts_every_field_of_every_step():
    """The API's observation body is limited like the model, and every answer's name fits it."""
    limit = Observation._meta.get_field("field").max_length
    assert ObservationInputSerializer().fields["field"].max_length == limit
    for step in wizard.FORM_STEPS:
        for name, _label in wizard.section_fields(step.name):
            body = ObservationInputSerializer(data={"step": step.name, "field": name, "text": "Revise."})
            assert body.is_valid(), (step.name, name, body.errors)
            assert len(name) <= limit


def test_selfcheck_texts_fit_the_answers_they_fill(draft):
    """The guide's self-check carries three texts into steps 1 and 2: each has the limit of its answer."""
    carried = {
        "oficina_nombre": ("diagnostico", "oficina"),
        "objetivo_texto": ("diagnostico", "objetivo"),
        "ciudad": ("contraparte", "ciudad"),
    }
    context = services.load_context(draft)
    for guide_name, (step_name, name) in carried.items():
        longest = "a" * SelfCheckForm.base_fields[guide_name].max_length
        form = wizard.STEPS_BY_NAME[step_name].form_class(data={name: longest}, context=context)
        assert "max_length" not in [e.code for e in form.errors.as_data().get(name, [])], guide_name
        assert (
            SelfCheckForm.base_fields[guide_name].max_length
            == wizard.answer_field(step_name, name).max_length
        )


# --- Checks: the pre-check's facts and rules ---------------------------------------------------------------
def test_step_facts_cover_every_fact_read_from_the_answers(draft):
    """Each fact the pre-check reads from a file comes from exactly one step (the review adds the others)."""
    context = services.load_context(draft)
    contributed = [key for step in wizard.STEPS for key in step.facts(context)]
    review_facts = {"signature_recorded", "dictamen_favorable"}
    assert len(contributed) == len(set(contributed))
    assert set(contributed) == {f.name for f in dataclasses.fields(prechecks.Facts)} - review_facts


def test_every_precheck_rule_belongs_to_one_step():
    owners = {rule: [s.name for s in wizard.STEPS if rule in s.rules] for rule in prechecks.RULES_BY_ID}
    assert owners == {rule.id: [rule.step] for rule in prechecks.RULES}


def test_facts_from_reads_each_step(draft):
    facts = wizard.facts_from(services.load_context(draft))
    assert (facts.counterpart_type, facts.themes, facts.languages, facts.votes_for) == (
        "ciudad",
        ["cultural", "turistica"],
        ["es", "ja"],
        10,
    )
    assert facts.council_minutes_uploaded is True


# --- What each step's page needs besides its form -----------------------------------------------------------
def extra(step_name: str, working_file, query: str = "") -> dict:
    step = wizard.STEPS_BY_NAME[step_name]
    context = services.load_context(working_file)
    request = RequestFactory().get(f"/?{query}")
    form = step.unbound(working_file, context)
    return step.extra_context(request=request, working_file=working_file, form=form, context=context)


def test_step_extra_context_is_empty_for_steps_with_only_a_form(draft):
    assert extra("diagnostico", draft) == {} and extra("carta", draft) == {}


def test_counterpart_extra_context_asks_the_suggestion_provider(draft, monkeypatch):
    asked = []

    def provider(working_file, form, chosen):
        asked.append((working_file.pk, type(form).__name__, chosen))
        return [{"name": "Kioto"}]

    monkeypatch.setattr(suggestions, "_provider", [provider])
    assert extra("contraparte", draft, "ciudad=7") == {"suggestions": [{"name": "Kioto"}]}
    assert asked == [(draft.pk, "CounterpartForm", "7")]


def test_object_extra_context_notes_themes_that_are_municipal_only_in_part(draft):
    draft.answers = {
        **draft.answers,
        "objeto": {**draft.answers["objeto"], "temas": ["seguridad", "cultural"]},
    }
    notes = extra("objeto", draft)["theme_notes"]
    assert len(notes) == 1 and notes[0].startswith("Seguridad: sólo la seguridad pública municipal")


def test_text_extra_context_is_the_live_preview_of_every_language(draft):
    html = extra("texto", draft)["preview_html"]
    assert html.count('<article class="preview-doc"') == 2
    assert 'aria-label="español"' in html and 'aria-label="japonés"' in html
    step = wizard.STEPS_BY_NAME["texto"]
    live = step.live_context(request=RequestFactory().get("/"), working_file=draft)
    assert live == {"preview_html": html}


def test_council_extra_context_gives_the_recorded_figures_and_the_qualified_majority(draft):
    town = draft.municipality
    assert extra("cabildo", draft) == {"recorded_members": None, "recorded_term": None, "required_votes": 8}
    town.cabildo_members, town.term_ends_on = 17, "2030-09-30"
    got = extra("cabildo", draft)
    assert got == {
        "recorded_members": 17,
        "recorded_term": "2030-09-30",
        "required_votes": math.ceil(17 * 2 / 3),
    }
