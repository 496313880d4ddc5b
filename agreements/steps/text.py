"""Step 5, texto del acuerdo: type, languages, validity, signature, follow-up, financing and disputes.

It drafts from steps 2 and 3, so it opens once they are complete; the page shows the agreement as the SRE's
model writes it from the answers (the live preview), updated by every autosave.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import clauses
from agreements.clauses.answers import answer_bool
from agreements.models import Agreement, WorkingFile
from agreements.steps import prechecks
from agreements.steps.base import Step, as_date, as_int, as_list
from agreements.steps.counterpart import counterpart_city
from agreements.steps.forms import DateInput, StepContext, StepForm

TEXT_LANGUAGES = [
    ("es", _("Español")),
    ("en", _("Inglés")),
    ("fr", _("Francés")),
    ("pt", _("Portugués")),
    ("de", _("Alemán")),
    ("it", _("Italiano")),
    ("ja", _("Japonés")),
    ("zh", _("Chino")),
    ("ko", _("Coreano")),
    ("ru", _("Ruso")),
    ("ar", _("Árabe")),
    ("nl", _("Neerlandés")),
]
VALIDITY = [("indefinida", _("Indefinida")), ("plazo", _("Por un plazo fijo"))]
FINANCING = [
    ("disponibilidad", _("Sujeto a la disponibilidad presupuestal de cada Parte (recomendado)")),
    ("sin_costo", _("Sin compromisos financieros")),
    (
        "deuda",
        _("Con un préstamo o pagos al gobierno extranjero, a empresas extranjeras o en moneda extranjera"),
    ),
]
DISPUTES = [
    ("comun_acuerdo", _("De común acuerdo entre las Partes (recomendado)")),
    ("mecanismo", _("Un mecanismo internacional (arbitraje u otro órgano)")),
]


class TextForm(StepForm):
    tipo = forms.ChoiceField(
        label=_("Tipo de acuerdo"), choices=Agreement.Type.choices, widget=forms.RadioSelect
    )
    titulo = forms.CharField(
        label=_("Título (opcional)"),
        help_text=_("Si lo deja vacío, se usa el título del modelo de la SRE."),
        max_length=300,
        required=False,
    )
    idiomas = forms.MultipleChoiceField(
        label=_("Idiomas del texto"),
        help_text=_("El español y el idioma de la contraparte; ambos textos serán igualmente auténticos."),
        choices=TEXT_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        initial=["es"],
    )
    vigencia = forms.ChoiceField(label=_("Vigencia"), choices=VALIDITY, widget=forms.RadioSelect)
    vigencia_anios = forms.IntegerField(
        label=_("Años de vigencia (si es por plazo fijo)"), min_value=1, max_value=50, required=False
    )
    firma_prevista = forms.DateField(label=_("Fecha prevista de firma"), widget=DateInput())
    lugar_firma = forms.CharField(label=_("Lugar previsto de firma"), max_length=200, required=False)
    comite = forms.BooleanField(
        label=_("Crear un comité de seguimiento con una persona enlace por cada Parte"), required=False
    )
    financiamiento = forms.ChoiceField(label=_("Financiamiento"), choices=FINANCING, widget=forms.RadioSelect)
    controversias = forms.ChoiceField(
        label=_("Solución de controversias"), choices=DISPUTES, widget=forms.RadioSelect
    )
    garantias_art8 = forms.BooleanField(
        label=_("El mecanismo garantiza trato igual, audiencia e imparcialidad (LCT art. 8)"), required=False
    )

    def clean_idiomas(self):
        languages = self.cleaned_data["idiomas"]
        if "es" not in languages:
            raise forms.ValidationError(prechecks.message_for("R09", "no_spanish"), code="no_spanish")
        return languages

    def clean_financiamiento(self):
        financing = self.cleaned_data["financiamiento"]
        if financing == "deuda":
            raise forms.ValidationError(
                f"{prechecks.message_for('R03', 'debt')} (CPEUM art. 117 fr. VIII)", code="debt"
            )
        return financing

    def clean_firma_prevista(self):
        signing = self.cleaned_data["firma_prevista"]
        if signing and signing < timezone.localdate():
            raise forms.ValidationError(_("La fecha prevista de firma no puede estar en el pasado."))
        return signing

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("vigencia") == "plazo" and not cleaned.get("vigencia_anios"):
            self.add_error("vigencia_anios", _("Indique cuántos años durará el acuerdo."))
        if cleaned.get("controversias") == "mecanismo" and not cleaned.get("garantias_art8"):
            self.add_error("garantias_art8", prechecks.message_for("R07", "no_guarantees") + " (LCT art. 8)")
        return cleaned


class TextStep(Step):
    number = 5
    name = "texto"
    label = _("Texto del acuerdo")
    summary = _("Tipo, idiomas, vigencia, seguimiento y financiamiento")
    form_class = TextForm
    template_name = "agreements/wizard/step_text.html"
    depends_on = ("contraparte", "objeto")

    def facts(self, context: StepContext) -> dict:
        answers = context.answers(self.name)
        return {
            "title": str(answers.get("titulo") or ""),
            "languages": as_list(answers.get("idiomas")),
            "validity": str(answers.get("vigencia") or ""),
            "years": as_int(answers.get("vigencia_anios")),
            "signing_date": as_date(answers.get("firma_prevista")),
            "financing": str(answers.get("financiamiento") or ""),
            "disputes": str(answers.get("controversias") or ""),
            "dispute_guarantees": answer_bool(answers.get("garantias_art8")),
        }

    def extra_context(self, *, request, working_file, form, context) -> dict:
        return self.live_context(request=request, working_file=working_file)

    def live_context(self, *, request: HttpRequest, working_file: WorkingFile) -> dict:
        return {"preview_html": self.preview_html(request, working_file)}

    def preview_html(self, request: HttpRequest, working_file: WorkingFile) -> str:
        """The agreement in Spanish and in each other language chosen, from the answers as typed."""
        text = clauses.text_from_answers(working_file, working_file.answers, counterpart_city(working_file))
        languages = list(dict.fromkeys(["es", *text.languages]))
        documents = [clauses.build(text, code) for code in languages]
        names = {code: clauses.language_name(code, "es") for code in languages}
        return render_to_string(
            "agreements/wizard/_preview.html", {"documents": documents, "names": names}, request=request
        )
