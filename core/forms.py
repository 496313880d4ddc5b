"""Form helpers that know no domain."""

from __future__ import annotations

from django import forms


def count_limits(form: forms.BaseForm) -> None:
    """Never cut what a person types or pastes: a browser silently truncates a field at its `maxlength` (a
    5,000-character paste into a 3,000 limit keeps 3,000, with no warning). The limit moves to
    `data-maxlength`, where the counter (static/js/charcount.js, markup in templates/_charcount.html) reads
    it, and the server refuses longer text with the field's own message. Call it at the end of `__init__`."""
    for field in form.fields.values():
        attrs = field.widget.attrs
        if "maxlength" in attrs:
            attrs["data-maxlength"] = attrs.pop("maxlength")
