"""Two small pieces allauth does not have: an idle timeout, and TOTP made mandatory for SRE staff."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accounts import permissions, selectors

LAST_ACTIVITY_KEY = "accounts:last_activity"
# Requests that neither count as activity nor are blocked: the warning dialog asks how much time is left.
PASSIVE_URL_NAMES = {"session:status"}


def idle_timeout() -> int:
    return settings.ACCOUNTS_IDLE_TIMEOUT


def seconds_left(request, now: float | None = None) -> int:
    """Seconds until the session ends for inactivity (0 if it has, or if nobody is logged in)."""
    if not request.user.is_authenticated:
        return 0
    now = time.time() if now is None else now
    last = request.session.get(LAST_ACTIVITY_KEY, now)
    return max(0, int(last + idle_timeout() - now))


def touch(request, now: float | None = None) -> None:
    request.session[LAST_ACTIVITY_KEY] = int(time.time() if now is None else now)


class IdleTimeoutMiddleware:
    """Logs a user out after ACCOUNTS_IDLE_TIMEOUT seconds without a request (the server enforces it; the
    JavaScript dialog only warns). The request that finds the session expired goes on as anonymous, so
    protected pages send the person to the login page with a message saying why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        now = time.time()
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - last >= idle_timeout():
            logout(request)
            messages.info(
                request,
                _("Su sesión se cerró tras %(minutes)d minutos sin actividad. Vuelva a iniciar sesión.")
                % {"minutes": idle_timeout() // 60},
            )
            return None
        passive = request.resolver_match.view_name in PASSIVE_URL_NAMES
        if last is None or (not passive and now - last >= settings.ACCOUNTS_IDLE_RESOLUTION):
            # Written at most once per ACCOUNTS_IDLE_RESOLUTION seconds: not a session save per request.
            touch(request, now)
        return None


# What a user who must set up TOTP may still reach: the setup, re-authentication, logout, session pings.
MFA_SETUP_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "account_logout",
    "session:status",
    "session:ping",
    "set_language",
    "healthz",
}


# The open API is public and read-only: a logged-in browser calling it gets JSON, not a redirect to a form.
MFA_EXEMPT_PATH_PREFIXES = ("/api/",)


class RequireMfaMiddleware:
    """allauth has no setting that makes two-factor mandatory for some users: SRE staff and admins without a
    TOTP authenticator are sent to set one up, whatever page they ask for, until they have it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not permissions.mfa_required(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in MFA_SETUP_URL_NAMES:
            return None
        if request.path_info.startswith(MFA_EXEMPT_PATH_PREFIXES):
            return None
        if selectors.has_totp(user):
            return None
        messages.warning(
            request,
            _(
                "Las cuentas de la SRE y de administración deben activar la verificación en dos pasos "
                "antes de continuar: escanee el código con su aplicación de autenticación."
            ),
        )
        return redirect("mfa_activate_totp")
