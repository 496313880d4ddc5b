from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers that know nothing of the domain: versioning, text, i18n, loading, retrying, limits."""

    name = "core"
    verbose_name = "Core"
