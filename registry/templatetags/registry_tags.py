from __future__ import annotations

from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.1234 -> "12.3 %"."""
    if value is None:
        return "—"
    # Round first: number_format() cuts a float's decimals instead of rounding them.
    return f"{number_format(round(value * 100, digits), digits, force_grouping=True)} %"


@register.filter
def number(value: Any, digits: int | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float) or digits is not None:
        places = digits if digits is not None else 2
        return number_format(round(value, places), places, force_grouping=True)
    if isinstance(value, int):
        return intcomma(value)
    return str(value)


# Links from a statistic's rows to the profile pages.
ROW_LINKS = {
    ("by-state", "name"): ("registry:state", "code"),
    ("by-country", "name"): ("registry:country", "iso2"),
    ("top-municipalities", "name"): ("registry:municipality", "cvegeo"),
}


@register.simple_tag
def stat_cell(statistic: str, row: dict[str, Any], key: str) -> str:
    """One cell of a statistic's table: numbers grouped, shares as percentages, names linked."""
    value = row.get(key)
    if key.startswith("share_"):
        return percent(value)
    if key == "agreements_per_million":
        return number(value, 2)
    if key == "year" and value is None:
        return _("Sin fecha de firma")
    if key == "level":
        return _("Subregión") if value == "subregion" else _("Región")
    link = ROW_LINKS.get((statistic, key))
    if link and row.get(link[1]):
        return format_html('<a href="{}">{}</a>', reverse(link[0], args=[row[link[1]]]), value)
    if isinstance(value, bool):
        return str(value)
    if key == "year":
        return str(value)
    return number(value) if isinstance(value, (int, float)) else ("—" if value in (None, "") else str(value))


@register.filter
def is_numeric_column(key: str) -> bool:
    return key in {
        "agreements",
        "population",
        "agreements_per_million",
        "municipalities",
        "municipalities_with_agreements",
        "share_municipalities",
        "countries",
    }


@register.filter
def get(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def is_row_header(key: str) -> bool:
    return key in {"name", "label", "year"}
