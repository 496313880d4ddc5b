from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.models import Membership, User
from municipalities.models import Municipality


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.pk})"


class InvitationForm(forms.Form):
    """Who to invite, where, and as what. The choices are limited to what the inviting user may do."""

    email = forms.EmailField(
        label=_("Correo electrónico de la persona invitada"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Escriba el correo electrónico de la persona que va a invitar."),
            "invalid": _("Escriba un correo electrónico válido, por ejemplo nombre@municipio.gob.mx."),
        },
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipio"),
        queryset=Municipality.objects.none(),
        empty_label=_("Elija un municipio"),
        error_messages={
            "required": _("Elija el municipio."),
            "invalid_choice": _("Elija un municipio de la lista."),
        },
    )
    role = forms.ChoiceField(
        label=_("Función"),
        choices=Membership.Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija la función."),
            "invalid_choice": _("Elija una de las funciones de la lista."),
        },
    )
    language = forms.ChoiceField(
        label=_("Idioma del correo de invitación"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Elija uno de los idiomas de la lista.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if permissions.is_sre_admin(user):
            self.fields["municipality"].queryset = Municipality.objects.select_related("state").order_by(
                "state__name", "name"
            )
            self.admin_choices = True
        else:
            own = [m.pk for m in permissions.titular_municipalities_of(user)]
            self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=own).order_by("name")
            self.admin_choices = False
        self.fields["municipality"].widget.attrs["autocomplete"] = "off"

    def municipality_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The municipality choices grouped by state, for an accessible <select> with <optgroup>s."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for municipality in self.fields["municipality"].queryset:
            state = municipality.state.name if self.admin_choices else ""
            groups.setdefault(state, []).append((municipality.pk, municipality.name))
        return list(groups.items())

    def clean(self):
        data = super().clean()
        municipality, role = data.get("municipality"), data.get("role")
        if municipality is not None and role and not permissions.can_invite(self.user, municipality, role):
            # Not reachable through the choices offered; a crafted request gets a plain answer, not a 500.
            raise forms.ValidationError(
                _("No puede invitar a esa función en ese municipio."), code="not_allowed"
            )
        return data


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(
        label=_("Nombre(s)"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Escriba su nombre.")},
    )
    last_name = forms.CharField(
        label=_("Apellidos"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Escriba sus apellidos.")},
    )
    password1 = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Al menos 10 caracteres; que no sea una contraseña común ni se parezca a su correo."),
        error_messages={"required": _("Escriba una contraseña.")},
    )
    password2 = forms.CharField(
        label=_("Repita la contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Repita la contraseña.")},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Las dos contraseñas no coinciden."))
        elif password1:
            candidate = User(
                email=self.email, first_name=data.get("first_name", ""), last_name=data.get("last_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Idioma preferido"),
        choices=settings.LANGUAGES,
        help_text=_("El portal se abre en este idioma cuando inicia sesión."),
        error_messages={"invalid_choice": _("Elija uno de los idiomas de la lista.")},
    )
