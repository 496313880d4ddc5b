"""Extension point of the municipality page (/municipios/<cvegeo>/).

Another feature (partner matchmaking, the municipality's own profile) adds a section without touching the
registry: it registers a function that returns (template name, context) or None, and the page includes each
template in order inside `{% block profile_sections %}`:

    from registry.profile import municipality_section

    @municipality_section
    def matchmaking(request, municipality):
        return "partners/_suggestions.html", {"suggestions": ...}
"""

from collections.abc import Callable

from django.http import HttpRequest

from municipalities.models import Municipality

Section = Callable[[HttpRequest, Municipality], tuple[str, dict] | None]
MUNICIPALITY_SECTIONS: list[Section] = []


def municipality_section(function: Section) -> Section:
    if function not in MUNICIPALITY_SECTIONS:
        MUNICIPALITY_SECTIONS.append(function)
    return function


def municipality_sections(request: HttpRequest, municipality: Municipality) -> list[tuple[str, dict]]:
    found = []
    for section in MUNICIPALITY_SECTIONS:
        result = section(request, municipality)
        if result is not None:
            found.append(result)
    return found
