from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class UserManager(BaseUserManager["User"]):
    """People log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True, sre_role=User.SreRole.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    class SreRole(models.TextChoices):
        NONE = "", _("Sin función en la SRE")
        REVIEWER = "reviewer", _("Dictaminador(a) de la SRE")
        ADMIN = "admin", _("Administrador(a) de la SRE")

    username = None  # type: ignore[assignment]  # drops AbstractUser's field (as Django documents); stubs say str
    email = models.EmailField(_("correo electrónico"), unique=True)
    sre_role = models.CharField(_("función en la SRE"), max_length=10, choices=SreRole.choices, blank=True)
    language = models.CharField(
        _("idioma preferido"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_demo = models.BooleanField(_("cuenta de demostración"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]  # stubs pin contrib.auth's username manager

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_sre_staff(self) -> bool:
        return self.sre_role in (self.SreRole.REVIEWER, self.SreRole.ADMIN)


class Membership(models.Model):
    """Ties a user to a municipality, with what they may do in its working files."""

    class Role(models.TextChoices):
        TITULAR = "titular", _("Titular / enlace (puede enviar a la SRE)")
        CAPTURISTA = "capturista", _("Capturista (puede editar, no enviar)")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("función"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membresía municipal")
        verbose_name_plural = _("membresías municipales")
        constraints = [models.UniqueConstraint(fields=["user", "municipality"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality} ({self.get_role_display()})"

    def get_role_short_display(self) -> str:
        return str(ROLE_SHORT_LABELS.get(self.role, self.role))


# For tables, where the long labels' explanations in parentheses would crowd the columns.
ROLE_SHORT_LABELS: dict[str, "StrOrPromise"] = {
    Membership.Role.TITULAR: _("Titular / enlace"),
    Membership.Role.CAPTURISTA: _("Capturista"),
}


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (it may still have expired)."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True)

    def pending(self, *, now=None):
        """Open and not expired: the link still works."""
        return self.open().filter(expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An invitation to join a municipality's team; the only way an official's account comes to exist.

    Only a SHA-256 hash of the token is kept: the link in the e-mail is the sole copy of the token, so a
    leaked database gives nobody a usable invitation.
    """

    VALID_FOR = timedelta(days=7)

    class Status(models.TextChoices):
        PENDING = "pending", _("Pendiente")
        ACCEPTED = "accepted", _("Aceptada")
        EXPIRED = "expired", _("Vencida")
        REVOKED = "revoked", _("Cancelada")

    email = models.EmailField(_("correo electrónico"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("municipio")
    )
    role = models.CharField(_("función"), max_length=12, choices=Membership.Role.choices)
    language = models.CharField(
        _("idioma del correo"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent", verbose_name=_("invitó")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("creada"), default=timezone.now)
    expires_at = models.DateTimeField(_("vence"))
    used_at = models.DateTimeField(_("aceptada"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        verbose_name=_("aceptada por"),
    )
    revoked_at = models.DateTimeField(_("cancelada"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        constraints = [
            # Inviting the same person again replaces the open invitation (services.invitation_create).
            models.UniqueConstraint(
                fields=["email", "municipality"],
                condition=models.Q(used_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email_and_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.municipality_id} ({self.role})"

    def status_at(self, now) -> str:
        if self.used_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= now:
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_role_short_display(self) -> str:
        return str(ROLE_SHORT_LABELS.get(self.role, self.role))
