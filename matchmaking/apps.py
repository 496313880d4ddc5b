from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    """Partner suggestions (learned from known relationships) and the partner-seeking board."""

    name = "matchmaking"
    verbose_name = _("Búsqueda de socios")

    def ready(self) -> None:
        # The wizard's counterpart step shows our suggestions; it may not import us (we sit above agreements).
        from agreements.steps import suggestions
        from matchmaking.suggestions import wizard_suggestions

        suggestions.provide(wizard_suggestions)
