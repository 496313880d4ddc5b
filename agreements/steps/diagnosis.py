"""Step 1, diagnóstico: what the municipality wants from its relations abroad, and who answers for it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.steps.base import Step
from agreements.steps.forms import StepForm


class DiagnosisForm(StepForm):
    objetivo = forms.CharField(
        label=_("Objetivo de la internacionalización del municipio"),
        help_text=_("Qué busca el municipio con su relación con el exterior, en dos o tres frases."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
    oficina = forms.CharField(
        label=_("Oficina responsable"),
        help_text=_("La Oficina de Asuntos Internacionales (OFAI) o el área encargada."),
        max_length=200,
    )
    enlace_nombre = forms.CharField(label=_("Nombre de la persona enlace"), max_length=150)
    enlace_cargo = forms.CharField(label=_("Cargo de la persona enlace"), max_length=150)
    enlace_correo = forms.EmailField(label=_("Correo electrónico de la persona enlace"))


class DiagnosisStep(Step):
    number = 1
    name = "diagnostico"
    label = _("Diagnóstico")
    summary = _("Objetivo de la internacionalización y oficina responsable")
    form_class = DiagnosisForm
