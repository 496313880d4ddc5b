"""Writes for the working file's answers and documents; its `state` is written by `workflow.transition`."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from agreements.domain import permissions, selectors
from agreements.models import WorkingFile, WorkingFileEvent, WorkingFileUpload
from agreements.steps import prechecks
from agreements.steps import registry as wizard
from agreements.steps.base import Step
from agreements.steps.counterpart import counterpart_city as counterpart_city  # other packages read it here
from agreements.steps.counterpart import counterpart_name
from agreements.steps.forms import StepContext
from agreements.steps.registry import facts_from
from municipalities.models import Municipality

Status = WorkingFile.StepStatus
COUNTERPART_NAME_MAX = WorkingFile._meta.get_field("counterpart_name").max_length


class NotEditable(Exception):
    """The file is with the SRE (or done): its answers are frozen until the SRE asks for changes."""


class StepConflict(Exception):
    """Someone saved this step after the version the user started from, and changed a field the user changed
    too (to another value): nothing was written.

    `conflicts` names those fields in the form's order; `merged` is the step with every other change of both
    sides applied (a conflicting field holds the saved value until someone chooses); `base` is what the user
    started from (None when the page did not say: then every differing field is a conflict)."""

    def __init__(
        self,
        *,
        step: str,
        theirs: dict,
        mine: dict,
        version: int,
        base: dict | None = None,
        conflicts: list[str] | None = None,
        merged: dict | None = None,
        taken: list[str] | None = None,
    ):
        super().__init__(step)
        self.step, self.theirs, self.mine, self.version = step, theirs, mine, version
        self.base = base
        self.taken = taken if taken is not None else []  # merged from the other save, without asking
        self.conflicts = conflicts if conflicts is not None else []
        self.merged = merged if merged is not None else dict(theirs)


class SubmitRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class SaveOutcome:
    working_file: WorkingFile
    form: object
    valid: bool
    changed: bool
    uploads: list[WorkingFileUpload] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # fields taken from someone else's later save


def load_context(working_file: WorkingFile) -> StepContext:
    return StepContext(working_file=working_file, uploads=selectors.uploads_latest_by_kind(working_file))


def refresh(working_file: WorkingFile, context: StepContext) -> None:
    """Recompute what is derived from the answers: pre-check results, step statuses, counterpart name."""
    results = prechecks.run(facts_from(context))
    statuses = wizard.compute_statuses(working_file, context, results)
    working_file.precheck_results = results
    working_file.prechecked_at = timezone.now()
    working_file.step_statuses = statuses
    working_file.steps_complete = sum(1 for s in statuses.values() if s == Status.COMPLETE)
    working_file.counterpart_name = counterpart_name(working_file, context)[:COUNTERPART_NAME_MAX]


@transaction.atomic
def working_file_create(*, municipality: Municipality, by) -> WorkingFile:
    if not permissions.can_create_file(by, municipality.pk):
        raise PermissionDenied
    working_file = WorkingFile.objects.create(municipality=municipality, created_by=by)
    refresh(working_file, load_context(working_file))
    working_file.save()
    WorkingFileEvent.objects.create(working_file=working_file, kind=WorkingFileEvent.Kind.CREATED, by=by)
    return working_file


def empty_as_none(value):
    """Empty is empty, whichever way a widget reports it (a missing key, "" or an empty list)."""
    return None if value in (None, "", []) else value


def merge_answers(
    *, base: dict | None, mine: dict, theirs: dict, order: list[str]
) -> tuple[dict, list[str], list[str]]:
    """A three-way merge of one step's answers, field by field, against `base`, the answers the user's page
    started from: a field changed on one side only is taken from that side; changed on both sides to
    different values, it is a conflict (the saved value stays in the result until someone chooses).

    Returns (merged, conflicts, taken): `taken` are the fields taken from `theirs` over what the user sent.
    Without a base nothing can be told apart: every field that differs is a conflict.
    """
    names = list(dict.fromkeys([*order, *mine, *theirs]))
    merged, conflicts, taken = {}, [], []
    for name in names:
        if name not in mine and name not in theirs:
            continue
        m, t = empty_as_none(mine.get(name)), empty_as_none(theirs.get(name))
        if m == t:
            value = mine.get(name, theirs.get(name))
        elif base is not None and m == empty_as_none(base.get(name)):
            value = theirs.get(name)  # only they changed it
            taken.append(name)
        elif base is not None and t == empty_as_none(base.get(name)):
            value = mine.get(name)  # only this user changed it
        else:
            value = theirs.get(name)
            conflicts.append(name)
        if value is not None:
            merged[name] = value
    return merged, conflicts, taken


def answers_as_data(answers: dict) -> QueryDict:
    """Stored answers as a form submission (the inverse of `StepForm.raw_answers`): a list is a multiple
    choice, a boolean a checkbox (ticked: "on"; unticked: absent, as a browser sends it)."""
    data = QueryDict(mutable=True)
    for name, value in answers.items():
        if isinstance(value, list):
            data.setlist(name, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


@transaction.atomic
def step_save(
    *,
    working_file_id: int,
    step_name: str,
    data,
    files=None,
    base_version: int | None,
    base_answers: dict | None = None,
    by,
    resolved=False,
) -> SaveOutcome:
    """Save one step's answers as typed, valid or not; store valid uploads; merge with a save made meanwhile.

    Optimistic locking per step: `base_version` is the file version the user's page was built from, and
    `base_answers` the step's answers at that version. If this step changed after it (`step_versions[step]`),
    the two saves are merged field by field (`merge_answers`): changes to different fields are all kept (the
    outcome's `merged` names the fields taken from the other save); a field both changed raises StepConflict
    and nothing is written. Saving another step in between is no conflict.
    """
    working_file = (
        WorkingFile.objects.select_for_update().select_related("municipality").get(pk=working_file_id)
    )
    if not working_file.is_editable:
        raise NotEditable
    if not permissions.can_edit_file(by, working_file):
        raise PermissionDenied
    step = wizard.STEPS_BY_NAME[step_name]
    context = load_context(working_file)
    form = step.bind(working_file, context, data=data, files=files)
    mine = form.raw_answers()
    theirs = working_file.answers.get(step.name) or {}
    changed_at = (working_file.step_versions or {}).get(step.name, 0)
    taken: list[str] = []
    if base_version is not None and base_version < changed_at and mine != theirs:
        merged, conflicts, taken = merge_answers(
            base=base_answers, mine=mine, theirs=theirs, order=list(form.fields)
        )
        if conflicts:
            raise StepConflict(
                step=step.name,
                theirs=theirs,
                mine=mine,
                version=working_file.version,
                base=base_answers,
                conflicts=conflicts,
                merged=merged,
                taken=taken,
            )
        if taken:  # the form validates (and the step stores) what the merge made, not what was sent
            form = step.bind(working_file, context, data=answers_as_data(merged), files=files)
            mine = form.raw_answers()

    valid = form.is_valid()
    previous_status = (working_file.step_statuses or {}).get(step.name)
    stored = _store_uploads(working_file, step, form, by)
    changed = mine != theirs or bool(stored)
    if changed:
        working_file.answers = {**working_file.answers, step.name: mine}
        working_file.version += 1
        working_file.step_versions = {**(working_file.step_versions or {}), step.name: working_file.version}
    step.after_save(working_file, form)
    if stored:
        context = load_context(working_file)
    refresh(working_file, context)
    working_file.save()
    if resolved:
        WorkingFileEvent.objects.create(
            working_file=working_file, kind=WorkingFileEvent.Kind.CONFLICT_RESOLVED, step=step.name, by=by
        )
    if previous_status != Status.COMPLETE and working_file.step_statuses.get(step.name) == Status.COMPLETE:
        WorkingFileEvent.objects.create(
            working_file=working_file, kind=WorkingFileEvent.Kind.STEP_COMPLETED, step=step.name, by=by
        )
    return SaveOutcome(
        working_file=working_file, form=form, valid=valid, changed=changed, uploads=stored, merged=taken
    )


def _store_uploads(working_file: WorkingFile, step: Step, form, by) -> list[WorkingFileUpload]:
    """Only files that passed the content check (`form.checked`) and have no error of their own."""
    stored = []
    for name, checked in getattr(form, "checked", {}).items():
        if name in form.errors:
            continue
        upload = form.files[form.add_prefix(name)]
        stored.append(
            upload_store(working_file, kind=step.upload_kind, upload=upload, checked=checked, by=by)
        )
    return stored


def upload_store(working_file: WorkingFile, *, kind: str, upload, checked, by) -> WorkingFileUpload:
    """Keep a PDF that passed `uploads.check_pdf` (`checked`), with an event in the file's history."""
    record = WorkingFileUpload(
        working_file=working_file,
        kind=kind,
        original_name=checked.name,
        size=checked.size,
        pages=checked.pages,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    record.file.save("upload.pdf", upload, save=False)
    record.save()
    WorkingFileEvent.objects.create(
        working_file=working_file, kind=WorkingFileEvent.Kind.UPLOADED, detail=checked.name, by=by
    )
    return record


def submission_refusals(working_file: WorkingFile, context: StepContext) -> list[str]:
    """Re-validate every step and run the pre-check again: why the file cannot go to the SRE (empty: it can).

    Called by the workflow's submit and resubmit, inside their transaction, on the locked row already in its
    new state (the last step, «envío», is complete once the file has left the municipality).
    """
    refresh(working_file, context)
    reasons = [
        str(step.label)
        for step in wizard.FORM_STEPS
        if working_file.step_statuses.get(step.name) != Status.COMPLETE
    ]
    blocking = prechecks.describe(prechecks.blocking(working_file.precheck_results))
    return reasons + [f"{b['rule']}: {b['message']}" for b in blocking]
