"""The one error summary every form page includes (templates/_error_summary.html)."""

from django import forms
from django.template.loader import render_to_string


class Sample(forms.Form):
    name = forms.CharField(label="Nombre")
    agree = forms.BooleanField(label="Acepto")
    level = forms.ChoiceField(label="Nivel", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    themes = forms.MultipleChoiceField(
        label="Temas", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        raise forms.ValidationError("Algo no cuadra.")


def test_every_error_is_listed_once_and_links_to_its_input():
    form = Sample(data={})
    html = render_to_string("_error_summary.html", {"form": form, "summary_title": "Revise el formulario"})
    assert "<h2>Revise el formulario</h2>" in html
    assert "<li>Algo no cuadra.</li>" in html
    # A text box and a single checkbox have one input with the field's id; a list of choices links to its
    # first box (id_…_0), which is where the keyboard focus should land.
    for anchor, label in [
        ("id_name", "Nombre"),
        ("id_agree", "Acepto"),
        ("id_level_0", "Nivel"),
        ("id_themes_0", "Temas"),
    ]:
        assert html.count(f'<a href="#{anchor}">{label}: ') == 1, anchor
    assert 'id="resumen-errores"' in html


def test_nothing_is_rendered_without_errors():
    form = Sample(data={"name": "x", "agree": "on", "level": "a", "themes": ["a"]})
    form.clean = lambda: form.cleaned_data
    assert render_to_string("_error_summary.html", {"form": form}).strip() == ""
