from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView

from accounts import middleware, permissions, selectors, services
from accounts.forms import InvitationAcceptForm, InvitationForm, LanguageForm
from accounts.models import Invitation, User


def _forbidden(request, message: str) -> TemplateResponse:
    return TemplateResponse(request, "accounts/not_allowed.html", {"message": message}, status=403)


class ProfileView(LoginRequiredMixin, TemplateView):
    """ "Mi cuenta": the user's municipalities and roles, two-factor status, language preference."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        memberships = selectors.memberships_of(user)
        mfa = selectors.authenticator_types(user)
        return super().get_context_data(
            memberships=memberships,
            totp_active="totp" in mfa,
            recovery_codes_active="recovery_codes" in mfa,
            mfa_required=permissions.mfa_required(user),
            can_invite=permissions.can_invite_anywhere(user),
            language_form=LanguageForm(initial={"language": user.language}),
            **kwargs,
        )


@method_decorator(require_POST, name="dispatch")
class LanguageUpdateView(LoginRequiredMixin, View):
    def post(self, request):
        form = LanguageForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["language"][0])
            return redirect("accounts:profile")
        language = form.cleaned_data["language"]
        services.user_set_language(user=request.user, language=language)
        with translation.override(language):
            messages.success(request, _("Guardamos su idioma preferido."))
        return redirect(translate_url(reverse("accounts:profile"), language))


NOT_AN_INVITER = gettext_lazy("Solo la administración de la SRE y las personas titulares pueden invitar.")


class InviterRequiredMixin(LoginRequiredMixin):
    """The invitation pages: SRE administrators and titulares only; a clear 403 page for anybody else."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            permissions.load_memberships(request.user)
            if not permissions.can_invite_anywhere(request.user):
                return _forbidden(request, NOT_AN_INVITER)
        return super().dispatch(request, *args, **kwargs)


class InvitationCreateView(InviterRequiredMixin, FormView):
    template_name = "accounts/invitation_form.html"
    form_class = InvitationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = {"language": translation.get_language(), "role": "capturista"}
        own = permissions.titular_municipalities_of(self.request.user)
        if len(own) == 1 and not permissions.is_sre_admin(self.request.user):
            initial["municipality"] = own[0].pk
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation, _token = services.invitation_create(
                by=self.request.user,
                email=data["email"],
                municipality=data["municipality"],
                role=data["role"],
                language=data["language"],
                base_url=self.request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Enviamos la invitación a %(email)s. El enlace vale 7 días.") % {"email": invitation.email},
        )
        return redirect("accounts:invitation_list")


class InvitationListView(InviterRequiredMixin, TemplateView):
    template_name = "accounts/invitation_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        pending = selectors.invitations_pending_for(self.request.user)
        page = Paginator(pending, self.paginate_by).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(page=page, invitations=page.object_list, **kwargs)


@method_decorator(require_POST, name="dispatch")
class InvitationRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        permissions.load_memberships(request.user)
        # Only invitations the user may manage are found at all: anybody else's are a 404.
        invitation = selectors.invitations_pending_for(request.user).filter(pk=pk).first()
        if invitation is None:
            raise Http404
        services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, _("Cancelamos la invitación a %(email)s.") % {"email": invitation.email})
        return redirect("accounts:invitation_list")


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(View):
    """The page an invitation e-mail links to. Every token that cannot be used gets a page that says why."""

    def dispatch(self, request, token: str):
        invitation = selectors.invitation_for_token(token)
        if invitation is None:
            return self.unavailable(request, services.InvitationUnavailable.UNKNOWN, None)
        status = invitation.status
        if status != Invitation.Status.PENDING:
            return self.unavailable(request, status, invitation)
        self.token, self.invitation = token, invitation
        if request.user.is_authenticated:
            if services.normalize_email(request.user.email) != invitation.email:
                return self.render(request, "other_account", status=403)
            return self.existing_account(request)
        if User.objects.filter(email__iexact=invitation.email).exists():
            return self.render(request, "log_in_first")
        return super().dispatch(request, token)

    def get(self, request, token: str):
        return self.render(request, "new_account", form=InvitationAcceptForm(email=self.invitation.email))

    def post(self, request, token: str):
        form = InvitationAcceptForm(request.POST, email=self.invitation.email)
        if not form.is_valid():
            return self.render(request, "new_account", form=form)
        data = form.cleaned_data
        try:
            user = services.invitation_accept_new_user(
                token=token,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except services.InvitationUnavailable as gone:
            return self.unavailable(request, gone.status, gone.invitation)
        except services.InvitationEmailTaken:
            return self.render(request, "log_in_first")
        except ValidationError as error:
            form.add_error("password1", error)
            return self.render(request, "new_account", form=form)
        messages.success(request, self.welcome())
        return perform_login(
            request,
            user,
            email_verification=settings.ACCOUNT_EMAIL_VERIFICATION,
            redirect_url=translate_url(reverse("accounts:profile"), user.language),
        )

    def existing_account(self, request):
        if request.method != "POST":
            return self.render(request, "existing_account")
        try:
            services.invitation_accept_existing_user(token=self.token, user=request.user)
        except services.InvitationUnavailable as gone:
            return self.unavailable(request, gone.status, gone.invitation)
        messages.success(request, self.welcome())
        return redirect("accounts:profile")

    def welcome(self) -> str:
        return _("Bienvenida o bienvenido: ya forma parte del equipo de %(municipality)s.") % {
            "municipality": self.invitation.municipality
        }

    def render(self, request, case: str, status: int = 200, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            "accounts/invitation_accept.html",
            {"case": case, "invitation": self.invitation, **context},
            status=status,
        )

    @staticmethod
    def unavailable(request, status: str, invitation: Invitation | None) -> TemplateResponse:
        # Unknown: 404. Known but spent (accepted, expired, cancelled): 410 Gone.
        code = 404 if status == services.InvitationUnavailable.UNKNOWN else 410
        return TemplateResponse(
            request,
            "accounts/invitation_unavailable.html",
            {"status": status, "invitation": invitation},
            status=code,
        )


# --- Session idle timeout: the warning dialog asks, and keeps the session alive ---------------------


def _session_state(request) -> dict:
    return {
        "authenticated": request.user.is_authenticated,
        "seconds_left": middleware.seconds_left(request),
        "timeout": middleware.idle_timeout(),
    }


@never_cache
@require_GET
def session_status(request) -> JsonResponse:
    """How long until the session ends for inactivity. Asking does not count as activity."""
    return JsonResponse(_session_state(request))


@never_cache
@require_POST
def session_ping(request) -> HttpResponse:
    """ "Seguir conectado": counts as activity (CSRF-protected POST)."""
    if not request.user.is_authenticated:
        return JsonResponse(_session_state(request), status=401)
    middleware.touch(request)
    return JsonResponse(_session_state(request))
