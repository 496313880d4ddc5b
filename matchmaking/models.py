"""The partner-seeking board (/buscan-socio/): requests published by municipalities and the replies of
foreign governments. The tables keep their old names (they began in the partners app); migration 0001 moved
only Django's state, not the data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import Theme
from municipalities.models import Municipality
from partners.models import Country, Region


class PartnerRequestQuerySet(models.QuerySet):
    def published(self, *, today):
        """What the public sees: open and not expired."""
        return self.filter(closed_at__isnull=True, expires_on__gte=today)


class PartnerRequest(models.Model):
    """A municipality looks for a partner: "buscamos una ciudad en Canadá para cooperar en turismo"."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="partner_requests",
        verbose_name=_("municipio"),
    )
    title = models.CharField(_("título"), max_length=160)
    description = models.TextField(_("descripción"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_requests",
        verbose_name=_("país buscado"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_requests",
        verbose_name=_("región buscada"),
    )
    themes = models.ManyToManyField(Theme, related_name="partner_requests", verbose_name=_("temas"))
    expires_on = models.DateField(_("vigente hasta"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("publicada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)
    closed_at = models.DateTimeField(_("cerrada"), null=True, blank=True)

    objects = PartnerRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("solicitud de socio")
        verbose_name_plural = _("solicitudes de socio")
        db_table = "partners_partnerrequest"
        indexes = [models.Index(fields=["closed_at", "expires_on"], name="partners_pa_closed__52bf77_idx")]

    def __str__(self) -> str:
        return self.title

    def is_published(self, today) -> bool:
        return self.closed_at is None and self.expires_on >= today


class PartnerRequestReply(models.Model):
    """An answer to a request from a foreign government, sent through the public form without an account."""

    request = models.ForeignKey(
        PartnerRequest, on_delete=models.CASCADE, related_name="replies", verbose_name=_("solicitud")
    )
    name = models.CharField(_("nombre"), max_length=150)
    organization = models.CharField(_("gobierno u organismo"), max_length=200)
    position = models.CharField(_("cargo"), max_length=150, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("país"))
    city = models.CharField(_("ciudad"), max_length=150, blank=True)
    email = models.EmailField(_("correo electrónico"))
    website = models.URLField(_("sitio web oficial"), blank=True)
    message = models.TextField(_("mensaje"))
    language = models.CharField(_("idioma de la página"), max_length=10)
    created_at = models.DateTimeField(_("recibida"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        db_table = "partners_partnerrequestreply"
        verbose_name = _("respuesta a una solicitud de socio")
        verbose_name_plural = _("respuestas a solicitudes de socio")

    def __str__(self) -> str:
        return f"{self.organization} → {self.request_id}"
