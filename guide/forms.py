"""The readiness self-check's forms: the questionnaire, and starting a working file from its answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.steps.registry import answer_field
from guide.selfcheck import QUESTIONS


class SelfCheckForm(forms.Form):
    """Five scored questions, plus three optional texts the working file can start with (services.py carries
    them into the wizard's steps 1 and 2, so each has the limit of the answer it fills)."""

    oficina_nombre = forms.CharField(
        label=_("Nombre de la oficina o de la persona enlace (opcional)"),
        max_length=answer_field("diagnostico", "oficina").max_length,
        required=False,
    )
    objetivo_texto = forms.CharField(
        label=_("El objetivo, en dos o tres frases (opcional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=answer_field("diagnostico", "objetivo").max_length,
        required=False,
    )
    ciudad = forms.CharField(
        label=_("La ciudad que tiene en mente (opcional)"),
        max_length=answer_field("contraparte", "ciudad").max_length,
        required=False,
    )
    TEXT_AFTER = {"oficina": "oficina_nombre", "objetivo": "objetivo_texto", "socio": "ciudad"}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        order = []
        for q in QUESTIONS:
            self.fields[q.name] = forms.ChoiceField(
                label=q.label,
                choices=q.options,
                widget=forms.RadioSelect,
                error_messages={"required": _("Elija una respuesta.")},
            )
            order += [q.name, self.TEXT_AFTER[q.name]] if q.name in self.TEXT_AFTER else [q.name]
        self.order_fields(order)  # each optional text right after its question; other fields after them

    def answers(self) -> dict[str, str]:
        return {q.name: self.cleaned_data[q.name] for q in QUESTIONS}


class StartFileForm(SelfCheckForm):
    """The same answers, carried in hidden fields, and the municipality (for a titular of several)."""

    municipality = forms.ChoiceField(label=_("Municipio"))

    def __init__(self, *args, municipalities: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.pk, f"{m.name}, {m.state.name}") for m in municipalities]
        self.municipalities = {m.pk: m for m in municipalities}
        for name, field in self.fields.items():
            if name != "municipality" or len(municipalities) == 1:
                field.widget = forms.HiddenInput()

    def clean_municipality(self):
        return self.municipalities[self.cleaned_data["municipality"]]
