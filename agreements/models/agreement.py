from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity


class Theme(models.Model):
    """One of the fixed areas of cooperation; rows are created by a data migration."""

    class Code(models.TextChoices):
        CULTURAL = "cultural", _("Cultural")
        ECONOMICA = "economica", _("Económica y comercial")
        TURISTICA = "turistica", _("Turística")
        EDUCATIVA = "educativa", _("Educativa")
        CIENTIFICA = "cientifica", _("Científica y tecnológica")
        AMBIENTAL = "ambiental", _("Ambiental")
        SALUD = "salud", _("Salud")
        DEPORTE = "deporte", _("Deporte")
        DESARROLLO_URBANO = "desarrollo_urbano", _("Desarrollo urbano")
        SEGURIDAD = "seguridad", _("Seguridad")
        GESTION_MUNICIPAL = "gestion_municipal", _("Gestión municipal")
        OTRA = "otra", _("Otra")

    code = models.CharField(_("clave"), max_length=30, primary_key=True, choices=Code.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("tema")
        verbose_name_plural = _("temas")

    def __str__(self) -> str:
        return str(self.get_code_display())


class Agreement(models.Model):
    """An entry of the Registro de Acuerdos Interinstitucionales, or a relationship known from public sources.

    The wizard's working files are a different model: an Agreement exists only once inscribed (source `rai`),
    or when it is a known relationship (`public_record`) or benchmark data (`synthetic`).
    """

    class Type(models.TextChoices):
        HERMANAMIENTO = "hermanamiento", _("Hermanamiento")
        COOPERACION = "cooperacion", _("Cooperación")
        MEMORANDO = "memorando", _("Memorando de entendimiento")

    class Status(models.TextChoices):  # the agreement's validity; the review workflow is elsewhere
        VIGENTE = "vigente", _("Vigente")
        CONCLUIDO = "concluido", _("Concluido")
        TERMINADO = "terminado", _("Terminado")
        DESCONOCIDO = "desconocido", _("Desconocido")

    class Source(models.TextChoices):
        RAI = "rai", _("Inscrito en el Registro de Acuerdos Interinstitucionales (SRE)")
        PUBLIC_RECORD = (
            "public_record",
            _("Relación conocida (fuente: Wikipedia) — no es una inscripción oficial"),
        )
        SYNTHETIC = "synthetic", _("Dato sintético, generado para pruebas de rendimiento")

    class Level(models.TextChoices):
        MUNICIPIO = "municipio", _("Municipio")
        ESTADO = "estado", _("Estado")

    class CounterpartLevel(models.TextChoices):
        CITY = "ciudad", _("Ciudad o municipio")
        COUNTY = "condado", _("Condado o distrito")
        REGION = "region", _("Provincia, estado o región")
        NATIONAL = "nacional", _("Gobierno nacional")
        INTERNATIONAL_ORG = "organizacion_internacional", _("Organización internacional")

    registration_number = models.CharField(
        _("número de registro"), max_length=40, unique=True, null=True, blank=True
    )
    title = models.CharField(_("título"), max_length=400)
    type = models.CharField(_("tipo"), max_length=20, choices=Type.choices)
    level = models.CharField(_("nivel de la parte mexicana"), max_length=10, choices=Level.choices)
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("estado")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("municipio"),
    )
    mx_signatory_office = models.CharField(_("dependencia firmante"), max_length=200, blank=True)
    counterpart_name = models.CharField(_("contraparte"), max_length=300)
    counterpart_level = models.CharField(
        _("nivel de la contraparte"), max_length=30, choices=CounterpartLevel.choices
    )
    partner_city = models.ForeignKey(
        PartnerCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("ciudad contraparte"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("país")
    )
    signed_place = models.CharField(_("lugar de firma"), max_length=200, blank=True)
    signed_on = models.DateField(_("fecha de firma"), null=True, blank=True)
    dictamen_on = models.DateField(_("fecha del dictamen"), null=True, blank=True)
    registered_on = models.DateField(_("fecha de inscripción"), null=True, blank=True)
    valid_from = models.DateField(_("vigente desde"), null=True, blank=True)
    valid_until = models.DateField(
        _("vigente hasta"), null=True, blank=True, help_text=_("Vacío: indefinida.")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="agreements", verbose_name=_("temas"))
    status = models.CharField(
        _("situación"), max_length=15, choices=Status.choices, default=Status.DESCONOCIDO
    )
    languages = models.JSONField(_("idiomas"), default=list, blank=True, help_text=_("Códigos ISO 639-1."))
    source = models.CharField(_("fuente"), max_length=20, choices=Source.choices)
    source_detail = models.CharField(_("detalle de la fuente"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        indexes = [
            models.Index(fields=["source"]),
            models.Index(fields=["signed_on"]),
            models.Index(fields=["country", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="estado") | Q(municipality__isnull=False),
                name="agreement_municipal_level_has_municipality",
            ),
            models.CheckConstraint(
                condition=Q(source="rai") | Q(registration_number__isnull=True),
                name="agreement_registration_number_only_rai",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agreement_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def mx_party(self) -> Municipality | State:
        # No query for a state-level agreement: a null foreign key reads as None without one.
        return self.municipality if self.municipality is not None else self.state
