"""Forms of the municipality's showcase: the profile (with the council's size and term) and its photos."""

from __future__ import annotations

import re

from babel import Locale
from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Theme
from agreements.steps.council import MAX_TERM_YEARS, term_range
from core.forms import count_limits
from core.i18n import is_english
from showcase import images
from showcase.models import MunicipalityPhoto, MunicipalityProfile

# Languages a municipality may declare (ISO 639-1); the matchmaker favours countries where one is official.
LANGUAGE_CODES = [
    "es", "en", "fr", "pt", "de", "it", "nl", "ca", "eu", "gl", "ja", "zh", "ko", "ru", "ar", "he", "hi",
    "tr", "el", "pl", "sv",
]  # fmt: skip
MAX_COUNTRIES = 25
MAX_REGIONS = 10
MAX_SOCIAL_LINKS = 6
PHONE = re.compile(r"^\+?[0-9 ()\-.]{7,25}$")


def language_choices() -> list[tuple[str, str]]:
    """(code, name) in the page's language, names as Babel (CLDR) writes them, with a capital letter."""
    locale = Locale("en" if is_english() else "es")
    names = [(code, locale.languages.get(code, code)) for code in LANGUAGE_CODES]
    return [(code, name[:1].upper() + name[1:]) for code, name in names]


def multiple(label, choices=(), help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, help_text=help_text, widget=forms.CheckboxSelectMultiple
    )


class ProfileForm(forms.Form):
    """Every field of the showcase. Choice lists come from the registry's catalogues (no query here)."""

    presentation = forms.CharField(
        label=_("Presentación"),
        help_text=_(
            "Quiénes son, qué los distingue y qué tipo de cooperación les interesa. Hasta 3,000 caracteres."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        required=False,
    )
    economic_sectors = forms.CharField(
        label=_("Sectores económicos"),
        help_text=_("Por ejemplo: «agroindustria del agave, turismo de playa, manufactura automotriz»."),
        max_length=300,
        required=False,
    )
    themes = multiple(
        _("Temas de interés"),
        [(c.value, c.label) for c in Theme.Code],
        _("Las áreas en las que quieren cooperar."),
    )
    offers = multiple(_("Qué ofrece"), MunicipalityProfile.Offer.choices)
    seeks = forms.CharField(
        label=_("Qué busca"),
        help_text=_("Qué esperan de una ciudad socia: experiencia, intercambio, inversión, visitantes…"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    desired_countries = multiple(_("Países de interés"))
    desired_regions = multiple(_("Regiones de interés"))
    languages = multiple(_("Idiomas en que pueden trabajar"))
    contact_name = forms.CharField(label=_("Nombre del contacto"), max_length=150, required=False)
    contact_role = forms.CharField(label=_("Cargo del contacto"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Correo del contacto"), required=False)
    contact_phone = forms.CharField(
        label=_("Teléfono del contacto"),
        help_text=_("Con clave de país, por ejemplo «+52 33 1234 5678»."),
        max_length=40,
        required=False,
    )
    website = forms.URLField(
        label=_("Sitio web oficial"), required=False, max_length=200, assume_scheme="https"
    )
    social_links = forms.CharField(
        label=_("Redes sociales"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1500,
        required=False,
    )
    cabildo_members = forms.IntegerField(
        label=_("Integrantes del cabildo"),
        help_text=_(
            "Presidencia, sindicaturas y regidurías. "
            "El asistente lo usa para la regla de dos terceras partes."
        ),
        min_value=3,
        max_value=200,
        required=False,
    )
    term_ends_on = forms.DateField(
        label=_("Fin del periodo del ayuntamiento"),
        help_text=_("Fecha en que termina la administración actual."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )

    def __init__(self, *args, catalogs, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["desired_countries"].choices = catalogs.country_choices()
        self.fields["desired_regions"].choices = catalogs.region_choices()
        self.fields["languages"].choices = language_choices()
        self.catalogs = catalogs
        # Help texts with numbers are filled here, in the request's language (not once, at import).
        self.fields["desired_countries"].help_text = _("Hasta %(n)s países.") % {"n": MAX_COUNTRIES}
        self.fields["desired_regions"].help_text = _("Hasta %(n)s regiones.") % {"n": MAX_REGIONS}
        self.fields["social_links"].help_text = _("Una dirección completa por línea, hasta %(n)s.") % {
            "n": MAX_SOCIAL_LINKS
        }
        count_limits(self)  # counted and refused by the server, never cut by the browser

    def clean(self):
        cleaned = super().clean()
        for name, maximum in (("desired_countries", MAX_COUNTRIES), ("desired_regions", MAX_REGIONS)):
            if len(cleaned.get(name) or []) > maximum:
                self.add_error(
                    name,
                    _("Elija como máximo %(max)s; eligió %(n)s.") % {"max": maximum, "n": len(cleaned[name])},
                )
        return cleaned

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _(
                    "Escriba sólo números, espacios, guiones o paréntesis, "
                    "con «+» y la clave de país al inicio."
                )
            )
        return phone

    def clean_social_links(self):
        lines = [line.strip() for line in self.cleaned_data["social_links"].splitlines() if line.strip()]
        if len(lines) > MAX_SOCIAL_LINKS:
            raise forms.ValidationError(
                _("Escriba como máximo %(max)s direcciones; escribió %(n)s.")
                % {"max": MAX_SOCIAL_LINKS, "n": len(lines)}
            )
        validate = URLValidator(schemes=["https", "http"])
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("«%(link)s» no es una dirección web completa (debe empezar con https://).")
                    % {"link": line[:80]}
                ) from None
            if len(line) > 200:
                raise forms.ValidationError(_("Cada dirección puede tener hasta 200 caracteres."))
        return list(dict.fromkeys(lines))

    def clean_term_ends_on(self):
        term = self.cleaned_data["term_ends_on"]
        if term is None:
            return None
        today = timezone.localdate()
        if term < today:
            raise forms.ValidationError(
                _("Esa fecha ya pasó: escriba el fin del periodo del ayuntamiento actual.")
            )
        if term > term_range(today)[1]:  # the same range as the wizard's council step
            raise forms.ValidationError(
                _("Un periodo de ayuntamiento no dura más de %(n)s años: revise el año.")
                % {"n": MAX_TERM_YEARS}
            )
        return term

    @classmethod
    def initial_from(cls, municipality, profile: MunicipalityProfile | None) -> dict:
        initial = {"cabildo_members": municipality.cabildo_members, "term_ends_on": municipality.term_ends_on}
        if profile is None:
            return initial
        return {
            **initial,
            "presentation": profile.presentation,
            "economic_sectors": profile.economic_sectors,
            "themes": [t.pk for t in profile.themes.all()],
            "offers": list(profile.offers or []),
            "seeks": profile.seeks,
            "desired_countries": [c.pk for c in profile.desired_countries.all()],
            "desired_regions": [r.pk for r in profile.desired_regions.all()],
            "languages": list(profile.languages or []),
            "contact_name": profile.contact_name,
            "contact_role": profile.contact_role,
            "contact_email": profile.contact_email,
            "contact_phone": profile.contact_phone,
            "website": profile.website,
            "social_links": "\n".join(profile.social_links or []),
        }


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Foto"),
        help_text=_(
            "JPEG, PNG o WebP, de al menos 400 × 300 píxeles. "
            "Se guarda sin los datos de la cámara ni la ubicación."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        label=_("Descripción de la foto"),
        help_text=_("Qué muestra, en una frase: es el pie de foto y el texto para quien no puede verla."),
        max_length=200,
    )
    credit = forms.CharField(label=_("Crédito (autor o fuente)"), max_length=120, required=False)

    def __init__(self, *args, existing: int = 0, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "foto_%s")
        super().__init__(*args, **kwargs)
        self.existing = existing

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if self.existing >= MunicipalityPhoto.MAX_PER_MUNICIPALITY:
            raise forms.ValidationError(
                _("La vitrina ya tiene %(n)s fotos, el máximo. Borre una antes de subir otra.")
                % {"n": MunicipalityPhoto.MAX_PER_MUNICIPALITY}
            )
        self.checked = images.check_and_reencode(upload)
        return upload
