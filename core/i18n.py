from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "").startswith("en")


class BilingualNameMixin:
    """For catalogue rows that carry `name_es` and `name_en`: `name` follows the active language."""

    name_es: str
    name_en: str

    @property
    def name(self) -> str:
        return self.name_en if is_english() and self.name_en else self.name_es
