from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderLog(models.Model):
    """One reminder sent: its kind, what it is about and the day it fell due.

    The unique constraint is what makes reminders due-based and idempotent (agreements/reminders/services.py):
    every
    run sends what is due and has no row here yet, so a missed day is caught up and a second run the same day,
    or two runs at once, send nothing twice. A new due date (a draft edited again, a new term) is a new row.
    """

    kind = models.CharField(_("recordatorio"), max_length=30)
    target = models.CharField(_("sobre"), max_length=40, help_text=_("Por ejemplo «expediente:12»."))
    due_on = models.DateField(_("vencía el"))
    sent_at = models.DateTimeField(_("enviado"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("destinatarios"), default=0)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("recordatorio enviado")
        verbose_name_plural = _("recordatorios enviados")
        constraints = [
            models.UniqueConstraint(fields=["kind", "target", "due_on"], name="reminder_once_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target} {self.due_on}"
