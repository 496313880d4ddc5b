"""The in-portal notification centre and each person's e-mail preferences.

A `Notification` is one message to one person, kept in that person's language (rendered when it is created,
so a task or a reminder needs no request). Its e-mail is a small state machine on the same row: the row is
the source of truth, a Celery task only claims it (`pending` → `sending`) and records the outcome, so a lost
task message or a killed worker is found again by the sweeper.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Por enviar")
    SENDING = "sending", _("Enviándose")
    SENT = "sent", _("Enviado")
    SKIPPED = "skipped", _("No enviado (preferencias)")
    FAILED = "failed", _("Falló")


class EmailDelivery(models.Model):
    """The e-mail of a row, claimed by one task at a time (`pending` → `sending` → `sent`/`failed`)."""

    EmailStatus = EmailStatus

    email_status = models.CharField(
        _("correo"), max_length=10, choices=EmailStatus, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("intentos de envío"), default=0)
    email_claimed_at = models.DateTimeField(_("envío iniciado"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("enviado por correo"), null=True, blank=True)
    email_error = models.CharField(_("último error de envío"), max_length=300, blank=True)

    class Meta:
        abstract = True


class DigestLog(EmailDelivery):
    """One weekly summary per person and week: a second run in the same week sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(_("semana"))
    notification_count = models.PositiveIntegerField(_("notificaciones"))
    created_at = models.DateTimeField(_("creado"), default=timezone.now)

    class Meta:
        verbose_name = _("resumen semanal")
        verbose_name_plural = _("resúmenes semanales")
        constraints = [models.UniqueConstraint(fields=["user", "week_start"], name="digest_once_per_week")]
        indexes = [models.Index(fields=["email_status", "email_claimed_at"], name="digest_email_queue")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week_start}"


class Notification(EmailDelivery):
    class Category(models.TextChoices):
        ACTION = "action", _("Requiere una acción")
        UPDATE = "update", _("Aviso")
        REMINDER = "reminder", _("Recordatorio")
        ACCOUNT = "account", _("Cuenta")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("destinatario"),
    )
    kind = models.CharField(_("tipo"), max_length=60)
    category = models.CharField(_("categoría"), max_length=10, choices=Category.choices)
    subject = models.CharField(_("asunto"), max_length=200)
    message = models.TextField(_("mensaje"), blank=True)
    url = models.CharField(_("enlace"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("creada"), default=timezone.now)
    read_at = models.DateTimeField(_("leída"), null=True, blank=True)
    digest = models.ForeignKey(
        DigestLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread"),
            models.Index(fields=["email_status", "email_claimed_at"], name="notif_email_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.subject}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """What a person chose to receive by e-mail. No row: the defaults (everything on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email_reminders = models.BooleanField(_("recordatorios por correo"), default=True)
    email_digest = models.BooleanField(_("resumen semanal por correo"), default=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        verbose_name = _("preferencia de notificaciones")
        verbose_name_plural = _("preferencias de notificaciones")

    def __str__(self) -> str:
        return str(self.user_id)
