from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.Model):
    """One of the 32 federal entities, keyed by its INEGI code."""

    code = models.CharField(_("clave INEGI"), max_length=2, primary_key=True)
    name = models.CharField(_("nombre oficial"), max_length=100)
    abbreviation = models.CharField(_("abreviatura"), max_length=12)

    class Meta:
        ordering = ["code"]
        verbose_name = _("estado")
        verbose_name_plural = _("estados")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipio (or a CDMX alcaldía) from INEGI's geostatistical catalogue."""

    class CoordSource(models.TextChoices):
        CABECERA = "cabecera", _("Cabecera municipal (INEGI)")
        LARGEST_LOCALITY = "largest_locality", _("Localidad más poblada (INEGI)")
        GEONAMES_CABECERA = "geonames_cabecera_name", _("GeoNames, por nombre de la cabecera")
        GEONAMES_CABECERA_AMBIGUOUS = (
            "geonames_cabecera_name_ambiguous",
            _("GeoNames, por nombre de la cabecera (aproximada)"),
        )
        GEONAMES_MUNICIPALITY = "geonames_municipality_name", _("GeoNames, por nombre del municipio")
        NONE = "none", _("Sin coordenadas")

    cvegeo = models.CharField(_("clave geoestadística"), max_length=5, primary_key=True)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="municipalities")
    code = models.CharField(_("clave municipal"), max_length=3)
    name = models.CharField(_("nombre"), max_length=150)
    seat_name = models.CharField(_("cabecera"), max_length=150, blank=True)
    population_2020 = models.PositiveIntegerField(_("población 2020"), null=True, blank=True)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    coord_source = models.CharField(
        _("fuente de las coordenadas"), max_length=40, choices=CoordSource.choices, default=CoordSource.NONE
    )
    # Filled in by the municipality itself: CPEUM art. 115 fr. II b) needs both for the two-thirds rule.
    cabildo_members = models.PositiveSmallIntegerField(_("integrantes del cabildo"), null=True, blank=True)
    term_ends_on = models.DateField(_("fin del periodo del ayuntamiento"), null=True, blank=True)

    class Meta:
        ordering = ["cvegeo"]
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name}, {self.state.abbreviation}" if self.state_id else self.name


class MunicipalityProfile(models.Model):
    """The municipality's international showcase ("vitrina internacional"), edited by its officials.

    Its declared interests (themes, desired countries and regions, languages) also steer partner suggestions.
    """

    class Offer(models.TextChoices):
        TURISMO = "turismo", _("Turismo")
        INVERSION = "inversion", _("Inversión")
        CULTURA = "cultura", _("Cultura")
        EDUCACION = "educacion", _("Educación")

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    presentation = models.TextField(_("presentación"), blank=True)
    economic_sectors = models.CharField(_("sectores económicos"), max_length=300, blank=True)
    themes = models.ManyToManyField("agreements.Theme", blank=True, verbose_name=_("temas de interés"))
    offers = models.JSONField(_("qué ofrece"), default=list, blank=True)
    seeks = models.TextField(_("qué busca"), blank=True)
    desired_countries = models.ManyToManyField(
        "partners.Country", blank=True, related_name="+", verbose_name=_("países de interés")
    )
    desired_regions = models.ManyToManyField(
        "partners.Region", blank=True, related_name="+", verbose_name=_("regiones de interés")
    )
    languages = models.JSONField(_("idiomas"), default=list, blank=True, help_text=_("Códigos ISO 639-1."))
    contact_name = models.CharField(_("contacto para asuntos internacionales"), max_length=150, blank=True)
    contact_role = models.CharField(_("cargo del contacto"), max_length=150, blank=True)
    contact_email = models.EmailField(_("correo del contacto"), blank=True)
    contact_phone = models.CharField(_("teléfono del contacto"), max_length=40, blank=True)
    website = models.URLField(_("sitio web"), blank=True)
    social_links = models.JSONField(_("redes sociales"), default=list, blank=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("perfil internacional")
        verbose_name_plural = _("perfiles internacionales")

    def __str__(self) -> str:
        return str(self.municipality)

    def desired_region_codes(self) -> list[str]:
        return [region.pk for region in self.desired_regions.all()]


def photo_path(instance: "MunicipalityPhoto", filename: str) -> str:
    """A random name under the municipality's folder: nothing of the uploaded file's name is kept."""
    import secrets

    return f"vitrina/{instance.municipality_id}/{secrets.token_hex(12)}.jpg"


class MunicipalityPhoto(models.Model):
    """A photo of the municipality's showcase, re-encoded on upload (municipalities/images.py): a JPEG of at
    most 1,600 px a side, with no metadata of the original (GPS position, camera, author)."""

    MAX_PER_MUNICIPALITY = 6

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="photos", verbose_name=_("municipio")
    )
    image = models.FileField(_("imagen"), upload_to=photo_path, max_length=200)
    caption = models.CharField(
        _("descripción de la foto"),
        max_length=200,
        help_text=_("Qué muestra la foto, para quien no la ve; también es su pie de foto."),
    )
    credit = models.CharField(_("crédito"), max_length=120, blank=True)
    width = models.PositiveIntegerField(_("ancho"))
    height = models.PositiveIntegerField(_("alto"))
    size = models.PositiveIntegerField(_("tamaño en bytes"))
    position = models.PositiveSmallIntegerField(_("orden"), default=0)
    uploaded_at = models.DateTimeField(_("subida"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["municipality", "position", "pk"]
        verbose_name = _("foto de la vitrina")
        verbose_name_plural = _("fotos de la vitrina")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.caption}"
