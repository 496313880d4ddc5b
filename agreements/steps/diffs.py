"""Answers as people read them, and what changed in a working file between two review rounds.

The wizard's "check your answers" page, the SRE's review page and the diff all read answers through
`display()` (base.py): choice labels instead of codes, dates as dates, "—" for nothing. Each step says what
its summary shows (`Step.summary_rows`). The diff compares the answers
and documents of one round (`ReviewRound`) with the round before, per section (wizard step) and field, and
marks the changed words of longer texts.
"""

from __future__ import annotations

import difflib
import re

from django.utils.translation import gettext as _

from agreements.models import ReviewRound
from agreements.steps import registry as wizard
from agreements.steps.base import display
from agreements.steps.forms import StepContext

WORD_DIFF_MIN = 40  # characters: shorter values are shown as "before → after" without word marks
FOLD_WORDS = 2


def answer_sections(working_file, context: StepContext, answers: dict | None = None) -> list[dict]:
    """Every form step with what its summary shows, its document and its status (the file's current answers
    unless `answers` is given)."""
    answers = working_file.answers if answers is None else answers
    statuses = working_file.step_statuses or {}
    return [
        {
            "step": step,
            "rows": step.summary_rows(answers.get(step.name) or {}, context),
            "upload": context.uploads.get(step.upload_kind) if step.upload_kind else None,
            "status": wizard.Status(statuses.get(step.name, wizard.Status.NOT_STARTED)),
        }
        for step in wizard.FORM_STEPS
    ]


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
        rows = []
        for name, field in step.shown_fields(new, context):
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
