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


def photo_path(instance, filename: str) -> str:
    """Where a photo of a municipality's showcase (showcase.MunicipalityPhoto) is stored: a random name under
    the municipality's folder, nothing of the uploaded file's name kept. It stays here because migration
    municipalities 0003 names it."""
    import secrets

    return f"vitrina/{instance.municipality_id}/{secrets.token_hex(12)}.jpg"
