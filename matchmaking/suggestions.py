"""Partner suggestions where people see them: the municipality page, the wizard's partner step, the open API.

The matchmaker (matchmaking.py) answers in about 20 ms once its catalogue is built; the answer is kept in the
cache under the registry version (every new relationship or catalogue load retires it), the municipality's
declared preferences (an edited profile asks again), the language of the reasons and the limit. A page that
shows suggestions then costs no query beyond the ones it makes anyway.
"""

from __future__ import annotations

from django.utils.translation import get_language

from core.versioning import cached, current_version
from matchmaking import scoring as matchmaking

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


def suggestions_for(
    cvegeo: str,
    *,
    limit: int = DEFAULT_LIMIT,
    preferences: matchmaking.Preferences | None = None,
    version: str | None = None,
) -> list[dict]:
    """The `limit` best partner cities for the municipality, best first, as dicts (Suggestion.as_dict() plus
    `city_id`). `preferences`: when the caller already loaded the profile (else they are read here);
    `version`: the registry version when the caller already knows it. KeyError for an unknown cvegeo."""
    if preferences is None:
        preferences = matchmaking.preferences_for(cvegeo)
    parts = (
        cvegeo,
        limit,
        get_language() or "",
        sorted(preferences.countries),
        sorted(preferences.regions),
        sorted(preferences.themes),
        sorted(preferences.languages),
    )

    def build() -> list[dict]:
        found = matchmaking.suggest_partners(cvegeo, limit=limit, preferences=preferences)
        return [{**s.as_dict(), "city_id": s.city_id} for s in found]

    return cached(version or current_version(), "partner-suggestions", parts, build)


WIZARD_SHOWN = 5


def wizard_suggestions(working_file, form, chosen: str | None = None) -> list[dict]:
    """The wizard's partner step: the municipality's best five suggestions. `chosen` (?ciudad=<id>, the
    "Usar esta ciudad" link without JavaScript) fills the step's city with one of them, unless the form is
    a bound one (the person's own answers win)."""
    try:
        found = suggestions_for(working_file.municipality_id, limit=WIZARD_SHOWN)
    except KeyError:
        return []
    if chosen and not form.is_bound:
        for suggestion in found:
            if str(suggestion["city_id"]) == chosen:
                form.initial = {
                    **form.initial,
                    "ciudad": f"{suggestion['name']}, {suggestion['country_name']}",
                    "ciudad_id": suggestion["city_id"],
                }
    return found
