from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import NotificationPreference


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email_reminders", "email_digest"]
        labels = {
            "email_reminders": _("Recibir recordatorios por correo"),
            "email_digest": _("Recibir un resumen semanal de lo que no he leído"),
        }
        help_texts = {
            "email_reminders": _(
                "Por ejemplo: un borrador sin cambios desde hace días, observaciones sin responder o un "
                "acuerdo que está por vencer. Los recordatorios siguen apareciendo en el centro de "
                "notificaciones."
            ),
            "email_digest": _(
                "Un correo los lunes con las notificaciones que lleven más de un día sin leer."
            ),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
