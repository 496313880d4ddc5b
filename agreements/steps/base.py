"""A wizard step: its form, page, completion rule, checks and summary in one class (pretalx, cfp/flow).

Each step is a module of this package (diagnosis.py … send.py) with a subclass of `Step`; registry.py puts
them in order. The step's form declares its answers once: the label, help text and limits of each field are
read from the form's declared fields by the page (the `maxlength` the browser enforces), the summary, the
SRE's review and the guide's self-check. Readers of answers as typed (drafts) use the lenient readers below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import forms
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from agreements.clauses.answers import answer_bool
from agreements.models import WorkingFile
from agreements.steps import prechecks
from agreements.steps.forms import StepContext, StepForm

Status = WorkingFile.StepStatus

# Validation codes of a refusal grounded in the law (a private counterpart, a federal theme…), not a missing
# answer: the step "requiere atención" instead of "en progreso".
REFUSAL_CODES = {"private", "debt", "no_spanish", "federal", "short"}


def refused(form: forms.Form) -> bool:
    return any(
        getattr(error, "code", "") in REFUSAL_CODES
        for errors in form.errors.as_data().values()
        for error in errors
    )


# --- Answers as people read them -------------------------------------------------------------------------
def display(field: forms.Field, raw) -> str:
    """An answer as a person reads it: choice labels instead of codes, "Sí"/"No", "—" when empty."""
    if isinstance(field, forms.BooleanField):  # stored as a boolean: False is an answer, «No»
        return "—" if raw is None else (_("Sí") if answer_bool(raw) else _("No"))
    if raw in (None, "", []):
        return "—"
    if isinstance(field, forms.DateField):
        try:
            return date_format(dt.date.fromisoformat(str(raw)), "DATE_FORMAT")
        except ValueError:
            return str(raw)  # kept as typed until it is a valid date
    if isinstance(field, forms.ModelMultipleChoiceField):
        wanted = {str(v) for v in (raw if isinstance(raw, list) else [raw])}
        options = field.queryset if field.queryset is not None else ()
        return ", ".join(field.label_from_instance(o) for o in options if str(o.pk) in wanted) or "—"
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in cast(Iterable[tuple[Any, Any]], field.choices)}
        values = raw if isinstance(raw, list) else [raw]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(raw)


def visible_fields(form: StepForm) -> list[tuple[str, forms.Field]]:
    """The fields a person answers (no hidden ids, no file inputs: documents are shown apart)."""
    return [
        (name, field)
        for name, field in form.fields.items()
        if name not in form.file_fields and not field.widget.is_hidden
    ]


# --- Lenient readers of answers as typed (the pre-check reads drafts) -------------------------------------
def as_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def as_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return None


def as_list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


class Step:
    """One step of the wizard. Subclasses set the attributes and override the hooks they need."""

    number: int
    name: str  # the URL word and the key in WorkingFile.answers (Spanish, like the URLs)
    label: str | Promise
    summary: str | Promise  # one line on the task list
    form_class: type[StepForm] | None = None
    template_name = "agreements/wizard/step.html"
    depends_on: tuple[str, ...] = ()  # steps that must be complete before this one opens
    upload_kind: str = ""  # the document (WorkingFileUpload.Kind) this step needs on file, if any

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.number}. {self.name}>"

    # --- The form and the answers it writes ---------------------------------------------------------------
    def form(self, **kwargs) -> StepForm:
        if self.form_class is None:
            raise TypeError(f"The step «{self.name}» has no form.")
        return self.form_class(**kwargs)

    def bind(self, working_file: WorkingFile, context: StepContext, data=None, files=None) -> StepForm:
        """A form bound to `data` (a request), or to the saved answers when `data` is None."""
        if data is None:
            data = working_file.answers.get(self.name) or {}
        return self.form(data=data, files=files, context=context)

    def unbound(self, working_file: WorkingFile, context: StepContext) -> StepForm:
        """A form showing the saved answers as typed, without error messages (a first visit or a resume)."""
        initial = dict(working_file.answers.get(self.name) or {})
        for name, field in self.answer_fields.items():
            if isinstance(field, forms.BooleanField) and name in initial:
                initial[name] = answer_bool(initial[name])  # a checkbox ticks any value but False/None/""
        return self.form(initial=initial, context=context)

    @property
    def declared_fields(self) -> dict[str, forms.Field]:
        """Every field the step's form declares, documents included (what an SRE observation may point at)."""
        return dict(self.form_class.base_fields) if self.form_class else {}

    @property
    def answer_fields(self) -> dict[str, forms.Field]:
        """The answers this step writes into `WorkingFile.answers[name]`, as declared by its form (documents
        are uploads, not answers). A form may leave some out for a municipality (step 6), never add one."""
        files = self.form_class.file_fields if self.form_class else ()
        return {name: field for name, field in self.declared_fields.items() if name not in files}

    def shown_fields(self, answers: dict, context: StepContext) -> list[tuple[str, forms.Field]]:
        """The fields a person answered for these answers, in the form's order (summary, diff, conflict)."""
        return visible_fields(self.form(data=answers, context=context))

    def after_save(self, working_file: WorkingFile, form: StepForm) -> None:
        """Called by `services.step_save` inside its transaction, after the answers are stored."""

    # --- Completion -----------------------------------------------------------------------------------------
    def status(
        self, working_file: WorkingFile, context: StepContext, *, blocked: bool, earlier: Mapping[str, str]
    ) -> str:
        """From the saved answers, the uploads, a blocking pre-check finding (`blocked`) and the statuses of
        the steps before this one (`earlier`): a step whose prerequisites stopped being complete needs
        another look."""
        raw = working_file.answers.get(self.name) or {}
        has_upload = bool(self.upload_kind and self.upload_kind in context.uploads)
        if not any(v not in ("", [], None) for v in raw.values()) and not has_upload:
            return Status.NOT_STARTED
        form = self.bind(working_file, context)
        valid = form.is_valid()
        if blocked or (not valid and refused(form)):
            return Status.ATTENTION
        if not valid:
            return Status.IN_PROGRESS
        if any(earlier.get(d) != Status.COMPLETE for d in self.depends_on):
            return Status.ATTENTION
        return Status.COMPLETE

    # --- Checks ---------------------------------------------------------------------------------------------
    @property
    def rules(self) -> tuple[str, ...]:
        """The pre-check rules that read this step's answers: a blocking finding marks the step."""
        return tuple(rule.id for rule in prechecks.RULES if rule.step == self.name)

    def facts(self, context: StepContext) -> dict:
        """What this step's answers contribute to the pre-check's `Facts` (keyword arguments)."""
        return {}

    # --- The step's page ------------------------------------------------------------------------------------
    def extra_context(
        self, *, request: HttpRequest, working_file: WorkingFile, form: StepForm, context: StepContext
    ) -> dict:
        """What this step's template shows besides the form."""
        return {}

    def live_context(self, *, request: HttpRequest, working_file: WorkingFile) -> dict:
        """What an autosave answers besides "saved" (JSON), for the page to update itself."""
        return {}

    # --- The summary ("check your answers", the SRE's review) -----------------------------------------------
    def summary_rows(self, answers: dict, context: StepContext) -> list[dict]:
        """Each answer of this step, labelled and as a person reads it."""
        return [
            {"name": name, "label": field.label, "value": display(field, answers.get(name))}
            for name, field in self.shown_fields(answers, context)
        ]
