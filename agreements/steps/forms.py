"""What every step form shares. Each step's own form lives in its module (diagnosis.py, counterpart.py…).

Forms take a `StepContext` (the working file, its municipality and uploads, the other steps' answers) because
some rules read more than their own step: the two-thirds vote of step 6 depends on step 5's answers.
`raw_answers()` is what gets saved, valid or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.domain.uploads import check_pdf
from agreements.models import WorkingFile, WorkingFileUpload
from core.forms import count_limits
from municipalities.models import Municipality

MAX_TYPED = 10_000  # per answer: the form's own limits are lower; this bounds what a draft may store
MAX_CHOICES = 50


def clean_typed(value) -> str:
    """What may be stored of a typed value: text without NUL bytes (PostgreSQL refuses them), bounded."""
    return str(value).replace("\x00", "")[:MAX_TYPED]


@dataclass
class StepContext:
    working_file: WorkingFile
    uploads: dict[str, WorkingFileUpload] = field(default_factory=dict)  # latest upload per kind

    @property
    def municipality(self) -> Municipality:
        return self.working_file.municipality

    def answers(self, step: str) -> dict:
        return self.working_file.answers.get(step) or {}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PdfInput(forms.ClearableFileInput):
    def __init__(self, **kwargs):
        super().__init__(attrs={"accept": "application/pdf,.pdf"}, **kwargs)


class StepForm(forms.Form):
    """One step's answers. Its declared fields are the step's answers: their label, help text and limits
    are read from here by the page, the summary, the SRE's review and the self-check (one declaration)."""

    file_fields: tuple[str, ...] = ()

    def __init__(self, *args, context: StepContext, **kwargs):
        self.context = context
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        count_limits(self)  # counted, refused by the server, never cut by the browser

    def raw_answers(self) -> dict:
        """The values as typed, read the way each widget reads them (strings and lists of strings), and a box
        as a boolean: stored as the string "False", an unticked box would read as ticked everywhere."""
        raw: dict[str, bool | str | list[str]] = {}
        for name, bound in self.fields.items():
            if name in self.file_fields:
                continue
            value = bound.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if isinstance(bound, forms.BooleanField):
                raw[name] = bool(bound.to_python(value))  # "", "false", "False", absent: False
            elif isinstance(value, list):
                raw[name] = [clean_typed(v) for v in value][:MAX_CHOICES]
            elif value is not None:
                raw[name] = clean_typed(value)
        return raw

    def upload_for(self, name: str, kind: str):
        """A new upload in this request (validated by content), or the one already on file, or an error."""
        upload = self.cleaned_data.get(name)
        if upload:
            return upload
        if kind in self.context.uploads:
            return None
        self.add_error(name, _("Suba el documento en PDF."))
        return None

    def clean_pdf(self, name: str):
        upload = self.cleaned_data.get(name)
        if upload:
            self.checked = getattr(self, "checked", {})
            self.checked[name] = check_pdf(upload)
        return upload
