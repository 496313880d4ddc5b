"""Step 6, aprobación de cabildo: the session, the vote and the minutes of the municipal council.

CPEUM 115 fr. II b): an agreement that outlasts the council's term needs a qualified majority (two thirds,
or what the state's law says), so the vote is checked against the council's size, its term and step 5's
validity. The council's size and term end are the municipality's (one council for all its files, also edited
in its showcase), kept on `Municipality`, and always editable here:

- the step's fields show the municipality's record (so a file opened after another file or the showcase
  changed it shows, reads and prints the new value), except a value this file typed and the step refused,
  which stays as typed (a draft) with its error until it is corrected;
- a valid value saved here (every autosave) replaces the record, so a correction (2072 → 2027) reaches the
  municipality, its public page, its showcase and the end-of-term reminder;
- a term end before today or more than six years ahead is refused with the range and the reason: terms are
  three years in most states and some set another, so such a date is almost always a typing slip.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFile, WorkingFileUpload
from agreements.steps import prechecks
from agreements.steps.base import Step, as_date, as_int
from agreements.steps.forms import DateInput, PdfInput, StepContext, StepForm
from agreements.steps.text import TextStep
from municipalities.models import Municipality

UPLOAD_KIND = WorkingFileUpload.Kind.COUNCIL_MINUTES
STEP_NAME = "cabildo"
MAX_TERM_YEARS = 6  # three-year terms in most states, some differ; the showcase's form reads this too
# The answers that are the municipality's record (Municipality field for each).
RECORDED = {"integrantes_cabildo": "cabildo_members", "fin_periodo": "term_ends_on"}


def term_range(today: date) -> tuple[date, date]:
    """The term ends a council can have: from today to six years ahead."""
    return today, prechecks.add_years(today, MAX_TERM_YEARS)


def term_end_refusal(term: date, today: date) -> str | None:
    """Why a term end is questioned (a date far outside any council's term), or None."""
    first, last = term_range(today)
    if first <= term <= last:
        return None
    return _(
        "Revise la fecha: el fin del periodo del ayuntamiento debe estar entre hoy (%(first)s) y el "
        "%(last)s. Un ayuntamiento dura tres años en la mayoría de los estados (algunos fijan otro plazo), "
        "así que una fecha ya pasada o a más de seis años es casi siempre un error de captura."
    ) % {"first": date_format(first, "DATE_FORMAT"), "last": date_format(last, "DATE_FORMAT")}


def recorded_value(municipality: Municipality, name: str) -> str | None:
    """The municipality's record of one council figure, as the step's field writes it (or None)."""
    value = getattr(municipality, RECORDED[name])
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def refused_draft(name: str, value) -> bool:
    """A council figure this file typed that the step refuses: it is shown as typed, not the record."""
    if value in (None, ""):
        return False
    if name == "integrantes_cabildo":
        members = as_int(value)
        return members is None or not 3 <= members <= 200
    term = as_date(value)
    return term is None or term_end_refusal(term, timezone.localdate()) is not None


def with_record(answers: dict, municipality: Municipality) -> dict:
    """The step's answers with the council figures the municipality has recorded, unless this file holds a
    refused draft of one (what the official typed stays on the page until it is corrected)."""
    answers = dict(answers)
    for name in RECORDED:
        record = recorded_value(municipality, name)
        if record is not None and not refused_draft(name, answers.get(name)):
            answers[name] = record
    return answers


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
        help_text=_(
            "Presidencia, sindicaturas y regidurías. Se guarda en los datos del municipio, para todos sus "
            "expedientes."
        ),
        min_value=3,
        max_value=200,
    )
    fin_periodo = forms.DateField(
        label=_("Fin del periodo del ayuntamiento"),
        help_text=_("Se guarda en los datos del municipio, para todos sus expedientes."),
        widget=DateInput(),
    )
    acta_pdf = forms.FileField(
        label=_("Acta de cabildo (PDF, hasta 20 MB)"), required=False, widget=PdfInput()
    )

    def __init__(self, *args, context: StepContext, **kwargs):
        super().__init__(*args, context=context, **kwargs)
        # The date picker offers only the accepted range (typing outside it is refused by clean_fin_periodo).
        first, last = term_range(timezone.localdate())
        self.fields["fin_periodo"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())

    def members(self) -> int | None:
        return self.cleaned_data.get("integrantes_cabildo", self.context.municipality.cabildo_members)

    def term_ends_on(self) -> date | None:
        return self.cleaned_data.get("fin_periodo", self.context.municipality.term_ends_on)

    def clean_fecha_sesion(self):
        session = self.cleaned_data["fecha_sesion"]
        if session > timezone.localdate():
            raise forms.ValidationError(_("La fecha de la sesión no puede estar en el futuro."))
        return session

    def clean_fin_periodo(self):
        term = self.cleaned_data["fin_periodo"]
        refusal = term_end_refusal(term, timezone.localdate())
        if refusal:
            raise forms.ValidationError(refusal, code="term_range")
        return term

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

    def bind(self, working_file: WorkingFile, context: StepContext, data=None, files=None) -> StepForm:
        if data is None:
            data = with_record(working_file.answers.get(self.name) or {}, working_file.municipality)
        return super().bind(working_file, context, data=data, files=files)

    def unbound(self, working_file: WorkingFile, context: StepContext) -> StepForm:
        answers = with_record(working_file.answers.get(self.name) or {}, working_file.municipality)
        return self.form(initial=answers, context=context)

    def summary_rows(self, answers: dict, context: StepContext) -> list[dict]:
        return super().summary_rows(with_record(answers, context.municipality), context)

    def facts(self, context: StepContext) -> dict:
        municipality = context.municipality
        answers = with_record(context.answers(self.name), municipality)
        return {
            "state_code": municipality.state_id or "",
            "term_ends_on": as_date(answers.get("fin_periodo")),
            "cabildo_members": as_int(answers.get("integrantes_cabildo")),
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
        """CPEUM 115 fr. II b): the council's size and term end are kept on the municipality, for every file.
        A valid value saved here replaces the record (the step shows the record, so what the official sees
        in the field is what is kept); a refused one (not in `cleaned_data`) leaves it alone."""
        municipality: Municipality = working_file.municipality
        cleaned = getattr(form, "cleaned_data", {})
        updates = {
            column: cleaned[name]
            for name, column in RECORDED.items()
            if cleaned.get(name) is not None and cleaned[name] != getattr(municipality, column)
        }
        if updates:
            Municipality.objects.filter(pk=municipality.pk).update(**updates)
            for key, value in updates.items():
                setattr(municipality, key, value)
