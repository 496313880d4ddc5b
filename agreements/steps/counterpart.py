"""Step 2, contraparte: the foreign city from the catalogue, its governing body and its contacts.

Only governmental bodies and international organizations (LCT art. 1 and 2 fr. II): a private counterpart is
refused here and by pre-check rule R01. Partner suggestions come from matchmaking through suggestions.py.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFile
from agreements.steps import prechecks
from agreements.steps.base import Step
from agreements.steps.forms import StepContext, StepForm
from agreements.steps.suggestions import counterpart_suggestions
from partners.models import PartnerCity

COUNTERPART_TYPES = [
    ("ciudad", _("Gobierno de una ciudad o municipio")),
    ("condado", _("Gobierno de un condado o distrito")),
    ("region", _("Gobierno de una provincia, estado o región")),
    ("nacional", _("Gobierno nacional o uno de sus organismos")),
    ("organizacion_internacional", _("Organización internacional")),
    ("empresa", _("Empresa o cámara de comercio")),
    ("ong", _("Organización no gubernamental, fundación o asociación")),
    ("universidad_privada", _("Universidad u otra institución privada")),
]


class CounterpartForm(StepForm):
    tipo = forms.ChoiceField(
        label=_("¿Qué es la contraparte?"), choices=COUNTERPART_TYPES, widget=forms.RadioSelect
    )
    ciudad = forms.CharField(
        label=_("Ciudad extranjera"),
        help_text=_("Escriba el nombre y elija de la lista, por ejemplo «Kioto» o «San Antonio»."),
        max_length=200,
        required=False,
    )
    ciudad_id = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    organo = forms.CharField(
        label=_("Órgano de gobierno de la contraparte"),
        help_text=_("Por ejemplo «Gobierno de la Ciudad de Kioto» o «Ayuntamiento de Sevilla»."),
        max_length=200,
    )
    contacto_nombre = forms.CharField(label=_("Persona de contacto en la contraparte"), max_length=150)
    contacto_cargo = forms.CharField(
        label=_("Cargo de la persona de contacto"), max_length=150, required=False
    )
    contacto_correo = forms.EmailField(label=_("Correo electrónico de contacto"), required=False)

    candidates: list[PartnerCity] = []

    def clean_tipo(self):
        tipo = self.cleaned_data["tipo"]
        if prechecks.is_private_counterpart(tipo):
            raise forms.ValidationError(
                _(
                    "Con una contraparte privada el documento sería un contrato privado, fuera de la "
                    "Ley sobre la Celebración de Tratados (art. 1 y art. 2 fr. II): un acuerdo "
                    "interinstitucional sólo se celebra con órganos gubernamentales extranjeros u "
                    "organizaciones internacionales. El asistente no puede continuar con esta contraparte."
                ),
                code="private",
            )
        return tipo

    def clean(self):
        cleaned = super().clean()
        city = self.resolve_city(cleaned.get("ciudad_id"), (cleaned.get("ciudad") or "").strip())
        cleaned["partner_city"] = city
        if (
            city is None
            and cleaned.get("tipo") != "organizacion_internacional"
            and "ciudad" not in self.errors
        ):
            if not (cleaned.get("ciudad") or "").strip():
                self.add_error("ciudad", _("Escriba el nombre de la ciudad extranjera."))
        return cleaned

    def resolve_city(self, city_id, text: str):
        if city_id:
            city = PartnerCity.objects.select_related("country").filter(pk=city_id).first()
            if city:
                return city
        if not text:
            return None
        name = text.split(",")[0].strip()
        matches = list(
            PartnerCity.objects.select_related("country")
            .filter(Q(name__iexact=name))
            .order_by("-population", "pk")[:11]
        )
        if len(matches) == 1:
            return matches[0]
        if not matches:
            self.add_error(
                "ciudad",
                _("No encontramos «%(name)s» en el catálogo de ciudades extranjeras. Revise cómo se escribe.")
                % {"name": name},
            )
        else:
            self.candidates = matches[:10]
            self.add_error(
                "ciudad",
                _("Hay varias ciudades llamadas «%(name)s»: elija una de la lista.") % {"name": name},
            )
        return None


class CounterpartStep(Step):
    number = 2
    name = "contraparte"
    label = _("Contraparte")
    summary = _("La ciudad extranjera, su órgano de gobierno y sus contactos")
    form_class = CounterpartForm
    template_name = "agreements/wizard/step_counterpart.html"

    def facts(self, context: StepContext) -> dict:
        return {"counterpart_type": str(context.answers(self.name).get("tipo") or "")}

    def extra_context(self, *, request: HttpRequest, working_file: WorkingFile, form, context) -> dict:
        chosen = request.GET.get("ciudad")  # «Usar esta ciudad» without JavaScript
        return {"suggestions": counterpart_suggestions(working_file, form, chosen)}


def counterpart_city(working_file: WorkingFile, context: StepContext | None = None) -> PartnerCity | None:
    """The catalogue city (with its country) as step 2 resolves it: the one picked from the list, or a typed
    name that matches one city (the page without JavaScript). None: no such city. The step has no document:
    without a `context`, none is loaded."""
    answers = working_file.answers.get(CounterpartStep.name) or {}
    form = CounterpartForm(data=answers, context=context or StepContext(working_file))
    form.is_valid()
    return getattr(form, "cleaned_data", {}).get("partner_city")


def counterpart_name(working_file: WorkingFile, context: StepContext | None = None) -> str:
    """The counterpart as the file lists show it: the catalogue city, or the governing body as typed."""
    city = counterpart_city(working_file, context)
    return str(
        city.name if city else (working_file.answers.get(CounterpartStep.name) or {}).get("organo") or ""
    )
