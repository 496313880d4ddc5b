"""The SRE's review of a working file (LCT art. 7): rounds, observations, dictamen, signature, numbers.

Every row here is written by `agreements.workflow` inside a transition (or, for a reviewer's draft
observations, by its small helpers), so what the timeline shows and what the tables hold never disagree.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models.working_file import WorkingFile, WorkingFileUpload


class ReviewRound(models.Model):
    """What the municipality sent in one (re)submission: the answers and documents as they were then.

    The reviewer's diff compares a round with the one before; the working file itself keeps only the latest
    answers.
    """

    working_file = models.ForeignKey(WorkingFile, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("ronda"))
    answers = models.JSONField(_("respuestas enviadas"), default=dict)
    # {kind: {"id": upload pk, "name": original name, "sha256": ...}}: the documents on file at submission.
    uploads = models.JSONField(_("documentos enviados"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("enviada el"))

    class Meta:
        ordering = ["working_file", "number"]
        verbose_name = _("ronda de revisión")
        verbose_name_plural = _("rondas de revisión")
        constraints = [
            models.UniqueConstraint(fields=["working_file", "number"], name="review_round_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.working_file_id} · {self.number}"


class ObservationQuerySet(models.QuerySet):
    def drafts(self):
        """Written by the reviewer, not yet sent: only SRE staff see them."""
        return self.filter(sent_at__isnull=True)

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def open(self):
        """Sent to the municipality and not answered yet."""
        return self.filter(sent_at__isnull=False, answered_at__isnull=True)


class Observation(models.Model):
    """An SRE observation on one section of the file: a wizard step and one of its fields (blank: all of it).

    The municipality answers each one before it resubmits.
    """

    TEXT_MAX = 3000

    working_file = models.ForeignKey(WorkingFile, on_delete=models.CASCADE, related_name="observations")
    round = models.PositiveSmallIntegerField(_("ronda"))
    step = models.CharField(_("sección"), max_length=20)
    field = models.CharField(_("campo"), max_length=40, blank=True)
    text = models.TextField(_("observación"), max_length=TEXT_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("escrita el"), auto_now_add=True)
    sent_at = models.DateTimeField(_("enviada el"), null=True, blank=True)
    answer = models.TextField(_("respuesta del municipio"), max_length=TEXT_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("respondida el"), null=True, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")
        indexes = [models.Index(fields=["working_file", "round"])]

    def __str__(self) -> str:
        return f"{self.working_file_id} · {self.step}.{self.field or '*'} · {self.text[:40]}"


class Dictamen(models.Model):
    """The SRE's reasoned opinion on whether the agreement may be signed (dictamen de procedencia)."""

    working_file = models.OneToOneField(WorkingFile, on_delete=models.CASCADE, related_name="dictamen")
    favorable = models.BooleanField(_("favorable"))
    reasoning = models.TextField(_("fundamentación y motivación"), max_length=10_000)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("emitido el"))

    class Meta:
        verbose_name = _("dictamen")
        verbose_name_plural = _("dictámenes")

    def __str__(self) -> str:
        return f"{self.working_file_id} · {'favorable' if self.favorable else 'no favorable'}"


class Signature(models.Model):
    """Where, when and by whom the agreement was signed, and the signed copy (after the dictamen)."""

    working_file = models.OneToOneField(WorkingFile, on_delete=models.CASCADE, related_name="signature")
    place = models.CharField(_("lugar de firma"), max_length=200)
    signed_on = models.DateField(_("fecha de firma"))
    mx_signatory = models.CharField(_("firmó por el municipio"), max_length=150)
    mx_signatory_office = models.CharField(_("cargo"), max_length=200)
    counterpart_signatory = models.CharField(_("firmó por la contraparte"), max_length=150)
    counterpart_signatory_office = models.CharField(_("cargo en la contraparte"), max_length=200)
    document = models.ForeignKey(
        WorkingFileUpload, on_delete=models.PROTECT, related_name="+", verbose_name=_("acuerdo firmado")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrada el"))

    class Meta:
        verbose_name = _("firma")
        verbose_name_plural = _("firmas")

    def __str__(self) -> str:
        return f"{self.working_file_id} · {self.place}, {self.signed_on}"


class RegistrySequence(models.Model):
    """The last registry number given in a year. Inscription locks the year's row, so numbers are unique and
    gap-free: a failed inscription rolls its increment back with everything else."""

    year = models.PositiveSmallIntegerField(_("año"), primary_key=True)
    last_number = models.PositiveIntegerField(_("último número asignado"), default=0)

    class Meta:
        verbose_name = _("secuencia del registro")
        verbose_name_plural = _("secuencias del registro")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
