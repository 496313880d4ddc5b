from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_themes(sender, using="default", **kwargs) -> None:
    """The fixed list of themes must always have its rows. A data migration creates them, but `flush` (run
    by transactional tests between tests) empties every table, then sends post_migrate: re-create them."""
    from agreements.models import Theme

    Theme.objects.using(using).bulk_create(
        [Theme(code=code) for code in Theme.Code.values], ignore_conflicts=True
    )


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Acuerdos interinstitucionales")

    def ready(self) -> None:
        post_migrate.connect(ensure_themes, sender=self, dispatch_uid="agreements_ensure_themes")
