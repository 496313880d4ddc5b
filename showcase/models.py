"""The municipality's international showcase (vitrina): its profile and photos.

The tables keep their old names (they began in the municipalities app); migration 0001 moved only Django's
state, not the data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import Theme
from municipalities.models import Municipality, photo_path
from partners.models import Country, Region


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
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("temas de interés"))
    offers = models.JSONField(_("qué ofrece"), default=list, blank=True)
    seeks = models.TextField(_("qué busca"), blank=True)
    desired_countries = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("países de interés")
    )
    desired_regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regiones de interés")
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
        db_table = "municipalities_municipalityprofile"
        verbose_name = _("perfil internacional")
        verbose_name_plural = _("perfiles internacionales")

    def __str__(self) -> str:
        return str(self.municipality)

    def desired_region_codes(self) -> list[str]:
        return [region.pk for region in self.desired_regions.all()]


class MunicipalityPhoto(models.Model):
    """A photo of the municipality's showcase, re-encoded on upload (showcase/images.py): a JPEG of at
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
        db_table = "municipalities_municipalityphoto"
        ordering = ["municipality", "position", "pk"]
        verbose_name = _("foto de la vitrina")
        verbose_name_plural = _("fotos de la vitrina")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.caption}"
