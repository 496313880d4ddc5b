from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    """The municipality's international showcase (vitrina): profile and photos, edited by its officials."""

    name = "showcase"
    verbose_name = _("Vitrina municipal")
