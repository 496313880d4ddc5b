"""Forms of the partner-seeking board: filters, a request, and the public reply form."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.models import Theme
from core.forms import count_limits
from core.text import spanish_sort_key
from partners.models import Country, Region

MAX_THEMES = 5
MAX_LINKS_IN_REPLY = 3
DEFAULT_DAYS = 90
MAX_DAYS = 365
LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


def theme_choices() -> list[tuple[str, str]]:
    return [(code.value, code.label) for code in Theme.Code]


def catalogue_choice(choices, empty_label) -> list[tuple[str, str]]:
    return [("", empty_label), *choices]


class FilterForm(forms.Form):
    """GET filters of /buscan-socio/: every value is checked against the catalogues."""

    country = forms.ChoiceField(
        label=_("País de la ciudad socia"),
        help_text=_("Incluye las solicitudes abiertas a su región o a cualquier país."),
        required=False,
    )
    region = forms.ChoiceField(label=_("Región del mundo"), required=False)
    theme = forms.ChoiceField(label=_("Tema"), required=False)
    state = forms.ChoiceField(label=_("Estado de México"), required=False)

    def __init__(self, *args, catalogs, mexico, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.catalogs = catalogs
        anything = pgettext_lazy("filtro sin valor elegido", "Cualquiera")
        self.fields["country"].choices = catalogue_choice(catalogs.country_choices(), anything)
        self.fields["region"].choices = catalogue_choice(catalogs.region_choices(), anything)
        self.fields["theme"].choices = catalogue_choice(theme_choices(), anything)
        self.fields["state"].choices = catalogue_choice(mexico.state_choices(), anything)

    def active(self) -> dict[str, str]:
        """The filters in use, as (field label: chosen label), for the summary above the results."""
        found = {}
        for name, value in self.cleaned_data.items():
            if value:
                found[str(self.fields[name].label)] = dict(self.fields[name].choices)[value].strip()
        return found


class PartnerRequestForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipio"))
    title = forms.CharField(
        label=_("Título"),
        help_text=_("Una frase: «Buscamos una ciudad en Canadá para cooperar en turismo y educación»."),
        min_length=10,
        max_length=160,
    )
    description = forms.CharField(
        label=_("Descripción"),
        help_text=_("Qué proponen, qué ofrece el municipio y qué esperan de la ciudad socia."),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=30,
        max_length=3000,
    )
    country = forms.ChoiceField(label=_("País buscado"), required=False)
    region = forms.ChoiceField(
        label=_("O bien, región buscada"),
        help_text=_("Deje ambos vacíos si cualquier país les interesa."),
        required=False,
    )
    themes = forms.MultipleChoiceField(
        label=_("Temas de cooperación"),
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = forms.DateField(
        label=_("Publicar hasta"),
        help_text=_("Después de esta fecha la solicitud deja de verse; puede cerrarla antes."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, catalogs, municipalities: list, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.catalogs = catalogs
        self.municipalities = {m.pk: m for m in municipalities}
        self.fields["municipality"].choices = sorted(
            ((m.pk, f"{m.name}, {m.state.name}") for m in municipalities),
            key=lambda c: spanish_sort_key(c[1]),
        )
        if len(municipalities) == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
        count_limits(self)  # counted and refused by the server, never cut by the browser
        self.fields["country"].choices = catalogue_choice(catalogs.country_choices(), _("Cualquier país"))
        self.fields["region"].choices = catalogue_choice(catalogs.region_choices(), _("Cualquier región"))
        self.fields["themes"].choices = theme_choices()
        self.fields["themes"].help_text = _("Hasta %(n)s.") % {"n": MAX_THEMES}

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(
                _("Elija como máximo %(max)s temas; eligió %(n)s.") % {"max": MAX_THEMES, "n": len(themes)}
            )
        return themes

    def clean_expires_on(self):
        expires = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires <= today:
            raise forms.ValidationError(_("Elija una fecha posterior a hoy."))
        if expires > today + dt.timedelta(days=MAX_DAYS):
            raise forms.ValidationError(
                _("Se publica como máximo un año: elija una fecha hasta el %(date)s.")
                % {"date": date_format(today + dt.timedelta(days=MAX_DAYS), "DATE_FORMAT")}
            )
        return expires

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("country") and cleaned.get("region"):
            self.add_error("region", _("Elija un país o una región, no ambos."))
        cleaned["municipality"] = self.municipalities.get(cleaned.get("municipality"))
        cleaned["country"] = Country(pk=cleaned["country"]) if cleaned.get("country") else None
        cleaned["region"] = Region(pk=cleaned["region"]) if cleaned.get("region") else None
        return cleaned

    @staticmethod
    def default_expiry() -> dt.date:
        return timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS)


class ReplyForm(forms.Form):
    """The public answer of a foreign government. `website` is the honeypot (see spam.py); the real site
    is `official_site`."""

    name = forms.CharField(label=_("Su nombre"), max_length=150)
    organization = forms.CharField(
        label=_("Gobierno u organismo"),
        help_text=_("Por ejemplo «City of Vancouver» o «Ayuntamiento de Sevilla»."),
        max_length=200,
    )
    position = forms.CharField(label=_("Su cargo"), max_length=150, required=False)
    country = forms.ChoiceField(label=_("País"))
    city = forms.CharField(label=_("Ciudad o región"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Correo electrónico"), help_text=_("El municipio le responderá a esta dirección.")
    )
    official_site = forms.URLField(
        label=_("Sitio web oficial"), required=False, max_length=200, assume_scheme="https"
    )
    message = forms.CharField(
        label=_("Mensaje"),
        help_text=_("Preséntese y diga qué les interesa de esta propuesta. Puede escribir en inglés."),
        widget=forms.Textarea(attrs={"rows": 7}),
        min_length=20,
        max_length=4000,
    )
    consent = forms.BooleanField(
        label=_("Acepto que el municipio reciba estos datos para responderme."),
        error_messages={"required": _("Sin su permiso no podemos enviar sus datos al municipio.")},
    )
    website = forms.CharField(required=False, max_length=200)  # honeypot
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)

    def __init__(self, *args, catalogs, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = catalogue_choice(
            [(iso2, name) for iso2, name in catalogs.country_choices() if iso2 != "MX"], _("Elija el país")
        )

    def clean_message(self):
        message = self.cleaned_data["message"]
        if len(LINK.findall(message)) > MAX_LINKS_IN_REPLY:
            raise forms.ValidationError(
                _("El mensaje tiene demasiados enlaces (el máximo es %(n)s). Deje sólo los necesarios.")
                % {"n": MAX_LINKS_IN_REPLY}
            )
        return message

    def clean_country(self):
        # The real row, with its names: the officials' notification names the country in their language.
        return Country.objects.get(pk=self.cleaned_data["country"])
