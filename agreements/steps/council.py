"""Step 6, aprobación de cabildo: the session, the vote and the minutes of the municipal council.

CPEUM 115 fr. II b): an agreement that outlasts the council's term needs a qualified majority (two thirds,
or what the state's law says), so the vote is checked against the council's size, its term and step 5's
validity. The council's size and term end are kept on the municipality, asked only until they are known.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFile, WorkingFileUpload
from agreements.steps import prechecks
from agreements.steps.base import Step, as_date, as_int
from agreements.steps.forms import DateInput, PdfInput, StepContext, StepForm
from agreements.steps.text import TextStep
from municipalities.models import Municipality

UPLOAD_KIND = WorkingFileUpload.Kind.COUNCIL_MINUTES


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
        label=_("Acta de cabildo (PDF, hasta 20 MB)"), required=False, widget=PdfInput()
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
            self.upload_for("acta_pdf", UPLOAD_KIND)
        members = self.members()
        votes = [cleaned.get(k) for k in ("votos_favor", "votos_contra", "abstenciones")]
        if members and None not in votes and sum(votes) > members:
            self.add_error(
                "votos_favor",
                _("Los votos suman %(total)s, más que los %(members)s integrantes del cabildo.")
                % {"total": sum(votes), "members": members},
            )
        facts = prechecks.Facts(
            **TextStep().facts(self.context),  # R05 reads step 5's validity and signing date
            state_code=self.context.municipality.state_id or "",
            cabildo_members=members,
            term_ends_on=self.term_ends_on(),
            votes_for=cleaned.get("votos_favor"),
        )
        for finding in prechecks.check_r05(facts):
            if finding.code == "short" and "votos_favor" not in self.errors:
                message = f"{prechecks.RULES_BY_ID['R05'].message(finding)} (CPEUM art. 115 fr. II inciso b)"
                self.add_error("votos_favor", forms.ValidationError(message, code="short"))
        return cleaned


class CouncilStep(Step):
    number = 6
    name = "cabildo"
    label = _("Aprobación de cabildo")
    summary = _("La sesión, la votación y el acta de cabildo")
    form_class = CouncilForm
    template_name = "agreements/wizard/step_council.html"
    upload_kind = UPLOAD_KIND

    def facts(self, context: StepContext) -> dict:
        municipality, answers = context.municipality, context.answers(self.name)
        return {
            "state_code": municipality.state_id or "",
            "term_ends_on": municipality.term_ends_on or as_date(answers.get("fin_periodo")),
            "cabildo_members": municipality.cabildo_members or as_int(answers.get("integrantes_cabildo")),
            "votes_for": as_int(answers.get("votos_favor")),
            "session_date": as_date(answers.get("fecha_sesion")),
            "council_minutes_uploaded": UPLOAD_KIND in context.uploads,
        }

    def extra_context(self, *, request, working_file: WorkingFile, form, context: StepContext) -> dict:
        municipality = working_file.municipality
        extra = {"recorded_members": municipality.cabildo_members, "recorded_term": municipality.term_ends_on}
        facts = self.facts(context)
        if facts["cabildo_members"]:
            extra["required_votes"] = prechecks.two_thirds_required(
                facts["cabildo_members"], facts["state_code"]
            )
        return extra

    def after_save(self, working_file: WorkingFile, form: StepForm) -> None:
        """CPEUM 115 fr. II b): the council's size and term end are kept on the municipality, for every
        file (and not overwritten by a later one)."""
        municipality: Municipality = working_file.municipality
        cleaned = getattr(form, "cleaned_data", {})
        updates = {}
        if cleaned.get("integrantes_cabildo") and municipality.cabildo_members is None:
            updates["cabildo_members"] = cleaned["integrantes_cabildo"]
        if cleaned.get("fin_periodo") and municipality.term_ends_on is None:
            updates["term_ends_on"] = cleaned["fin_periodo"]
        if updates:
            Municipality.objects.filter(pk=municipality.pk).update(**updates)
            for key, value in updates.items():
                setattr(municipality, key, value)
