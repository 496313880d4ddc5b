"""Documents generated from a working file (agreements/documents/): the row is the source of truth.

A request writes a `pending` row holding the data to render and its hash; a Celery task claims it with a
conditional UPDATE (`pending` → `running`, attempts + 1), renders, stores the file and marks it `done`. Asking
again with the same data finds the same row (unique per file, kind, format and hash) instead of making a new
version; changed data makes the next version. A row left `running` by a dead worker is taken over once its
claim is older than AGREEMENTS_DOCUMENT_STALE_AFTER, and `agreements.sweep_documents` re-queues rows whose
task message was lost. Attempts are capped (AGREEMENTS_DOCUMENT_MAX_ATTEMPTS) and counted on the row.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models.working_file import WorkingFile, private_file_storage

document_storage = private_file_storage  # named by migration 0005


class GeneratedDocument(models.Model):
    class Kind(models.TextChoices):
        AGREEMENT = "acuerdo", _("Borrador del acuerdo")
        LETTER_OF_INTENT = "carta", _("Carta de intención")
        OFICIO = "oficio", _("Oficio de envío a la SRE")
        DICTAMEN = "dictamen", _("Dictamen de la SRE")
        CONSTANCIA = "constancia", _("Constancia de inscripción")

    class Format(models.TextChoices):
        DOCX = "docx", _("Word (DOCX), editable")
        PDF = "pdf", _("PDF")

    class Status(models.TextChoices):
        PENDING = "pending", _("En cola")
        RUNNING = "running", _("Generándose")
        DONE = "done", _("Listo")
        FAILED = "failed", _("Falló")

    working_file = models.ForeignKey(
        WorkingFile,
        on_delete=models.CASCADE,
        related_name="generated_documents",
        verbose_name=_("expediente"),
    )
    kind = models.CharField(_("documento"), max_length=12, choices=Kind.choices)
    format = models.CharField(_("formato"), max_length=4, choices=Format.choices)
    version = models.PositiveIntegerField(_("versión"))
    data = models.JSONField(_("datos"), default=dict)
    data_hash = models.CharField(_("huella de los datos"), max_length=64)
    status = models.CharField(_("estado"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    started_at = models.DateTimeField(_("iniciado"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminado"), null=True, blank=True)
    error = models.CharField(_("último error"), max_length=300, blank=True)
    file = models.FileField(_("archivo"), storage=private_file_storage, max_length=200, blank=True)
    size = models.PositiveIntegerField(_("tamaño en bytes"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("pedido"), default=timezone.now)

    class Meta:
        ordering = ["working_file", "kind", "format", "-version"]
        verbose_name = _("documento generado")
        verbose_name_plural = _("documentos generados")
        constraints = [
            models.UniqueConstraint(
                fields=["working_file", "kind", "format", "data_hash"],
                name="generated_document_once_per_data",
            ),
            models.UniqueConstraint(
                fields=["working_file", "kind", "format", "version"], name="generated_document_unique_version"
            ),
        ]
        indexes = [models.Index(fields=["status", "started_at"], name="generated_document_queue")]

    def __str__(self) -> str:
        return f"{self.working_file_id} {self.kind} v{self.version} {self.format} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)
