"""Helpers shared by the data loaders (`load_catalogs`, `load_demo`).

- strict CSV reading: a malformed file raises `DataFileError` naming the file and the row (rows are counted
  as in a spreadsheet: the header is row 1, the first data row is row 2);
- name normalisation (accent-, case- and punctuation-insensitive) and haversine distances;
- `sync_rows`: compares the rows a file asks for with the rows in the database, in memory, and writes only
  the differences with bulk_create / bulk_update in batches.
"""

from __future__ import annotations

import csv
import math
import re
import time
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

BATCH_SIZE = 2000
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


class DataFileError(Exception):
    """An input file that cannot be loaded; the message names the file and, when known, the row."""

    def __init__(self, path: Path | str, row: int | None, problem: str):
        self.path = str(path)
        self.row = row
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}, row {self.row}" if self.row is not None else self.path
        return f"{where}: {self.problem}"


def read_csv(path: Path | str, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """All rows of a UTF-8 CSV file as (row number, {column: stripped value}).

    The header must contain every name in `columns` (extra columns are ignored); every row must have as
    many fields as the header.
    """
    path = Path(path)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            line = 0
            try:
                header = next(reader, None)
                if header is None:
                    raise DataFileError(path, None, "the file is empty (no header row)")
                header = [h.strip() for h in header]
                missing = [c for c in columns if c not in header]
                if missing:
                    raise DataFileError(
                        path,
                        1,
                        f"the header lacks the column(s) {', '.join(missing)} (found: {', '.join(header)})",
                    )
                if len(set(header)) != len(header):
                    raise DataFileError(path, 1, "the header names a column twice")
                line = reader.line_num
                for values in reader:
                    line = reader.line_num
                    if not values or values == [""]:
                        continue  # a blank line, e.g. at the end of the file
                    if len(values) != len(header):
                        raise DataFileError(path, line, f"expected {len(header)} fields, found {len(values)}")
                    rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
            except UnicodeDecodeError as exc:
                raise DataFileError(path, line + 1, f"not valid UTF-8 text ({exc.reason})") from exc
            except csv.Error as exc:
                raise DataFileError(path, reader.line_num, f"not valid CSV ({exc})") from exc
    except FileNotFoundError as exc:
        raise DataFileError(path, None, "file not found") from exc
    except IsADirectoryError as exc:
        raise DataFileError(path, None, "is a folder, not a file") from exc
    return rows


# --- Field parsers: each raises ValueError with a message for the operator ---------------------------


def parse_text(value: str, *, column: str, max_length: int, blank: bool = False) -> str:
    if not value and not blank:
        raise ValueError(f"{column} is empty")
    if len(value) > max_length:
        raise ValueError(f"{column} is longer than {max_length} characters")
    return value


def parse_digits(value: str, *, column: str, length: int) -> str:
    if len(value) != length or not value.isascii() or not value.isdigit():
        raise ValueError(f"{column} {value!r} is not a {length}-digit code")
    return value


def parse_int(value: str, *, column: str, blank: bool = False, minimum: int = 0) -> int | None:
    if not value and blank:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a whole number") from None
    if number < minimum:
        raise ValueError(f"{column} {value!r} is below {minimum}")
    return number


def parse_float(value: str, *, column: str, blank: bool = False, limit: float = 180.0) -> float | None:
    if not value and blank:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise ValueError(f"{column} {value!r} is outside -{limit:g}..{limit:g}")
    return number


def parse_coordinates(lat: str, lon: str, *, prefix: str = "") -> tuple[float | None, float | None]:
    """A latitude/longitude pair: both given or both blank."""
    if bool(lat) != bool(lon):
        raise ValueError(f"{prefix}latitude and {prefix}longitude must be both given or both blank")
    return (
        parse_float(lat, column=f"{prefix}latitude", blank=True, limit=90.0),
        parse_float(lon, column=f"{prefix}longitude", blank=True, limit=180.0),
    )


# --- Names and distances ------------------------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize_name(name: str) -> str:
    """Accent-, case-, space- and punctuation-insensitive key: "Santa Fe" == "Santafé" == "SANTA-FE"."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", name.casefold())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --- Writing: compare in memory, then bulk writes -----------------------------------------------------


@dataclass
class SyncResult:
    """What one sync did to one table."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # rows in the database that the input does not mention: left untouched
    updated_fields: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def line(self) -> str:
        text = (
            f"{self.label}: {self.created:,} created, {self.updated:,} updated, {self.unchanged:,} unchanged"
        )
        if self.updated_fields:
            text += f" (updated fields: {', '.join(sorted(self.updated_fields))})"
        if self.kept:
            text += f"; {self.kept:,} already in the database but not in the input, kept as they are"
        return text


def sync_rows(
    model: type[models.Model],
    desired: dict[Hashable, models.Model],
    existing: dict[Hashable, models.Model],
    fields: Sequence[str],
    *,
    label: str,
    touch: Callable[[models.Model], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> SyncResult:
    """Create the desired rows that do not exist and update those whose `fields` differ.

    `desired` and `existing` are keyed by the same natural key; `fields` are model field names (a foreign key
    is compared through its `_id` column). `touch` is called on each updated row (e.g. to set updated_at,
    which bulk_update leaves alone).
    """
    result = SyncResult(label)
    attnames = [(name, model._meta.get_field(name).attname) for name in fields]
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    for key, wanted in desired.items():
        current = existing.get(key)
        if current is None:
            to_create.append(wanted)
            continue
        diff = [name for name, att in attnames if getattr(current, att) != getattr(wanted, att)]
        if not diff:
            result.unchanged += 1
            continue
        for _name, att in attnames:
            setattr(current, att, getattr(wanted, att))
        if touch is not None:
            touch(current)
        result.updated_fields.update(diff)
        to_update.append(current)
    result.kept = sum(1 for key in existing if key not in desired)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        update_fields = list(fields) + (["updated_at"] if touch is not None else [])
        # bulk_update builds one CASE per field: smaller batches keep each statement reasonable.
        model.objects.bulk_update(to_update, update_fields, batch_size=min(batch_size, 500))
    result.created, result.updated = len(to_create), len(to_update)
    return result


class Stages:
    """Prints one line per stage with the time it took, and the total at the end."""

    def __init__(self, write: Callable[[str], None]):
        self.write = write
        self.started = self.last = time.perf_counter()

    def done(self, text: str) -> None:
        now = time.perf_counter()
        self.write(f"{text} ({now - self.last:.1f} s)")
        self.last = now

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"
