"""Chart geometry for server-rendered charts: HTML rows with an SVG bar each (widths as SVG attributes, so
no inline style is needed under the site's CSP) and an SVG column chart for years. Every chart is followed by
a table with the same numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registry.templatetags.registry_tags import number


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    width: float  # 0..100, share of the largest value
    url: str = ""
    text: str = ""  # the value as shown


def bars(
    rows: list[dict[str, Any]],
    label: str,
    value: str,
    *,
    limit: int | None = None,
    url=None,
    text=None,
) -> list[Bar]:
    shown = rows[:limit] if limit else rows
    largest = max((row[value] or 0 for row in shown), default=0)
    result = []
    for row in shown:
        amount = row[value] or 0
        width = round(amount / largest * 100, 2) if largest else 0
        result.append(
            Bar(
                label=str(row[label]),
                value=amount,
                width=width,
                url=url(row) if url else "",
                text=text(row) if text else number(amount),
            )
        )
    return result


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    height: float
    label: str
    value: int


MIN_YEARS = 10


def year_columns(rows: list[dict[str, Any]], height: int = 100, min_years: int = MIN_YEARS) -> dict[str, Any]:
    """Columns for the dated years (undated agreements go in the table only), in a 0..N x 0..height box.

    At least `min_years` columns, the years before the first one drawn as zeros: the chart is stretched to the
    page's width, and a single year would otherwise be one block across it (issue 13)."""
    dated = [row for row in rows if row["year"] is not None]
    if dated and len(dated) < min_years:
        first = dated[0]["year"]
        dated = [
            {"year": year, "agreements": 0} for year in range(first - min_years + len(dated), first)
        ] + dated
    largest = max((row["agreements"] for row in dated), default=0)
    columns = []
    for index, row in enumerate(dated):
        h = round(row["agreements"] / largest * height, 2) if largest else 0
        columns.append(Column(index + 0.1, round(height - h, 2), h, str(row["year"]), row["agreements"]))
    ticks: list[str] = []
    if dated:
        first, last = dated[0]["year"], dated[-1]["year"]
        ticks = [str(first)] if first == last else [str(first), str((first + last) // 2), str(last)]
    return {"columns": columns, "width": len(dated), "height": height, "largest": largest, "ticks": ticks}
