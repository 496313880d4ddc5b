"""`manage.py check_spelling` (in `make check`): hunspell over the Spanish msgids and the English msgstrs."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ciberparadiplomacia.management.commands import check_spelling
from ciberparadiplomacia.management.commands.check_spelling import Allowlist, Misspelling, misspellings
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hunspell():
    missing = check_spelling.missing_tools()
    require(not missing, f"hunspell and its dictionaries ({check_spelling.INSTALL}); missing: {missing}")


def catalogue(tmp_path: Path, entries: str) -> Path:
    po = tmp_path / "django.po"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po.write_text(header + entries, encoding="utf-8")
    return po


def test_reports_exactly_the_misspelled_spanish_and_english_words(tmp_path, hunspell):
    # «cuenta» is in both placeholders: English would report it if the placeholder were read as prose.
    po = catalogue(
        tmp_path,
        "#, python-format\n"
        'msgid "El expedinete de PROMEHCID tiene %(cuenta)s páginas."\n'
        'msgstr "The workng file of PROMEHCID has %(cuenta)s pages."\n',
    )
    found = misspellings(po, Allowlist.parse("# institutions\nPROMEHCID\n"))
    msgid = "El expedinete de PROMEHCID tiene %(cuenta)s páginas."
    assert found == [
        Misspelling(word="expedinete", language="es", msgid=msgid),
        Misspelling(word="workng", language="en", msgid=msgid),
    ]


def test_what_is_not_prose_is_not_checked(tmp_path, hunspell):
    po = catalogue(
        tmp_path,
        'msgid "Escriba a <a href=\\"https://www.sre.gob.mx/xyzq\\">soporte@sre.gob.mx</a>&nbsp;{nombre} '
        '`make chek` fr. II b) 2500lt n.º 3"\n'
        'msgstr "Write to <a href=\\"https://www.sre.gob.mx/xyzq\\">soporte@sre.gob.mx</a>&nbsp;{nombre} '
        '`make chek` sec. II b) 2500lt no. 3"\n',
    )
    assert misspellings(po, Allowlist.parse("fr\n")) == []


def test_a_phrase_accepts_its_words_only_together(tmp_path, hunspell):
    allowed = Allowlist.parse("List of twin towns and sister cities\n")
    po = catalogue(
        tmp_path,
        'msgid "Las listas «List of twin towns and sister cities» en inglés"\n'
        'msgstr "The lists «List of twin towns and sister cities» in English"\n\n'
        'msgid "Ciudades hermanas and more"\n'
        'msgstr "Sister cities and more"\n',
    )
    assert misspellings(po, allowed) == [
        Misspelling(word="and", language="es", msgid="Ciudades hermanas and more")
    ]


def test_an_allowed_word_in_lower_case_takes_a_capital_but_a_name_keeps_its_own(tmp_path, hunspell):
    allowed = Allowlist.parse("dictamen\nPROMEHCID\n")
    po = catalogue(
        tmp_path,
        'msgid "Dictamen"\nmsgstr "Dictamen and DICTAMEN of PROMEHCID\'s"\n\nmsgid "x"\nmsgstr "promehcid"\n',
    )
    assert [(m.word, m.msgid) for m in misspellings(po, allowed)] == [("promehcid", "x")]


def test_a_rejected_american_spelling_is_reported_in_english_only(tmp_path, hunspell):
    allowed = Allowlist.parse("favourable\n!favorable\n")
    po = catalogue(
        tmp_path,
        'msgid "Dictamen favorable"\nmsgstr "Favorable opinion"\n\n'
        'msgid "Opinión favorable"\nmsgstr "Favourable opinion"\n',
    )
    assert misspellings(po, allowed) == [
        Misspelling(word="Favorable", language="en", msgid="Dictamen favorable")
    ]


def test_the_committed_catalogues_pass(hunspell, capsys):
    """The spelling fixes of the English catalogue (British spelling throughout) stay made."""
    call_command("check_spelling")
    assert capsys.readouterr().out == "No unknown word in 2 catalogue(s).\n"


def test_the_allowlist_is_committed_with_its_header():
    text = (ROOT / "locale" / "spelling-allowlist.txt").read_text(encoding="utf-8")
    assert text.startswith("# Words that `manage.py check_spelling`")
    allowed = Allowlist.parse(text)
    assert {"SRE", "INEGI", "CPEUM", "GeoNames", "dictamen"} <= allowed.words
    assert "favorable" in allowed.rejected_in_english


def test_without_hunspell_the_command_fails_with_the_install_command(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(
        check_spelling.shutil, "which", lambda name: None if name == "hunspell" else real_which(name)
    )
    with pytest.raises(CommandError) as error:
        call_command("check_spelling")
    assert str(error.value) == (
        "Not installed: hunspell, es_MX, en_US. "
        "Install them with: apt-get install hunspell hunspell-es hunspell-en-us"
    )


def test_without_a_dictionary_the_command_names_it(monkeypatch, hunspell):
    monkeypatch.setitem(check_spelling.DICTIONARIES, "en", "xx_NOPE")
    with pytest.raises(CommandError) as error:
        call_command("check_spelling")
    assert str(error.value) == (
        "Not installed: xx_NOPE. Install them with: apt-get install hunspell hunspell-es hunspell-en-us"
    )
