from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Registro público"

    def ready(self) -> None:
        from registry import triggers

        # SQLite drops a table's triggers when a migration rebuilds the table: re-create them after migrate.
        post_migrate.connect(triggers.install_after_migrate, dispatch_uid="registry_triggers")
