"""The wizard as an ordered registry of steps: name, label, form, dependencies and completion rule.

Labels follow the SRE process in DOMAIN.md §3. Views and services ask this module what a step needs; nothing
else knows the order of the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFile, WorkingFileUpload
from agreements.steps import forms as step_forms
from agreements.steps import prechecks

Status = WorkingFile.StepStatus


@dataclass(frozen=True)
class Step:
    number: int
    name: str  # URL slug and key in WorkingFile.answers
    label: object
    summary: object  # one line on the task list
    form_class: type[step_forms.StepForm] | None
    depends_on: tuple[str, ...] = ()
    upload_kind: str = ""  # the document this step needs on file, if any
    # Extra condition for "complete" once the form validates (the last step: the file has been sent).
    completion: Callable[[WorkingFile], bool] | None = None

    def bind(self, working_file: WorkingFile, context: step_forms.StepContext, data=None, files=None):
        """A form bound to `data` (a request), or to the saved answers when `data` is None."""
        if data is None:
            data = working_file.answers.get(self.name) or {}
        return self.form_class(data=data, files=files, context=context)

    def unbound(self, working_file: WorkingFile, context: step_forms.StepContext):
        """A form showing the saved answers as typed, without error messages (a first visit or a resume)."""
        return self.form_class(initial=working_file.answers.get(self.name) or {}, context=context)


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "diagnostico",
        _("Diagnóstico"),
        _("Objetivo de la internacionalización y oficina responsable"),
        step_forms.DiagnosisForm,
    ),
    Step(
        2,
        "contraparte",
        _("Contraparte"),
        _("La ciudad extranjera, su órgano de gobierno y sus contactos"),
        step_forms.CounterpartForm,
    ),
    Step(
        3,
        "objeto",
        _("Objeto y áreas de cooperación"),
        _("Para qué se firma, temas y modalidades"),
        step_forms.ObjectForm,
    ),
    Step(
        4,
        "carta",
        _("Carta de intención"),
        _("La carta firmada por las autoridades de ambas partes"),
        step_forms.LetterForm,
        upload_kind=WorkingFileUpload.Kind.LETTER_OF_INTENT,
    ),
    Step(
        5,
        "texto",
        _("Texto del acuerdo"),
        _("Tipo, idiomas, vigencia, seguimiento y financiamiento"),
        step_forms.TextForm,
        depends_on=("contraparte", "objeto"),
    ),
    Step(
        6,
        "cabildo",
        _("Aprobación de cabildo"),
        _("La sesión, la votación y el acta de cabildo"),
        step_forms.CouncilForm,
        upload_kind=WorkingFileUpload.Kind.COUNCIL_MINUTES,
    ),
    Step(
        7,
        "envio",
        _("Revisión y envío"),
        _("Revise sus respuestas, la revisión legal previa y envíe a la SRE"),
        None,
        depends_on=("diagnostico", "contraparte", "objeto", "carta", "texto", "cabildo"),
        completion=lambda wf: not wf.is_draft,
    ),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}
FORM_STEPS = tuple(step for step in STEPS if step.form_class)
LAST_STEP = STEPS[-1]


def get_step(name: str) -> Step | None:
    return STEPS_BY_NAME.get(name)


def missing_dependencies(working_file: WorkingFile, step: Step) -> list[Step]:
    statuses = working_file.step_statuses or {}
    return [STEPS_BY_NAME[n] for n in step.depends_on if statuses.get(n) != Status.COMPLETE]


def compute_statuses(working_file: WorkingFile, context: step_forms.StepContext, results: list[dict]) -> dict:
    """Each step's status from its saved answers, its uploads and the pre-check's blocking findings."""
    blocked_steps = {prechecks.RULES_BY_ID[r["rule"]].step for r in prechecks.blocking(results)}
    statuses: dict[str, str] = {}
    for step in FORM_STEPS:
        raw = working_file.answers.get(step.name) or {}
        has_upload = bool(step.upload_kind and step.upload_kind in context.uploads)
        if not any(v not in ("", [], None) for v in raw.values()) and not has_upload:
            statuses[step.name] = Status.NOT_STARTED
            continue
        form = step.bind(working_file, context)
        valid = form.is_valid()
        if step.name in blocked_steps or (not valid and refused(form)):
            statuses[step.name] = Status.ATTENTION
        elif valid:
            statuses[step.name] = Status.COMPLETE
        else:
            statuses[step.name] = Status.IN_PROGRESS
    # A step whose prerequisites stopped being complete needs another look.
    for step in FORM_STEPS:
        if statuses[step.name] == Status.COMPLETE and any(
            statuses[d] != Status.COMPLETE for d in step.depends_on
        ):
            statuses[step.name] = Status.ATTENTION
    statuses[LAST_STEP.name] = (
        Status.COMPLETE
        if LAST_STEP.completion(working_file)
        else (
            Status.IN_PROGRESS if all(s == Status.COMPLETE for s in statuses.values()) else Status.NOT_STARTED
        )
    )
    return statuses


REFUSAL_CODES = {"private", "debt", "no_spanish", "federal", "short"}


def refused(form) -> bool:
    """A refusal grounded in the law (a private counterpart, a federal theme…), not a missing answer."""
    return any(
        getattr(error, "code", "") in REFUSAL_CODES
        for errors in form.errors.as_data().values()
        for error in errors
    )


# --- Labels of a step's fields (the SRE's observations point at them) ----------------------------------
def section_fields(step_name: str) -> list[tuple[str, str]]:
    """(field name, label) of a wizard step that an observation may point at; "" is the whole section."""
    step = STEPS_BY_NAME[step_name]
    return [
        (name, str(field.label))
        for name, field in step.form_class.base_fields.items()
        if not field.widget.is_hidden
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
