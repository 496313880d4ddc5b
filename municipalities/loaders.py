"""States and municipalities from INEGI: municipalities/data/municipios.csv (see PROVENANCE.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.loading import (
    DataFileError,
    SyncResult,
    parse_coordinates,
    parse_digits,
    parse_int,
    parse_text,
    read_csv,
    sync_rows,
)
from municipalities.models import Municipality, State

MUNICIPALITIES_CSV = Path(__file__).resolve().parent / "data" / "municipios.csv"
COLUMNS = (
    "state_code",
    "state_name",
    "municipality_code",
    "municipality_name",
    "population_2020",
    "latitude",
    "longitude",
    "cvegeo",
    "state_abbr",
    "cabecera_name",
    "coord_source",
)
STATE_FIELDS = ["name", "abbreviation"]
MUNICIPALITY_FIELDS = [
    "state",
    "code",
    "name",
    "seat_name",
    "population_2020",
    "latitude",
    "longitude",
    "coord_source",
]


@dataclass
class MunicipalityCatalogue:
    """What the file asks for, keyed by INEGI code; not saved yet."""

    states: dict[str, State]
    municipalities: dict[str, Municipality]


def read_municipalities(path: Path | str = MUNICIPALITIES_CSV) -> MunicipalityCatalogue:
    """Parse and check the whole file; raises DataFileError on the first bad row."""
    states: dict[str, State] = {}
    state_rows: dict[str, int] = {}
    municipalities: dict[str, Municipality] = {}
    municipality_rows: dict[str, int] = {}
    sources = set(Municipality.CoordSource.values)
    for row_number, row in read_csv(path, COLUMNS):
        try:
            state_code = parse_digits(row["state_code"], column="state_code", length=2)
            code = parse_digits(row["municipality_code"], column="municipality_code", length=3)
            cvegeo = parse_digits(row["cvegeo"], column="cvegeo", length=5)
            if cvegeo != state_code + code:
                raise ValueError(
                    f"cvegeo {cvegeo} is not state_code + municipality_code ({state_code}{code})"
                )
            state_name = parse_text(row["state_name"], column="state_name", max_length=100)
            abbreviation = parse_text(row["state_abbr"], column="state_abbr", max_length=12)
            name = parse_text(row["municipality_name"], column="municipality_name", max_length=150)
            seat_name = parse_text(row["cabecera_name"], column="cabecera_name", max_length=150, blank=True)
            population = parse_int(row["population_2020"], column="population_2020", blank=True)
            latitude, longitude = parse_coordinates(row["latitude"], row["longitude"])
            coord_source = row["coord_source"]
            if coord_source not in sources:
                raise ValueError(f"coord_source {coord_source!r} is not one of {', '.join(sorted(sources))}")
            if (coord_source == Municipality.CoordSource.NONE) != (latitude is None):
                raise ValueError(
                    f"coord_source {coord_source!r} does not agree with the coordinates "
                    "('none' exactly when latitude and longitude are blank)"
                )
            if cvegeo in municipalities:
                raise ValueError(f"cvegeo {cvegeo} appears twice (first in row {municipality_rows[cvegeo]})")
            state = states.get(state_code)
            if state is None:
                states[state_code] = State(code=state_code, name=state_name, abbreviation=abbreviation)
                state_rows[state_code] = row_number
            elif (state.name, state.abbreviation) != (state_name, abbreviation):
                raise ValueError(
                    f"state {state_code} is called {state_name!r} ({abbreviation}) here but "
                    f"{state.name!r} ({state.abbreviation}) in row {state_rows[state_code]}"
                )
        except ValueError as exc:
            raise DataFileError(path, row_number, str(exc)) from None
        municipalities[cvegeo] = Municipality(
            cvegeo=cvegeo,
            state_id=state_code,
            code=code,
            name=name,
            seat_name=seat_name,
            population_2020=population,
            latitude=latitude,
            longitude=longitude,
            coord_source=coord_source,
        )
        municipality_rows[cvegeo] = row_number
    if not municipalities:
        raise DataFileError(path, None, "the file has a header but no rows")
    return MunicipalityCatalogue(states=states, municipalities=municipalities)


def sync_municipalities(catalogue: MunicipalityCatalogue) -> list[SyncResult]:
    """Write states, then municipalities; call inside a transaction."""
    states = sync_rows(
        State,
        catalogue.states,
        {s.code: s for s in State.objects.all()},
        STATE_FIELDS,
        label="States",
    )
    municipalities = sync_rows(
        Municipality,
        catalogue.municipalities,
        {m.cvegeo: m for m in Municipality.objects.all()},
        MUNICIPALITY_FIELDS,
        label="Municipalities",
    )
    return [states, municipalities]
