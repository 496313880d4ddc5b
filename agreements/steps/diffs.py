"""Answers as people read them, and what changed in a working file between two review rounds.

The wizard's "check your answers" page, the SRE's review page and the diff all read answers through
`display()`: choice labels instead of codes, dates as dates, "—" for nothing. The diff compares the answers
and documents of one round (`ReviewRound`) with the round before, per section (wizard step) and field, and
marks the changed words of longer texts.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements.models import ReviewRound
from agreements.steps import registry as wizard
from agreements.steps.forms import StepContext

WORD_DIFF_MIN = 40  # characters: shorter values are shown as "before → after" without word marks
FOLD_WORDS = 2


def display(field, raw) -> str:
    """An answer as a person reads it: choice labels instead of codes, "Sí"/"No", "—" when empty."""
    if raw in (None, "", []):
        return "—"
    if isinstance(field, forms.BooleanField):
        return _("Sí") if raw else _("No")
    if isinstance(field, forms.DateField):
        try:
            return date_format(dt.date.fromisoformat(str(raw)), "DATE_FORMAT")
        except ValueError:
            return str(raw)  # kept as typed until it is a valid date
    if isinstance(field, forms.ModelMultipleChoiceField):
        wanted = {str(v) for v in (raw if isinstance(raw, list) else [raw])}
        return ", ".join(field.label_from_instance(o) for o in field.queryset if str(o.pk) in wanted) or "—"
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}
        values = raw if isinstance(raw, list) else [raw]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(raw)


def visible_fields(form) -> list[tuple[str, forms.Field]]:
    """The fields a person answers (no hidden ids, no file inputs: documents are shown apart)."""
    return [
        (name, field)
        for name, field in form.fields.items()
        if name not in form.file_fields and not field.widget.is_hidden
    ]


def answer_sections(working_file, context: StepContext, answers: dict | None = None) -> list[dict]:
    """Every form step with its answers as read, its document and its status (the file's current answers
    unless `answers` is given)."""
    answers = working_file.answers if answers is None else answers
    statuses = working_file.step_statuses or {}
    sections = []
    for step in wizard.FORM_STEPS:
        form = step.form_class(data=answers.get(step.name) or {}, context=context)
        given = answers.get(step.name) or {}
        sections.append(
            {
                "step": step,
                "rows": [
                    {"name": name, "label": field.label, "value": display(field, given.get(name))}
                    for name, field in visible_fields(form)
                ],
                "upload": context.uploads.get(step.upload_kind) if step.upload_kind else None,
                "status": wizard.Status(statuses.get(step.name, wizard.Status.NOT_STARTED)),
            }
        )
    return sections


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The after-text in pieces: ("equal", …), ("delete", removed words), ("insert", added words).

    Words keep their trailing space, and a run of one or two unchanged words between two changes is folded
    into them: «cultural y turístico entre» → «cultural, turístico y» reads as one change, not four.
    """
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    runs: list[list] = []  # ["equal", text] or ["change", removed, added]
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        tiny = op == "equal" and i2 - i1 <= FOLD_WORDS and 0 < n < len(opcodes) - 1
        if op == "equal" and not tiny:
            runs.append(["equal", new])
        elif runs and runs[-1][0] == "change":
            runs[-1][1] += old
            runs[-1][2] += new
        else:
            runs.append(["change", old, new])
    pieces: list[tuple[str, str]] = []
    for run in runs:
        if run[0] == "equal":
            pieces.append(("equal", run[1]))
            continue
        if run[1]:
            pieces.append(("delete", run[1]))
        if run[2]:
            pieces.append(("insert", run[2]))
    return pieces


def round_diff(before: ReviewRound, after: ReviewRound, context: StepContext) -> list[dict]:
    """The sections that changed from `before` to `after`, each with its changed fields and documents."""
    sections = []
    for step in wizard.FORM_STEPS:
        old = before.answers.get(step.name) or {}
        new = after.answers.get(step.name) or {}
        form = step.form_class(data=new, context=context)
        rows = []
        for name, field in visible_fields(form):
            was, now = display(field, old.get(name)), display(field, new.get(name))
            if was != now:
                long_text = max(len(was), len(now)) >= WORD_DIFF_MIN
                rows.append(
                    {
                        "name": name,
                        "label": field.label,
                        "before": was,
                        "after": now,
                        "words": word_diff(was, now) if long_text else [],
                    }
                )
        if step.upload_kind:
            old_doc, new_doc = before.uploads.get(step.upload_kind), after.uploads.get(step.upload_kind)
            if (old_doc or {}).get("sha256") != (new_doc or {}).get("sha256"):
                rows.append(
                    {
                        "name": step.upload_kind,
                        "label": _("Documento"),
                        "before": (old_doc or {}).get("name", "—"),
                        "after": (new_doc or {}).get("name", "—"),
                        "words": [],
                        "upload_id": (new_doc or {}).get("id"),
                    }
                )
        if rows:
            sections.append({"step": step, "rows": rows})
    return sections
