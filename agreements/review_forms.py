"""Forms of the review workflow's pages. They check the shape of what was typed; `workflow.transition` checks
what depends on the file (its state, the dictamen's date…) and answers with messages under the same field
names, which the views put back on these forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from municipalities.models import Municipality, State
from partners.models import Country

from . import wizard, workflow
from .forms import DateInput, clean_typed
from .models import Observation, WorkingFile
from .review_selectors import ALL, MINE, PENDING, UNASSIGNED

TEXTAREA = {"rows": 5}


class ReviewForm(forms.Form):
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


class TakeForm(ReviewForm):
    assignee = forms.ModelChoiceField(
        label=_("Persona dictaminadora"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Yo"),
    )

    def __init__(self, *args, reviewers, myself: bool = True, **kwargs):
        """myself: «Yo» is a choice (a reviewer takes the file). Otherwise someone must be chosen: an
        administrator assigns (administrators do not review), and nobody reassigns a file to themselves."""
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assignee.queryset = reviewers
        if not myself:
            assignee.required = True
            assignee.empty_label = _("Elija…")
            assignee.error_messages["required"] = _("Elija a la persona que dictaminará el expediente.")
        assignee.label_from_instance = lambda u: u.get_full_name() or u.email


class ReassignForm(TakeForm):
    prefix = "reassign"

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, reviewers=reviewers, myself=False, **kwargs)
        self.fields["assignee"].label = _("Reasignar a")


class ObservationForm(ReviewForm):
    step = forms.ChoiceField(choices=[(s.name, s.label) for s in wizard.FORM_STEPS], widget=forms.HiddenInput)
    field = forms.ChoiceField(
        label=_("Campo"),
        required=False,
        error_messages={"invalid_choice": _("Elija un campo de esta sección.")},
    )
    text = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs=TEXTAREA), max_length=Observation.TEXT_MAX
    )

    def __init__(self, *args, step: str, **kwargs):
        kwargs.setdefault("auto_id", f"obs-{step}-%s")
        kwargs.setdefault("initial", {"step": step})
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Toda la sección"))] + workflow.section_fields(step)


class DictamenForm(ReviewForm):
    DECISIONS = [
        (workflow.Action.FAVORABLE, _("Favorable: el acuerdo puede firmarse")),
        (workflow.Action.UNFAVORABLE, _("No favorable: el acuerdo no debe firmarse")),
    ]
    decision = forms.ChoiceField(label=_("Sentido del dictamen"), choices=DECISIONS, widget=forms.RadioSelect)
    reasoning = forms.CharField(
        label=_("Fundamentación y motivación"),
        help_text=_("Las razones del dictamen y los artículos en que se apoya. El municipio lo leerá."),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=workflow.MIN_REASONING,
        max_length=10_000,
    )


class SignatureForm(ReviewForm):
    place = forms.CharField(label=_("Lugar de firma"), max_length=200)
    signed_on = forms.DateField(label=_("Fecha de firma"), widget=DateInput())
    mx_signatory = forms.CharField(label=_("Nombre de quien firmó por el municipio"), max_length=150)
    mx_signatory_office = forms.CharField(
        label=_("Cargo de quien firmó por el municipio"),
        help_text=_("Por ejemplo «Presidenta Municipal»."),
        max_length=200,
    )
    counterpart_signatory = forms.CharField(
        label=_("Nombre de quien firmó por la contraparte"), max_length=150
    )
    counterpart_signatory_office = forms.CharField(
        label=_("Cargo de quien firmó por la contraparte"), max_length=200
    )
    document = forms.FileField(
        label=_("Acuerdo firmado (PDF, hasta 20 MB)"),
        help_text=_("El documento escaneado con las firmas de ambas partes."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class WithdrawForm(ReviewForm):
    reason = forms.CharField(
        label=_("Motivo (opcional)"),
        help_text=_("Lo verá la SRE en el historial del expediente."),
        max_length=workflow.MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResubmitForm(ReviewForm):
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


# --- The review queue's filters -----------------------------------------------------------------------------
class QueueFilterForm(ReviewForm):
    estado = forms.ModelChoiceField(
        label=_("Estado de la República"),
        queryset=State.objects.order_by("name"),
        required=False,
        empty_label=_("Todos"),
    )
    municipio = forms.ModelChoiceField(
        label=_("Municipio"), queryset=Municipality.objects.none(), required=False, empty_label=_("Todos")
    )
    pais = forms.ModelChoiceField(
        label=_("País de la contraparte"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("Todos"),
    )
    situacion = forms.ChoiceField(
        label=_("Situación del expediente"),
        required=False,
        error_messages={"invalid_choice": _("Elija una situación de la lista.")},
    )
    dictaminador = forms.ChoiceField(
        label=_("Persona dictaminadora"),
        required=False,
        error_messages={"invalid_choice": _("Elija una persona de la lista.")},
    )
    dias = forms.IntegerField(
        label=_("Días en espera, al menos"),
        min_value=0,
        max_value=3650,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, municipalities, countries, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipio"].queryset = municipalities
        self.fields["municipio"].label_from_instance = lambda m: f"{m.name}, {m.state.abbreviation}"
        self.fields["pais"].queryset = countries
        self.fields["situacion"].choices = [
            (PENDING, _("Pendientes de la SRE")),
            (ALL, _("Todos")),
            *[
                (value, label)
                for value, label in WorkingFile.State.choices
                if value != WorkingFile.State.DRAFT
            ],
        ]
        self.fields["dictaminador"].choices = [
            ("", _("Cualquiera")),
            (MINE, _("Asignados a mí")),
            (UNASSIGNED, _("Sin asignar")),
            *[(str(u.pk), u.get_full_name() or u.email) for u in reviewers],
        ]
