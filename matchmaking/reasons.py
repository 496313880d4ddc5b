"""The reasons of a suggestion, in the reader's language: each strong signal of the city's score in plain
words ("2 municipios mexicanos de tamaño similar ya tienen relación con esta ciudad", "Ciudad homónima"…)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Theme
from core.loading import normalize_name
from matchmaking.catalogue import Catalogue
from matchmaking.evidence import Evidence
from matchmaking.preferences import Preferences
from matchmaking.weights import log_population, official_languages

BORDER_COUNTRIES = {"US", "GT", "BZ"}


def reasons_for(
    cat: Catalogue, i: int, cvegeo: str, ev: Evidence, prefs: Preferences, km: float | None
) -> list[str]:
    """Why city `i` is suggested to the municipality, in plain words, strongest signal first."""
    _cvegeo, name, seat, state, population, *_rest = cat.municipalities[cvegeo]
    reasons: list[str] = []
    related = ev.related.get(i, [])
    if related:
        similar = [
            m
            for m in related
            if abs(log_population(cat.municipalities[m][4]) - log_population(population)) < 0.5
        ]
        same_state = [m for m in related if cat.municipalities[m][3] == state]
        if similar:
            reasons.append(
                ngettext(
                    "%(n)d municipio mexicano de tamaño similar ya tiene relación con esta ciudad",
                    "%(n)d municipios mexicanos de tamaño similar ya tienen relación con esta ciudad",
                    len(similar),
                )
                % {"n": len(similar)}
            )
        else:
            reasons.append(
                ngettext(
                    "%(n)d municipio mexicano ya tiene relación con esta ciudad",
                    "%(n)d municipios mexicanos ya tienen relación con esta ciudad",
                    len(related),
                )
                % {"n": len(related)}
            )
        state_name = cat.state_names.get(state, state)
        if len(related) == 1 and same_state:
            reasons.append(_("Ese municipio también es de %(state)s") % {"state": state_name})
        elif same_state:
            reasons.append(
                ngettext(
                    "%(n)d de ellos está en %(state)s",
                    "%(n)d de ellos están en %(state)s",
                    len(same_state),
                )
                % {"n": len(same_state), "state": state_name}
            )
    city_key = normalize_name(cat.names[i])
    if city_key and city_key in {normalize_name(name), normalize_name(seat or "")}:
        reasons.append(_("Ciudad homónima"))
    if km is not None and km < 300:
        if cat.countries[i] in BORDER_COUNTRIES:
            reasons.append(_("Cercanía fronteriza: a %(km)s km") % {"km": f"{km:,.0f}"})
        else:
            reasons.append(_("Cercanía: a %(km)s km") % {"km": f"{km:,.0f}"})
    for j in ev.hop.get(i, [])[:2]:
        reasons.append(_("Hermanada con %(city)s, socia de su municipio") % {"city": cat.names[j]})
    if cat.populations[i] and population and abs(cat.log_pops[i] - log_population(population)) < 0.15:
        reasons.append(_("Población comparable: %(n)s habitantes") % {"n": f"{cat.populations[i]:,}"})
    in_state = ev.country_state.get(cat.countries[i], 0)
    if in_state >= 2:
        reasons.append(
            _("País con %(n)d relaciones con municipios de %(state)s")
            % {"n": in_state, "state": cat.state_names.get(state, state)}
        )
    if cat.twin_counts[i] >= 5:
        reasons.append(
            _("Activa en hermanamientos: %(n)d ciudades hermanas en el mundo") % {"n": cat.twin_counts[i]}
        )
    shared_themes = ev.themes.get(i, set()) & prefs.themes
    if shared_themes:
        labels = sorted(str(Theme.Code(code).label) for code in shared_themes)
        reasons.append(_("Comparte temas de interés: %(themes)s") % {"themes": ", ".join(labels)})
    country = cat.country_names.get(cat.countries[i])
    if cat.countries[i] in prefs.countries:
        reasons.append(_("Está en un país de interés para su municipio"))
    elif country and prefs.regions & {country.region_id, country.subregion_id}:
        reasons.append(_("Está en una región de interés para su municipio"))
    shared = sorted(prefs.languages & official_languages(cat.countries[i]) - {"es"})
    if shared:
        reasons.append(_("Idioma en común: %(langs)s") % {"langs": ", ".join(language_names(shared))})
    if cat.countries[i] in cat.spanish and not reasons:
        reasons.append(_("Se habla español"))
    if not reasons:
        reasons.append(_("Ciudad grande y abierta a hermanamientos en un país con relaciones con México"))
    return reasons


def language_names(codes: Iterable[str]) -> list[str]:
    from babel import Locale

    from core.i18n import is_english

    locale = Locale("en" if is_english() else "es")
    return [locale.languages.get(code, code) for code in codes]
