"""core.text.spanish_sort_key: Spanish dictionary order, the one key every sorted list of names uses."""

import pytest

from core.text import spanish_sort_key


def spanish(names: list[str]) -> list[str]:
    return sorted(names, key=spanish_sort_key)


def test_accented_initials_sort_with_their_letter():
    assert spanish(["Zozocolco de Hidalgo", "Álamo Temapache", "Acula", "Acámbaro", "Altotonga"]) == [
        "Acámbaro",
        "Acula",
        "Álamo Temapache",
        "Altotonga",
        "Zozocolco de Hidalgo",
    ]
    assert spanish(["Úrsulo Galván", "Ures", "Uxpanapa"]) == ["Ures", "Úrsulo Galván", "Uxpanapa"]


def test_n_tilde_is_its_own_letter_after_n():
    assert spanish(["Oaxaca", "Ñuñoa", "Nuevo Ideal", "Nzalala"]) == [
        "Nuevo Ideal",
        "Nzalala",
        "Ñuñoa",
        "Oaxaca",
    ]
    assert spanish(["Peña", "Penjamo", "Pena", "Peñón", "Peo"]) == ["Pena", "Penjamo", "Peña", "Peñón", "Peo"]
    # the decomposed form (n + combining tilde, as some sources write it) sorts the same
    assert spanish_sort_key("Pen\u0303a")[0] == spanish_sort_key("Peña")[0]


def test_case_and_punctuation_do_not_change_the_order():
    assert spanish_sort_key("San-Martín")[0] == spanish_sort_key("san martín")[0] == "san martin"
    assert spanish_sort_key("Dolores Hidalgo, Cuna de la Independencia Nacional")[0] == (
        "dolores hidalgo cuna de la independencia nacional"
    )
    assert spanish(["Santa Ana", "San Andrés", "SAN ÁNGEL", "Sanahcat"]) == [
        "San Andrés",
        "SAN ÁNGEL",
        "Sanahcat",
        "Santa Ana",
    ]


@pytest.mark.parametrize("names", [["México", "Mexico"], ["Peña", "Pena"], ["San-Martín", "San Martín"]])
def test_names_equal_but_for_accents_keep_a_fixed_order(names):
    assert spanish(names) == spanish(list(reversed(names)))
