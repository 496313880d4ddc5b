"""CSV for the open API. A list answers with every row of the filtered result (streamed), not one page."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from rest_framework.renderers import BaseRenderer

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = ";".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)  # the BOM lets spreadsheet programs read UTF-8 accents
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


class CSVRenderer(BaseRenderer):
    """Renders {"columns": [...], "rows": [{...}]} (statistics) as CSV; lists stream their own CSV."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if not isinstance(data, dict) or "rows" not in data:
            return b""
        keys = [column["key"] for column in data["columns"]]
        lines = csv_lines(keys, ([row.get(key) for key in keys] for row in data["rows"]))
        return "".join(lines).encode("utf-8")
