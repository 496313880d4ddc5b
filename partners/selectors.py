"""Reads of the partner-city catalogue."""

from __future__ import annotations

from partners.models import PartnerCity


def partner_city_search(query: str, *, limit: int = 10) -> list[PartnerCity]:
    """Cities whose name starts with the query (then contains it), biggest first: one query."""
    query = query.strip()
    if len(query) < 2:
        return []
    rows = list(
        PartnerCity.objects.select_related("country")
        .filter(name__icontains=query)
        .order_by("-population", "name", "pk")[:200]
    )
    lowered = query.lower()
    rows.sort(key=lambda c: (not c.name.lower().startswith(lowered), -(c.population or 0), c.name))
    return rows[:limit]
