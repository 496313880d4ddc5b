from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def session_timeout_settings() -> dict:
    """What the idle-timeout dialog needs to know (seconds)."""
    return {"timeout": settings.ACCOUNTS_IDLE_TIMEOUT, "warning": settings.ACCOUNTS_IDLE_WARNING}


@register.simple_tag
def mfa_is_required(user) -> bool:
    """Whether the user must keep two-factor on (SRE staff, admins): the deactivate button is not offered."""
    from accounts.permissions import mfa_required

    return mfa_required(user)
