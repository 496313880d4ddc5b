"""Forms of the review workflow's pages. They check the shape of what was typed; `workflow.transition` checks
what depends on the file (its state, the dictamen's date…) and answers with messages under the same field
names, which the views put back on these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agreements.models import Observation, WorkingFile
from agreements.review import pending
from agreements.review.selectors import ALL, MINE, PENDING, UNASSIGNED
from agreements.steps import registry as wizard
from agreements.steps.forms import DateInput
from agreements.workflow import transitions as workflow
from agreements.workflow.forms import TransitionForm
from core.text import spanish_sort_key
from municipalities.models import Municipality, State
from partners.models import Country

TEXTAREA = {"rows": 5}


class TakeForm(TransitionForm):
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


class ObservationForm(TransitionForm):
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
        self.fields["field"].choices = [("", _("Toda la sección"))] + wizard.section_fields(step)


class DictamenForm(TransitionForm):
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


class SignatureForm(TransitionForm):
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
        # Required in clean(): a PDF kept from a failed attempt (`pending_document`) counts as chosen.
        required=False,
    )
    pending_document = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, working_file: WorkingFile, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.working_file, self.user = working_file, user

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("document") and "document" not in self.errors:
            kept = pending.take(
                cleaned.get("pending_document", ""),
                working_file_id=self.working_file.pk,
                user_id=self.user.pk,
            )
            if kept is None:
                self.add_error("document", _("Suba el acuerdo firmado en PDF."))
            else:
                cleaned["document"] = kept
        cleaned.pop("pending_document", None)
        return cleaned

    def keep_document(self) -> None:
        """The form is shown again with errors: keep a PDF that passed its checks, say so, and carry its
        token, so the next submission needs no new choice (issue 13, item 5). A failing PDF says why."""
        self.data = self.data.copy()
        self.data[self.add_prefix("pending_document")] = ""
        document = getattr(self, "cleaned_data", {}).get("document")
        if not document or self.has_error("document"):
            return
        try:
            kept = pending.keep(document, working_file_id=self.working_file.pk, user_id=self.user.pk)
        except ValidationError as error:
            self.add_error("document", error)
            return
        self.data[self.add_prefix("pending_document")] = kept.token
        # On the bound field too: it was made, with the old help text, when the form was cleaned.
        self.fields["document"].help_text = self["document"].help_text = _(
            "Archivo ya recibido: %(name)s (puede elegir otro)"
        ) % {"name": kept.name}


class WithdrawForm(TransitionForm):
    reason = forms.CharField(
        label=_("Motivo (opcional)"),
        help_text=_("Lo verá la SRE en el historial del expediente."),
        max_length=workflow.MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- The review queue's filters -----------------------------------------------------------------------------
class _SpanishOrder(forms.models.ModelChoiceIterator):
    """The options in Spanish order (core.text.spanish_sort_key), sorted after the one query: the database's
    ORDER BY name differs between SQLite and PostgreSQL and puts «Álamo» after «Zozocolco» on SQLite."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: spanish_sort_key(str(choice[1])))


class _SpanishOrderChoiceField(forms.ModelChoiceField):
    iterator = _SpanishOrder


class QueueFilterForm(TransitionForm):
    estado = _SpanishOrderChoiceField(
        label=_("Estado de la República"),
        queryset=State.objects.order_by("name"),
        required=False,
        empty_label=_("Todos"),
    )
    municipio = _SpanishOrderChoiceField(
        label=_("Municipio"), queryset=Municipality.objects.none(), required=False, empty_label=_("Todos")
    )
    pais = _SpanishOrderChoiceField(
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
