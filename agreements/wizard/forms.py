"""The wizard's own form (starting a working file); each step's form lives in its step module."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality


class NewWorkingFileForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipio"), queryset=Municipality.objects.none(), empty_label=None
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
