"""Partner suggestions on the counterpart step (contraparte).

Matchmaking learns from the agreements, so it sits above them in the layers (pyproject.toml,
[tool.importlinter]) and the wizard may not import it. The wizard declares here what it needs, a function of
(working file, the step's form, the city the person picked from the list or None) that returns suggestions,
and matchmaking provides one when the apps are ready (MatchmakingConfig.ready). Without a provider, for
instance in a deployment without matchmaking, the step shows no suggestions and works as before.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms

from agreements.models import WorkingFile

SuggestionProvider = Callable[[WorkingFile, forms.Form, str | None], list[dict]]
_provider: list[SuggestionProvider] = []


def provide(provider: SuggestionProvider) -> None:
    """Called once by the app that computes suggestions; a second call replaces the first."""
    _provider[:] = [provider]


def counterpart_suggestions(working_file: WorkingFile, form: forms.Form, chosen: str | None) -> list[dict]:
    return _provider[0](working_file, form, chosen) if _provider else []
