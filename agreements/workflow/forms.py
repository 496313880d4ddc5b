"""The base of every form that feeds a workflow transition, and the municipality's answers to the SRE's
observations (posted on the wizard's last step). The forms check the shape of what was typed;
`workflow.transition` checks what depends on the file and answers under the same field names."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Observation
from agreements.steps.forms import clean_typed


class TransitionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        # PostgreSQL refuses NUL bytes in text: drop them from every typed value.
        return {k: clean_typed(v) if isinstance(v, str) else v for k, v in cleaned.items()}

    def add_service_errors(self, error) -> None:
        """Put a workflow ValidationError on the form: per field when the field is here, else on top."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class ResubmitForm(TransitionForm):
    """One answer per open observation: `answer_<observation id>`."""

    def __init__(self, *args, observations: list[Observation], **kwargs):
        super().__init__(*args, **kwargs)
        self.observations = observations
        for observation in observations:
            self.fields[f"answer_{observation.pk}"] = forms.CharField(
                label=_("Su respuesta"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=Observation.TEXT_MAX,
            )

    def rows(self) -> list[tuple[Observation, forms.BoundField]]:
        return [(o, self[f"answer_{o.pk}"]) for o in self.observations]

    def answers(self) -> dict[str, str]:
        return {str(o.pk): self.cleaned_data.get(f"answer_{o.pk}", "") for o in self.observations}
