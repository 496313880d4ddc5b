"""The working file (*expediente*): what a municipality prepares in the wizard before the SRE reviews it.

Design. The answers live in one JSON object keyed by step name (``answers["contraparte"] = {...}``),
holding the values *as typed* (the strings the form widgets read from the request), not typed columns.
Three reasons: a draft must be kept even when it does not validate yet (a half-typed date, a vote count of
"1O"), a file must resume exactly as it was left on any device, and the steps will change more often than a
schema should. The typed, validated values come from the step's form (``wizard.Step.bind``), so there is one
definition of what an answer means. The uploads, the history and the registry entry are normalised: they
have their own identity, permissions and lifecycle.

``state`` is written by ``workflow.transition`` only (its table ``workflow.TRANSITIONS`` says which action
leads from which state to which, and who may take it); ``version`` is the optimistic lock, bumped by every
save, and ``step_versions`` records at which version each step last changed, so two people editing
*different* steps never see a false conflict.
"""

import secrets
from typing import cast

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from agreements.models.agreement import Agreement
from municipalities.models import Municipality
from partners.models import Country


class WorkingFile(models.Model):
    class State(models.TextChoices):
        DRAFT = "borrador", _("Borrador")
        SUBMITTED = "enviado", _("Enviado a la SRE")
        # The SRE review (LCT art. 7): observations, dictamen, signature, inscription (agreements/workflow/).
        IN_REVIEW = "en_revision", _("En revisión")
        OBSERVATIONS = "observaciones", _("Con observaciones")
        RESUBMITTED = "reenviado", _("Reenviado a la SRE")
        FAVORABLE = "favorable", _("Dictamen favorable")
        UNFAVORABLE = "no_favorable", _("Dictamen no favorable")
        SIGNED = "firmado", _("Firmado")
        INSCRIBED = "inscrito", _("Inscrito en el registro")
        WITHDRAWN = "retirado", _("Retirado")

    class StepStatus(models.TextChoices):
        NOT_STARTED = "no_iniciado", _("No iniciado")
        IN_PROGRESS = "en_progreso", _("En progreso")
        COMPLETE = "completo", _("Completo")
        ATTENTION = "requiere_atencion", _("Requiere atención")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="working_files", verbose_name=_("municipio")
    )
    # The partner's name as shown in "Acuerdo con Kioto"; copied from step 2 on every save.
    counterpart_name = models.CharField(_("contraparte"), max_length=200, blank=True)
    state = models.CharField(
        _("estado del trámite"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    version = models.PositiveIntegerField(_("versión"), default=1, editable=False)
    answers = models.JSONField(_("respuestas"), default=dict, blank=True)
    step_versions = models.JSONField(_("versión de cada paso"), default=dict, blank=True, editable=False)
    step_statuses = models.JSONField(_("estado de cada paso"), default=dict, blank=True, editable=False)
    steps_complete = models.PositiveSmallIntegerField(_("pasos completos"), default=0, editable=False)
    precheck_results = models.JSONField(_("revisión legal previa"), default=list, blank=True, editable=False)
    prechecked_at = models.DateTimeField(_("revisión legal previa hecha el"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creado por"),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    submitted_at = models.DateTimeField(_("enviado el"), null=True, blank=True)
    # Written by workflow.transition() with the state: the review queue's filters and waiting times.
    state_changed_at = models.DateTimeField(
        _("último cambio de estado"), null=True, blank=True, editable=False
    )
    at_sre_since = models.DateTimeField(_("en la SRE desde"), null=True, blank=True, editable=False)
    review_round = models.PositiveSmallIntegerField(_("ronda de revisión"), default=0, editable=False)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="files_to_review",
        verbose_name=_("dictaminador(a) asignado(a)"),
        editable=False,
    )
    # The counterpart city's country, copied at each (re)submission: the queue filters on it.
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_files",
        verbose_name=_("país de la contraparte"),
        editable=False,
    )
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newer_versions",
        verbose_name=_("versión anterior"),
        editable=False,
    )
    agreement = models.OneToOneField(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_file",
        verbose_name=_("inscripción en el registro"),
        editable=False,
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("expediente")
        verbose_name_plural = _("expedientes")
        indexes = [
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["state", "state_changed_at"]),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.counterpart_name:
            return str(_("Acuerdo con %(name)s") % {"name": self.counterpart_name})
        return str(_("Expediente nuevo n.º %(number)s") % {"number": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def was_sent(self) -> bool:
        """It reached the SRE at some point (a draft withdrawn before sending never did)."""
        return not (self.is_draft or (self.state == self.State.WITHDRAWN and self.submitted_at is None))

    @property
    def is_editable(self) -> bool:
        """The municipality edits a draft, and again while it answers the SRE's observations."""
        return self.state in (self.State.DRAFT, self.State.OBSERVATIONS)


class _PrivateStorage(LazyObject):
    """Uploads live under MEDIA_ROOT/expedientes, which no URL serves: only the permission-checked view reads
    them. Lazy, so tests that change MEDIA_ROOT are followed."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.MEDIA_ROOT, base_url=None)


# Typed as the storage it stands for: a LazyObject hands every attribute to the object it wraps.
private_storage = cast(FileSystemStorage, _PrivateStorage())


def private_file_storage():
    """The private storage, given as a callable: a migration then names this function instead of freezing
    the MEDIA_ROOT of the machine that made it (makemigrations --check would fail on every other machine)."""
    return private_storage


def random_upload_name(instance, filename: str) -> str:
    # The stored name says nothing about the content or the uploader; the original name is kept, sanitised.
    return f"expedientes/{secrets.token_hex(16)}.pdf"


class WorkingFileUpload(models.Model):
    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "carta_intencion", _("Carta de intención")
        COUNCIL_MINUTES = "acta_cabildo", _("Acta de cabildo")
        SIGNED_AGREEMENT = "acuerdo_firmado", _("Acuerdo firmado")

    working_file = models.ForeignKey(WorkingFile, on_delete=models.CASCADE, related_name="uploads")
    kind = models.CharField(_("tipo de documento"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("archivo"), storage=private_file_storage, upload_to=random_upload_name, max_length=200
    )
    original_name = models.CharField(_("nombre original"), max_length=150)
    size = models.PositiveIntegerField(_("tamaño en bytes"))
    pages = models.PositiveIntegerField(_("páginas"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("subido el"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("documento del expediente")
        verbose_name_plural = _("documentos del expediente")

    def __str__(self) -> str:
        return self.original_name


class WorkingFileEvent(models.Model):
    """The file's history: the timeline on its status page (municipality) and review page (SRE)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Expediente creado")
        STEP_COMPLETED = "step_completed", _("Paso completado")
        UPLOADED = "uploaded", _("Documento subido")
        CONFLICT_RESOLVED = "conflict_resolved", _("Conflicto de edición resuelto")
        STATE_CHANGED = "state_changed", _("Cambio de estado")
        OBSERVATION = "observation", _("Observación de la SRE")
        ANSWER = "answer", _("Respuesta a una observación")
        NEW_VERSION = "new_version", _("Nueva versión del expediente")

    working_file = models.ForeignKey(WorkingFile, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=20, blank=True)  # workflow.Action of a state change
    step = models.CharField(max_length=20, blank=True)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("evento del expediente")
        verbose_name_plural = _("eventos del expediente")

    def __str__(self) -> str:
        return f"{self.working_file_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
