"""The words of the review workflow: the actions a person takes on a working file and the roles that may take
them, with their labels (the buttons, the API's choices). transitions.py says which role takes which action
from which state."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    SUBMIT = "submit", _("Enviar a la SRE")
    TAKE = "take", _("Tomar para revisión")
    REASSIGN = "reassign", _("Reasignar")
    REQUEST_CHANGES = "request_changes", _("Pedir cambios")
    RESUBMIT = "resubmit", _("Reenviar a la SRE")
    FAVORABLE = "favorable", _("Dictaminar favorable")
    UNFAVORABLE = "unfavorable", _("Dictaminar no favorable")
    SIGN = "sign", _("Registrar la firma")
    INSCRIBE = "inscribe", _("Inscribir en el registro")
    WITHDRAW = "withdraw", _("Retirar")


class Role(models.TextChoices):
    TITULAR = "titular", _("Titular (enlace) del municipio")
    SRE_REVIEWER = "sre_reviewer", _("Dictaminador(a) de la SRE")
    ASSIGNED_REVIEWER = "assigned_reviewer", _("Dictaminador(a) asignado(a)")
    SRE_ADMIN = "sre_admin", _("Administrador(a) de la SRE")
