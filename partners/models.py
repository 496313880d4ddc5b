from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualNameMixin


class Region(BilingualNameMixin, models.Model):
    """A UN M49 region (Africa, Americas, Asia, Europe, Oceania) or sub-region; names from CLDR."""

    code = models.CharField(_("código M49"), max_length=3, primary_key=True)
    name_es = models.CharField(_("nombre en español"), max_length=100)
    name_en = models.CharField(_("nombre en inglés"), max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("región M49")
        verbose_name_plural = _("regiones M49")

    def __str__(self) -> str:
        return self.name


class Country(BilingualNameMixin, models.Model):
    """An ISO 3166-1 country; names as people read them (CLDR), not the formal ISO ones."""

    iso2 = models.CharField(_("código ISO 3166-1 alfa-2"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("código ISO 3166-1 alfa-3"), max_length=3, blank=True)
    name_es = models.CharField(_("nombre en español"), max_length=100)
    name_en = models.CharField(_("nombre en inglés"), max_length=100)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="countries",
        verbose_name=_("región"),
    )
    subregion = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subregion_countries",
        verbose_name=_("subregión"),
    )

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("país")
        verbose_name_plural = _("países")

    def __str__(self) -> str:
        return self.name


class PartnerCity(models.Model):
    """A foreign local government that a Mexican municipality can partner with."""

    geonames_id = models.PositiveIntegerField(_("id de GeoNames"), unique=True, null=True, blank=True)
    name = models.CharField(_("nombre"), max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("país")
    )
    admin1_code = models.CharField(_("código de primer nivel administrativo"), max_length=20, blank=True)
    population = models.PositiveBigIntegerField(_("población"), null=True, blank=True)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    # Its twin cities elsewhere in the world (WorldTwinLink): active twinners are likelier partners.
    world_twin_count = models.PositiveIntegerField(_("hermanamientos en el mundo"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ciudad extranjera")
        verbose_name_plural = _("ciudades extranjeras")
        indexes = [models.Index(fields=["country", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"


class WorldTwinLink(models.Model):
    """A twin-city pair somewhere in the world (neither side in Mexico), from the Wikipedia lists.

    Stored once per pair (city.pk < twin.pk). It tells which foreign cities are active twinners, and which
    cities are twinned with a municipality's existing partners: two of the matchmaker's signals.
    """

    city = models.ForeignKey(PartnerCity, on_delete=models.CASCADE, related_name="+")
    twin = models.ForeignKey(PartnerCity, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("hermanamiento en el mundo")
        verbose_name_plural = _("hermanamientos en el mundo")
        constraints = [
            models.UniqueConstraint(fields=["city", "twin"], name="world_twin_link_unique"),
            models.CheckConstraint(
                condition=models.Q(city__lt=models.F("twin")), name="world_twin_link_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city_id}–{self.twin_id}"
