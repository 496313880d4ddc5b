"""The wizard as an ordered registry of steps. Each step is one module of this package (see base.py).

Labels follow the SRE process in DOMAIN.md §3. Views and services ask this module what a step needs; nothing
else knows the order of the steps. Adding a step: write its module, add it to STEPS.
"""

from __future__ import annotations

from django import forms

from agreements.models import WorkingFile
from agreements.steps import prechecks
from agreements.steps.base import Step
from agreements.steps.council import CouncilStep
from agreements.steps.counterpart import CounterpartStep
from agreements.steps.diagnosis import DiagnosisStep
from agreements.steps.forms import StepContext
from agreements.steps.letter import LetterStep
from agreements.steps.object import ObjectStep
from agreements.steps.send import SendStep
from agreements.steps.text import TextStep

Status = WorkingFile.StepStatus

STEPS: tuple[Step, ...] = (
    DiagnosisStep(),
    CounterpartStep(),
    ObjectStep(),
    LetterStep(),
    TextStep(),
    CouncilStep(),
    SendStep(),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}
FORM_STEPS = tuple(step for step in STEPS if step.form_class)
LAST_STEP = STEPS[-1]


def get_step(name: str) -> Step | None:
    return STEPS_BY_NAME.get(name)


def answer_field(step_name: str, field_name: str) -> forms.Field:
    """The declared field of one answer (label, help text, limits): for a reader outside the step, such as
    the guide's self-check, whose texts are carried into the wizard and must fit the step's limits."""
    return STEPS_BY_NAME[step_name].answer_fields[field_name]


def missing_dependencies(working_file: WorkingFile, step: Step) -> list[Step]:
    statuses = working_file.step_statuses or {}
    return [STEPS_BY_NAME[n] for n in step.depends_on if statuses.get(n) != Status.COMPLETE]


def compute_statuses(working_file: WorkingFile, context: StepContext, results: list[dict]) -> dict:
    """Each step's status, in order, from its answers, its uploads and the pre-check's blocking findings."""
    blocking_rules = {r["rule"] for r in prechecks.blocking(results)}
    statuses: dict[str, str] = {}
    for step in STEPS:
        blocked = not blocking_rules.isdisjoint(step.rules)
        statuses[step.name] = step.status(working_file, context, blocked=blocked, earlier=dict(statuses))
    return statuses


def facts_from(context: StepContext) -> prechecks.Facts:
    """The pre-check's view of a working file: what each step's answers (read leniently, as typed) say."""
    facts: dict = {}
    for step in STEPS:
        facts.update(step.facts(context))
    return prechecks.Facts(**facts)


# --- Labels of a step's fields (the SRE's observations point at them) ----------------------------------
def section_fields(step_name: str) -> list[tuple[str, str]]:
    """(field name, label) of a wizard step that an observation may point at; "" is the whole section."""
    step = STEPS_BY_NAME[step_name]
    return [
        (name, str(field.label)) for name, field in step.declared_fields.items() if not field.widget.is_hidden
    ]


def field_label(step_name: str, field_name: str) -> str:
    step = STEPS_BY_NAME.get(step_name)
    if step is None or step.form_class is None or not field_name:
        return ""
    return dict(section_fields(step_name)).get(field_name, "")


def section_label(step_name: str, field_name: str) -> str:
    step = STEPS_BY_NAME.get(step_name)
    if step is None:
        return step_name
    label = f"{step.number}. {step.label}"
    fields = dict(section_fields(step_name)) if step.form_class else {}
    return f"{label} · {fields[field_name]}" if field_name in fields else label
