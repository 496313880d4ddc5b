"""Step 4, carta de intención: the letter signed by the authorities of both parties, as a PDF."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFileUpload
from agreements.steps.base import Step
from agreements.steps.forms import DateInput, PdfInput, StepForm

UPLOAD_KIND = WorkingFileUpload.Kind.LETTER_OF_INTENT


class LetterForm(StepForm):
    file_fields = ("carta_pdf",)
    carta_pdf = forms.FileField(
        label=_("Carta de intención firmada (PDF, hasta 20 MB)"), required=False, widget=PdfInput()
    )
    carta_fecha = forms.DateField(label=_("Fecha de la carta"), required=False, widget=DateInput())

    def clean_carta_pdf(self):
        return self.clean_pdf("carta_pdf")

    def clean(self):
        cleaned = super().clean()
        if "carta_pdf" not in self.errors:
            self.upload_for("carta_pdf", UPLOAD_KIND)
        return cleaned


class LetterStep(Step):
    number = 4
    name = "carta"
    label = _("Carta de intención")
    summary = _("La carta firmada por las autoridades de ambas partes")
    form_class = LetterForm
    template_name = "agreements/wizard/step_letter.html"
    upload_kind = UPLOAD_KIND
