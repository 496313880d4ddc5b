from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Municipios")

    def ready(self) -> None:
        # The showcase and the partner suggestions join the registry's municipality page.
        from . import sections  # noqa: F401
