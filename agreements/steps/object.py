"""Step 3, objeto y áreas de cooperación: what the agreement is for, its themes and its modalities.

Only matters of the municipality's own powers (LCT art. 2 fr. II): federal words in the free text are refused
here and by pre-check rule R02; themes that are municipal only in part get a note on the page.
"""

from __future__ import annotations

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from agreements.models import Theme
from agreements.steps import prechecks
from agreements.steps.base import Step, as_list
from agreements.steps.forms import StepContext, StepForm

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


class ObjectStep(Step):
    number = 3
    name = "objeto"
    label = _("Objeto y áreas de cooperación")
    summary = _("Para qué se firma, temas y modalidades")
    form_class = ObjectForm
    template_name = "agreements/wizard/step_object.html"

    def facts(self, context: StepContext) -> dict:
        answers = context.answers(self.name)
        return {
            "themes": as_list(answers.get("temas")),
            "objective": str(answers.get("objeto") or ""),
            "other_theme": str(answers.get("tema_otra") or ""),
        }

    def extra_context(self, *, request, working_file, form, context) -> dict:
        return {"theme_notes": form.theme_notes()}
