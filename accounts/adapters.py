from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.urls import translate_url

from accounts import permissions


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come by invitation only: nobody signs up on their own."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        # Used only when the login carried no `next`: land in the language the user chose in "Mi cuenta".
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "language", "")
        return translate_url(url, language) if language else url


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # SRE staff and admins must keep their authenticator app; officials may turn it off.
        if authenticator.type == Authenticator.Type.TOTP and permissions.mfa_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
