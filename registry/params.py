"""Query parameters as the registry reads them: one value each, trimmed, codes in their canonical case.

The same normalised dict feeds the filters and the cache key, so `?country=jp` and `?country=JP ` are one
cache entry and one answer.
"""

from django.http import QueryDict

from registry.filters import FILTER_NAMES

PAGE_NAMES = ["sort", "page"]
UPPERCASE = {"country"}
LOWERCASE = {"type", "theme", "level", "status"}


def normalize_params(query: QueryDict, names: list[str] | None = None) -> dict[str, str]:
    names = names or FILTER_NAMES + PAGE_NAMES
    params: dict[str, str] = {}
    for name in names:
        value = query.get(name)  # the last one, if repeated
        if value is None:
            continue
        value = value.strip()
        if not value:
            continue
        if name in UPPERCASE:
            value = value.upper()
        elif name in LOWERCASE:
            value = value.lower()
        params[name] = value
    return params


def as_query(params: dict, **changes) -> str:
    """`?a=1&b=2` for the params with `changes` applied (a None value removes the parameter)."""
    merged = {**params, **changes}
    query = QueryDict(mutable=True)
    for name, value in merged.items():
        if value not in (None, ""):
            query[name] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""
