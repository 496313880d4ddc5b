"""The wizard's step forms. Each reads and validates one step's answers; `raw_answers()` is what gets saved.

Forms take a `StepContext` (the working file, its municipality and uploads, the other steps' answers) because
some rules read more than their own step: the two-thirds vote of step 6 depends on step 5's validity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db.models import Case, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.domain.uploads import check_pdf
from agreements.models import Agreement, Theme, WorkingFile, WorkingFileUpload
from agreements.steps import prechecks
from municipalities.models import Municipality
from partners.models import PartnerCity

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


class StepForm(forms.Form):
    file_fields: tuple[str, ...] = ()
    template_name_div = "agreements/_form_fields.html"

    def __init__(self, *args, context: StepContext, **kwargs):
        self.context = context
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def raw_answers(self) -> dict:
        """The values as typed, read the way each widget reads them (strings and lists of strings)."""
        raw = {}
        for name, bound in self.fields.items():
            if name in self.file_fields:
                continue
            value = bound.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if isinstance(value, list):
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


# --- 1. Diagnóstico --------------------------------------------------------------------------------------
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


# --- 2. Contraparte --------------------------------------------------------------------------------------
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


# --- 3. Objeto y áreas de cooperación ------------------------------------------------------------------
MODALITIES = [
    ("intercambio", _("Intercambio de experiencias e información")),
    ("asistencia_tecnica", _("Asistencia técnica")),
    ("capacitacion", _("Capacitación y formación de personal")),
    ("misiones", _("Misiones y visitas oficiales")),
    ("eventos", _("Eventos culturales, deportivos o de promoción")),
    ("proyectos", _("Proyectos conjuntos")),
]


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_code_display()


class ObjectForm(StepForm):
    objeto = forms.CharField(
        label=_("Objeto del acuerdo"),
        help_text=_("Para qué se firma: será el Artículo I del acuerdo."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
    temas = ThemeChoiceField(
        label=_("Áreas de cooperación"),
        # In the catalogue's order (cultural, económica…, otra last), not alphabetically by code.
        queryset=Theme.objects.order_by(
            Case(*(When(code=c, then=i) for i, c in enumerate(Theme.Code.values)))
        ),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sólo materias que son atribuciones del municipio (LCT art. 2 fr. II)."),
    )
    tema_otra = forms.CharField(label=_("Si eligió «Otra», ¿cuál?"), max_length=200, required=False)
    modalidades = forms.MultipleChoiceField(
        label=_("Modalidades de cooperación"), choices=MODALITIES, widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        cleaned = super().clean()
        themes = [t.code for t in cleaned.get("temas") or []]
        if "otra" in themes and not cleaned.get("tema_otra"):
            self.add_error("tema_otra", _("Describa el tema «Otra»."))
        rule = prechecks.RULES_BY_ID["R02"]
        for finding in prechecks.theme_findings([], cleaned.get("objeto", ""), cleaned.get("tema_otra", "")):
            target = (
                "tema_otra"
                if finding.params["word"] in prechecks.normalise(cleaned.get("tema_otra", ""))
                else "objeto"
            )
            self.add_error(target, forms.ValidationError(rule.message(finding), code="federal"))
        return cleaned

    def theme_notes(self) -> list[str]:
        """Warnings for chosen themes that are municipal only in part, in the active language."""
        rule = prechecks.RULES_BY_ID["R02"]
        codes = [str(c) for c in (self["temas"].value() or [])]
        return [
            rule.message(f) for f in prechecks.theme_findings(codes, "", "") if f.level == prechecks.WARNING
        ]


# --- 4. Carta de intención -----------------------------------------------------------------------------
class LetterForm(StepForm):
    file_fields = ("carta_pdf",)
    carta_pdf = forms.FileField(
        label=_("Carta de intención firmada (PDF, hasta 20 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    carta_fecha = forms.DateField(label=_("Fecha de la carta"), required=False, widget=DateInput())

    def clean_carta_pdf(self):
        return self.clean_pdf("carta_pdf")

    def clean(self):
        cleaned = super().clean()
        if "carta_pdf" not in self.errors:
            self.upload_for("carta_pdf", WorkingFileUpload.Kind.LETTER_OF_INTENT)
        return cleaned


# --- 5. Texto del acuerdo ------------------------------------------------------------------------------
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


# --- 6. Aprobación de cabildo --------------------------------------------------------------------------
class CouncilForm(StepForm):
    file_fields = ("acta_pdf",)
    fecha_sesion = forms.DateField(label=_("Fecha de la sesión de cabildo"), widget=DateInput())
    votos_favor = forms.IntegerField(label=_("Votos a favor"), min_value=0, max_value=200)
    votos_contra = forms.IntegerField(label=_("Votos en contra"), min_value=0, max_value=200)
    abstenciones = forms.IntegerField(label=_("Abstenciones"), min_value=0, max_value=200)
    punto_acuerdo = forms.CharField(
        label=_("Punto de acuerdo (número o texto)"), max_length=300, required=False
    )
    integrantes_cabildo = forms.IntegerField(
        label=_("Integrantes del cabildo"),
        help_text=_("Presidencia, sindicaturas y regidurías. Se guarda en los datos del municipio."),
        min_value=3,
        max_value=200,
    )
    fin_periodo = forms.DateField(
        label=_("Fin del periodo del ayuntamiento"),
        help_text=_("Se guarda en los datos del municipio."),
        widget=DateInput(),
    )
    acta_pdf = forms.FileField(
        label=_("Acta de cabildo (PDF, hasta 20 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, context: StepContext, **kwargs):
        super().__init__(*args, context=context, **kwargs)
        municipality = context.municipality
        # Asked only while the municipality has not recorded them (CPEUM 115 fr. II b) needs both).
        if municipality.cabildo_members is not None:
            del self.fields["integrantes_cabildo"]
        if municipality.term_ends_on is not None:
            del self.fields["fin_periodo"]

    def members(self) -> int | None:
        return self.cleaned_data.get("integrantes_cabildo", self.context.municipality.cabildo_members)

    def term_ends_on(self) -> date | None:
        return self.cleaned_data.get("fin_periodo", self.context.municipality.term_ends_on)

    def clean_fecha_sesion(self):
        session = self.cleaned_data["fecha_sesion"]
        if session > timezone.localdate():
            raise forms.ValidationError(_("La fecha de la sesión no puede estar en el futuro."))
        return session

    def clean_acta_pdf(self):
        return self.clean_pdf("acta_pdf")

    def clean(self):
        cleaned = super().clean()
        if "acta_pdf" not in self.errors:
            self.upload_for("acta_pdf", WorkingFileUpload.Kind.COUNCIL_MINUTES)
        members = self.members()
        votes = [cleaned.get(k) for k in ("votos_favor", "votos_contra", "abstenciones")]
        if members and None not in votes and sum(votes) > members:
            self.add_error(
                "votos_favor",
                _("Los votos suman %(total)s, más que los %(members)s integrantes del cabildo.")
                % {"total": sum(votes), "members": members},
            )
        facts = facts_from(self.context)
        facts.cabildo_members, facts.term_ends_on = members, self.term_ends_on()
        facts.votes_for = cleaned.get("votos_favor")
        for finding in prechecks.check_r05(facts):
            if finding.code == "short" and "votos_favor" not in self.errors:
                message = f"{prechecks.RULES_BY_ID['R05'].message(finding)} (CPEUM art. 115 fr. II inciso b)"
                self.add_error("votos_favor", forms.ValidationError(message, code="short"))
        return cleaned


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return None


def _list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def facts_from(context: StepContext) -> prechecks.Facts:
    """The pre-check's view of a working file: typed values read leniently from the answers as typed."""
    counterpart, obj, text, council = (
        context.answers(s) for s in ("contraparte", "objeto", "texto", "cabildo")
    )
    municipality = context.municipality
    return prechecks.Facts(
        counterpart_type=str(counterpart.get("tipo") or ""),
        themes=_list(obj.get("temas")),
        objective=str(obj.get("objeto") or ""),
        other_theme=str(obj.get("tema_otra") or ""),
        title=str(text.get("titulo") or ""),
        languages=_list(text.get("idiomas")),
        validity=str(text.get("vigencia") or ""),
        years=_int(text.get("vigencia_anios")),
        signing_date=_date(text.get("firma_prevista")),
        financing=str(text.get("financiamiento") or ""),
        disputes=str(text.get("controversias") or ""),
        dispute_guarantees=bool(text.get("garantias_art8")),
        state_code=municipality.state_id or "",
        term_ends_on=municipality.term_ends_on or _date(council.get("fin_periodo")),
        cabildo_members=municipality.cabildo_members or _int(council.get("integrantes_cabildo")),
        votes_for=_int(council.get("votos_favor")),
        session_date=_date(council.get("fecha_sesion")),
        council_minutes_uploaded=WorkingFileUpload.Kind.COUNCIL_MINUTES in context.uploads,
    )


class NewWorkingFileForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipio"), queryset=Municipality.objects.none(), empty_label=None
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class ConflictChoiceForm(forms.Form):
    choice = forms.ChoiceField(choices=[("mine", "mine"), ("theirs", "theirs")])
