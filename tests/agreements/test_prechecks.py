"""Each rule of the legal pre-check with a passing and a failing case (DOMAIN.md §4b)."""

import datetime as dt

import pytest
from django.utils import translation

from agreements.steps import prechecks
from agreements.steps.prechecks import BLOCKING, OK, PENDING, WARNING, Facts, Finding

PASSING = Facts(
    counterpart_type="ciudad",
    themes=["cultural", "turistica"],
    objective="Intercambio cultural",
    title="",
    languages=["es", "ja"],
    validity="plazo",
    years=2,
    signing_date=dt.date(2027, 3, 15),
    financing="disponibilidad",
    disputes="comun_acuerdo",
    term_ends_on=dt.date(2030, 9, 30),
    cabildo_members=12,
    votes_for=7,
    session_date=dt.date(2026, 11, 5),
    council_minutes_uploaded=True,
)


def facts(**changes) -> Facts:
    return Facts(**{**PASSING.__dict__, **changes})


def test_r01_governmental_counterpart_passes_private_blocks():
    assert prechecks.check_r01(PASSING) == [Finding(OK, "ok")]
    assert prechecks.check_r01(facts(counterpart_type="organizacion_internacional")) == [Finding(OK, "ok")]
    assert prechecks.check_r01(facts(counterpart_type="empresa")) == [Finding(BLOCKING, "private")]
    assert prechecks.check_r01(facts(counterpart_type="")) == [Finding(BLOCKING, "missing")]


def test_r02_municipal_themes_pass_federal_matters_block_partial_ones_warn():
    assert prechecks.check_r02(facts(themes=["cultural", "deporte"])) == [Finding(OK, "ok")]
    assert prechecks.check_r02(facts(objective="Cooperación en política exterior y aduanas")) == [
        Finding(BLOCKING, "federal", {"word": "politica exterior", "basis": "CPEUM art. 89 fr. X"}),
        Finding(BLOCKING, "federal", {"word": "aduana", "basis": "CPEUM art. 117 fr. IV–VII y 131"}),
    ]
    assert prechecks.check_r02(facts(themes=["seguridad"])) == [
        Finding(WARNING, "seguridad", {"basis": "CPEUM art. 115 fr. III inciso h) y art. 21"})
    ]
    assert prechecks.check_r02(facts(themes=[])) == [Finding(BLOCKING, "missing")]


def test_r03_no_foreign_debt():
    assert prechecks.check_r03(PASSING) == [Finding(OK, "ok")]
    assert prechecks.check_r03(facts(financing="deuda")) == [Finding(BLOCKING, "debt")]


def test_r04_budget_clause_missing_is_a_warning():
    assert prechecks.check_r04(PASSING) == [Finding(OK, "ok")]
    assert prechecks.check_r04(facts(financing="sin_costo")) == [Finding(WARNING, "absent")]


def test_r05_within_the_term_needs_no_qualified_majority():
    # Signed 2027-03-15 for two years: ends 2029-03-15, before the council's term ends (2030-09-30).
    assert prechecks.check_r05(PASSING) == [Finding(OK, "within_term")]


def test_r05_beyond_the_term_needs_two_thirds():
    params = {"votes": 7, "required": 8, "members": 12}
    assert prechecks.check_r05(facts(validity="indefinida")) == [Finding(BLOCKING, "short", params)]
    assert prechecks.check_r05(facts(years=5, votes_for=8)) == [
        Finding(OK, "qualified", {"votes": 8, "required": 8, "members": 12})
    ]
    assert prechecks.check_r05(facts(term_ends_on=None)) == [Finding(BLOCKING, "unknown")]


def test_r05_threshold_is_a_per_state_setting(settings):
    settings.AGREEMENTS_QUALIFIED_MAJORITY_BY_STATE = {"20": (3, 4)}
    assert prechecks.two_thirds_required(12, "20") == 9
    assert prechecks.two_thirds_required(12, "21") == 8
    assert prechecks.two_thirds_required(11) == 8  # 7.33 rounds up


def test_r06_signature_only_after_a_favorable_dictamen():
    assert prechecks.check_r06(PASSING) == [Finding(PENDING, "pending")]
    # Recorded by the review workflow once the signature follows a favorable dictamen.
    assert prechecks.check_r06(facts(signature_recorded=True, dictamen_favorable=True)) == [Finding(OK, "ok")]
    assert prechecks.check_r06(facts(signature_recorded=True)) == [Finding(BLOCKING, "signed_early")]


def test_r07_disputes():
    assert prechecks.check_r07(PASSING) == [Finding(OK, "ok")]
    assert prechecks.check_r07(facts(disputes="mecanismo")) == [Finding(BLOCKING, "no_guarantees")]
    assert prechecks.check_r07(facts(disputes="mecanismo", dispute_guarantees=True)) == [
        Finding(OK, "guarantees")
    ]


def test_r08_not_a_treaty():
    assert prechecks.check_r08(PASSING) == [Finding(OK, "ok")]
    assert prechecks.check_r08(facts(title="Tratado de amistad Oaxaca–Kioto")) == [Finding(WARNING, "treaty")]


def test_r09_spanish_text():
    assert prechecks.check_r09(PASSING) == [Finding(OK, "bilingual")]
    assert prechecks.check_r09(facts(languages=["en"])) == [Finding(BLOCKING, "no_spanish")]


def test_r10_council_approval_on_file():
    assert prechecks.check_r10(PASSING) == [Finding(OK, "ok")]
    assert prechecks.check_r10(facts(council_minutes_uploaded=False)) == [Finding(BLOCKING, "missing")]


def test_run_covers_every_rule_once_for_a_clean_file():
    results = prechecks.run(PASSING)
    assert [r["rule"] for r in results] == [f"R{n:02d}" for n in range(1, 11)]
    assert prechecks.blocking(results) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es-mx", "necesita 8 votos a favor de 12 integrantes del cabildo, y tuvo 7."),
        ("en", "it needs 8 votes in favour out of 12 council members, and it had 7."),
    ],
)
def test_messages_follow_the_active_language(language, expected):
    results = prechecks.run(facts(validity="indefinida"))
    with translation.override(language):
        described = prechecks.describe(results)
    r05 = next(r for r in described if r["rule"] == "R05")
    assert r05["message"].endswith(expected)
    assert (r05["anchor"], r05["basis"]) == ("cpeum-115", "CPEUM art. 115 fr. II inciso b)")
