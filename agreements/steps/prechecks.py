"""The legal pre-check: rules R01–R10 of DOMAIN.md §4b, as data plus one small function each.

Every rule reads `Facts` (plain values taken from the working file's answers as typed) and returns findings:
a level, a message code and its parameters. Messages are looked up in the active language when shown, so the
results stored on the working file (`WorkingFile.precheck_results`) read in Spanish or English alike. The step
forms call the same helpers (`is_private_counterpart`, `theme_findings`, `two_thirds_required`…) for their
validation errors, so a rule is written once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

BLOCKING = "blocking"
WARNING = "warning"
OK = "ok"
PENDING = "pending"  # a rule that applies later in the workflow (R06: at signature)
LEVEL_ORDER = {OK: 0, PENDING: 1, WARNING: 2, BLOCKING: 3}
LEVEL_LABELS = {
    BLOCKING: _("Impide el envío"),
    WARNING: _("Advertencia"),
    OK: _("Cumple"),
    PENDING: _("Se verifica más adelante"),
}

# LCT art. 1 / 2 fr. II and VIII: governmental bodies and international organizations only.
GOVERNMENTAL_COUNTERPARTS = {"ciudad", "condado", "region", "nacional", "organizacion_internacional"}
PRIVATE_COUNTERPARTS = {"empresa", "ong", "universidad_privada", "otra_privada"}

# CPEUM 115 fr. III and local development pass; CPEUM 89 fr. X, 117, 118 and 131 keep these federal.
# Matched on accent-free lower-case words of the free text (objective, "other" theme).
FEDERAL_KEYWORDS: dict[str, str] = {
    "politica exterior": "CPEUM art. 89 fr. X",
    "defensa": "CPEUM art. 89 fr. VI",
    "fuerzas armadas": "CPEUM art. 89 fr. VI",
    "ejercito": "CPEUM art. 89 fr. VI",
    "armamento": "CPEUM art. 117 fr. I y 118",
    "migracion": "CPEUM art. 73 fr. XVI",
    "migratori": "CPEUM art. 73 fr. XVI",
    "visas": "CPEUM art. 73 fr. XVI",
    "aduana": "CPEUM art. 117 fr. IV–VII y 131",
    "aranceles": "CPEUM art. 117 fr. IV–VII y 131",
    "comercio exterior": "CPEUM art. 117 fr. IV–VII y 131",
    "moneda": "CPEUM art. 117 fr. III",
    "emision de billetes": "CPEUM art. 117 fr. III",
}
# Themes of the foundation's list that are municipal only in part: a warning says which part.
THEME_WARNINGS: dict[str, tuple[str, str]] = {
    "seguridad": ("seguridad", "CPEUM art. 115 fr. III inciso h) y art. 21"),
    "economica": ("economica", "CPEUM art. 117 fr. IV–VII y 131"),
    "salud": ("salud", "CPEUM art. 4 y 73 fr. XVI"),
    "educativa": ("educativa", "CPEUM art. 3"),
    "otra": ("otra", "LCT art. 2 fr. II"),
}
DEFAULT_TWO_THIRDS = (2, 3)


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def is_private_counterpart(counterpart_type: str) -> bool:
    return counterpart_type in PRIVATE_COUNTERPARTS


def federal_keywords_in(text: str) -> list[tuple[str, str]]:
    plain = normalise(text)
    return [(word, basis) for word, basis in FEDERAL_KEYWORDS.items() if re.search(rf"\b{word}", plain)]


def two_thirds_fraction(state_code: str) -> tuple[int, int]:
    """CPEUM 115 fr. II b) leaves the majority to each state's law: a per-state setting, 2/3 by default."""
    return getattr(settings, "AGREEMENTS_QUALIFIED_MAJORITY_BY_STATE", {}).get(state_code, DEFAULT_TWO_THIRDS)


def two_thirds_required(members: int, state_code: str = "") -> int:
    numerator, denominator = two_thirds_fraction(state_code)
    return math.ceil(members * numerator / denominator)


def add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def outlasts_term(*, validity: str, years: int | None, signing_date: date | None, term_ends_on: date | None):
    """True / False, or None while the answers do not tell yet."""
    if validity == "indefinida":
        return True
    if validity != "plazo" or not years or not signing_date or not term_ends_on:
        return None
    return add_years(signing_date, years) > term_ends_on


@dataclass
class Facts:
    """What the rules read, as plain values: `registry.facts_from` gathers them from each `Step.facts`."""

    counterpart_type: str = ""
    themes: list[str] = field(default_factory=list)
    objective: str = ""
    other_theme: str = ""
    title: str = ""
    languages: list[str] = field(default_factory=list)
    validity: str = ""
    years: int | None = None
    signing_date: date | None = None
    financing: str = ""
    disputes: str = ""
    dispute_guarantees: bool = False
    state_code: str = ""
    term_ends_on: date | None = None
    cabildo_members: int | None = None
    votes_for: int | None = None
    session_date: date | None = None
    council_minutes_uploaded: bool = False
    # Filled in by the review workflow (a later issue); R06 reads them.
    signature_recorded: bool = False
    dictamen_favorable: bool | None = None


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    title: object
    basis: str | Promise  # the legal reference, or «Práctica de redacción» (translated)
    anchor: str  # on /guia/ley/: "articulo-7", or "cpeum-115" for the constitutional excerpts
    step: str  # the wizard step whose answers the rule reads: its task is marked when the rule blocks
    messages: dict
    check: Callable[[Facts], list[Finding]]

    def message(self, finding: Finding) -> str:
        return str(self.messages[finding.code]) % finding.params


# --- the rules ----------------------------------------------------------------------------------------


def check_r01(f: Facts) -> list[Finding]:
    if is_private_counterpart(f.counterpart_type):
        return [Finding(BLOCKING, "private")]
    if f.counterpart_type in GOVERNMENTAL_COUNTERPARTS:
        return [Finding(OK, "ok")]
    return [Finding(BLOCKING, "missing")]


def theme_findings(themes: list[str], objective: str, other_theme: str) -> list[Finding]:
    found = []
    for word, basis in federal_keywords_in(f"{objective}\n{other_theme}"):
        found.append(Finding(BLOCKING, "federal", {"word": word, "basis": basis}))
    for code in themes:
        if code in THEME_WARNINGS:
            found.append(Finding(WARNING, THEME_WARNINGS[code][0], {"basis": THEME_WARNINGS[code][1]}))
    return found


def check_r02(f: Facts) -> list[Finding]:
    if not f.themes:
        return [Finding(BLOCKING, "missing")]
    return theme_findings(f.themes, f.objective, f.other_theme) or [Finding(OK, "ok")]


def check_r03(f: Facts) -> list[Finding]:
    if f.financing == "deuda":
        return [Finding(BLOCKING, "debt")]
    return [Finding(OK, "ok")] if f.financing else [Finding(BLOCKING, "missing")]


def check_r04(f: Facts) -> list[Finding]:
    return [Finding(OK, "ok")] if f.financing == "disponibilidad" else [Finding(WARNING, "absent")]


def check_r05(f: Facts) -> list[Finding]:
    outlasts = outlasts_term(
        validity=f.validity, years=f.years, signing_date=f.signing_date, term_ends_on=f.term_ends_on
    )
    if outlasts is None:
        return [Finding(BLOCKING, "unknown")]
    if not outlasts:
        return [Finding(OK, "within_term")]
    if f.cabildo_members is None or f.votes_for is None:
        return [Finding(BLOCKING, "votes_missing")]
    required = two_thirds_required(f.cabildo_members, f.state_code)
    params = {"votes": f.votes_for, "required": required, "members": f.cabildo_members}
    return (
        [Finding(OK, "qualified", params)]
        if f.votes_for >= required
        else [Finding(BLOCKING, "short", params)]
    )


def check_r06(f: Facts) -> list[Finding]:
    # LCT art. 7: informed before signing. Enforced by the review workflow (workflow.TRANSITIONS: a signature
    # is recorded only from "dictamen favorable", dated on or after the dictamen).
    if f.signature_recorded and not f.dictamen_favorable:
        return [Finding(BLOCKING, "signed_early")]
    if f.signature_recorded:
        return [Finding(OK, "ok")]
    return [Finding(PENDING, "pending")]


def check_r07(f: Facts) -> list[Finding]:
    if f.disputes == "mecanismo":
        return [Finding(OK, "guarantees")] if f.dispute_guarantees else [Finding(BLOCKING, "no_guarantees")]
    if f.disputes == "comun_acuerdo":
        return [Finding(OK, "ok")]
    return [Finding(WARNING, "missing")]


def check_r08(f: Facts) -> list[Finding]:
    return (
        [Finding(WARNING, "treaty")] if re.search(r"\btratado", normalise(f.title)) else [Finding(OK, "ok")]
    )


def check_r09(f: Facts) -> list[Finding]:
    if "es" not in f.languages:
        return [Finding(BLOCKING, "no_spanish")]
    return [Finding(OK, "bilingual" if len(f.languages) > 1 else "ok")]


def check_r10(f: Facts) -> list[Finding]:
    if f.council_minutes_uploaded and f.session_date and f.votes_for is not None:
        return [Finding(OK, "ok")]
    return [Finding(BLOCKING, "missing")]


RULES: tuple[Rule, ...] = (
    Rule(
        "R01",
        _("La contraparte es un órgano gubernamental extranjero o una organización internacional"),
        "LCT art. 1; art. 2 fr. II y VIII",
        "articulo-1",
        "contraparte",
        {
            "ok": _("La contraparte es un gobierno o una organización internacional."),
            "private": _(
                "La contraparte es privada: el documento sería un contrato privado, fuera de la Ley sobre la "
                "Celebración de Tratados. Un acuerdo interinstitucional sólo puede celebrarse con órganos "
                "gubernamentales extranjeros u organizaciones internacionales."
            ),
            "missing": _("Falta indicar qué tipo de contraparte es (paso 2)."),
        },
        check_r01,
    ),
    Rule(
        "R02",
        _("Los temas están dentro de las atribuciones propias del municipio"),
        "LCT art. 2 fr. II; CPEUM art. 115 fr. III",
        "articulo-2",
        "objeto",
        {
            "ok": _("Los temas elegidos son atribuciones municipales."),
            "missing": _("Falta elegir al menos un área de cooperación (paso 3)."),
            "federal": _(
                "«%(word)s» es materia federal (%(basis)s): un municipio no puede comprometerse en ella. "
                "Quítela del objeto o de la descripción del tema."
            ),
            "seguridad": _(
                "Seguridad: sólo la seguridad pública municipal y el tránsito son atribuciones del municipio "
                "(%(basis)s); la seguridad nacional y la defensa son federales."
            ),
            "economica": _(
                "Económica y comercial: la promoción económica local es municipal; aranceles, aduanas y "
                "comercio exterior son federales (%(basis)s)."
            ),
            "salud": _(
                "Salud: sólo las acciones de salud que la ley estatal asigna al municipio (%(basis)s); "
                "confírmelo con su área jurídica."
            ),
            "educativa": _(
                "Educativa: la educación básica y superior es federal o estatal (%(basis)s); el municipio "
                "puede cooperar en actividades culturales y de formación propias."
            ),
            "otra": _(
                "Tema «Otra»: verifique que la materia sea una atribución propia del municipio (%(basis)s)."
            ),
        },
        check_r02,
    ),
    Rule(
        "R03",
        _("Sin préstamos ni obligaciones de pago con el extranjero"),
        "CPEUM art. 117 fr. VIII",
        "cpeum-117",
        "texto",
        {
            "ok": _("El acuerdo no crea deuda ni pagos con el extranjero."),
            "debt": _(
                "Un municipio no puede contraer obligaciones o empréstitos con gobiernos extranjeros, con "
                "sociedades o particulares extranjeros, ni pagaderos en moneda extranjera o fuera del país."
            ),
            "missing": _("Falta indicar cómo se financiará la cooperación (paso 5)."),
        },
        check_r03,
    ),
    Rule(
        "R04",
        _("Financiamiento «sujeto a la disponibilidad presupuestal»"),
        _("Práctica de redacción"),
        "",
        "texto",
        {
            "ok": _("El financiamiento queda sujeto a la disponibilidad presupuestal de cada Parte."),
            "absent": _(
                "Se recomienda que el financiamiento quede «sujeto a la disponibilidad presupuestal»: así el "
                "acuerdo no crea por sí mismo una obligación de gasto."
            ),
        },
        check_r04,
    ),
    Rule(
        "R05",
        _("Vigencia mayor que el periodo del ayuntamiento: voto de dos terceras partes"),
        "CPEUM art. 115 fr. II inciso b)",
        "cpeum-115",
        "cabildo",
        {
            "within_term": _(
                "El acuerdo termina dentro del periodo del ayuntamiento: basta la mayoría ordinaria."
            ),
            "qualified": _(
                "El acuerdo va más allá del periodo del ayuntamiento y tuvo %(votes)s votos a favor de "
                "%(members)s integrantes: alcanza los %(required)s necesarios."
            ),
            "short": _(
                "El acuerdo va más allá del periodo del ayuntamiento: necesita %(required)s votos a favor de "
                "%(members)s integrantes del cabildo, y tuvo %(votes)s."
            ),
            "votes_missing": _("Faltan la votación del cabildo o el número de sus integrantes (paso 6)."),
            "unknown": _(
                "Falta la vigencia, la fecha prevista de firma o el fin del periodo del ayuntamiento "
                "(pasos 5 y 6) para saber si se necesitan dos terceras partes."
            ),
        },
        check_r05,
    ),
    Rule(
        "R06",
        _("La SRE dictamina antes de la firma"),
        "LCT art. 7",
        "articulo-7",
        "envio",
        {
            "pending": _(
                "Al enviar, la SRE recibe el texto antes de la firma. La firma sólo podrá registrarse "
                "después "
                "de un dictamen favorable; el portal lo verificará en la revisión."
            ),
            "signed_early": _("Se registró una firma sin dictamen favorable de la SRE."),
            "ok": _("La firma se registró después del dictamen favorable de la SRE."),
        },
        check_r06,
    ),
    Rule(
        "R07",
        _("Solución de controversias de común acuerdo"),
        "LCT art. 8",
        "articulo-8",
        "texto",
        {
            "ok": _("Las controversias se resolverán de común acuerdo entre las Partes."),
            "guarantees": _(
                "El mecanismo internacional elegido garantiza trato igual, audiencia e imparcialidad."
            ),
            "no_guarantees": _(
                "Un mecanismo internacional de solución de controversias debe garantizar trato igual, "
                "audiencia y órganos imparciales."
            ),
            "missing": _("Falta elegir cómo se resolverán las controversias (paso 5)."),
        },
        check_r07,
    ),
    Rule(
        "R08",
        _("No es un tratado y obliga sólo al municipio"),
        "LCT art. 2 fr. I y II; CPEUM art. 76 fr. I, 117 fr. I y 133",
        "articulo-2",
        "texto",
        {
            "ok": _("El título no presenta el acuerdo como un tratado."),
            "treaty": _(
                "El título usa la palabra «tratado»: sólo el Gobierno federal celebra tratados. Use "
                "«acuerdo»."
            ),
        },
        check_r08,
    ),
    Rule(
        "R09",
        _("Existe un texto en español"),
        _("Práctica de redacción"),
        "",
        "texto",
        {
            "ok": _("El acuerdo tendrá texto en español."),
            "bilingual": _("Habrá texto en español y en el idioma de la contraparte, igualmente auténticos."),
            "no_spanish": _("El acuerdo debe tener un texto en español."),
        },
        check_r09,
    ),
    Rule(
        "R10",
        _("El cabildo aprobó la firma antes del envío a la SRE"),
        "CPEUM art. 115 fr. I y II",
        "cpeum-115",
        "cabildo",
        {
            "ok": _("El acta de cabildo con la aprobación está en el expediente."),
            "missing": _("Falta el acta de cabildo con la votación que aprueba la firma (paso 6)."),
        },
        check_r10,
    ),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


def run(facts: Facts) -> list[dict]:
    """Every rule's findings, as JSON-ready dicts (what the working file stores)."""
    results = []
    for rule in RULES:
        for finding in rule.check(facts):
            results.append(
                {"rule": rule.id, "level": finding.level, "code": finding.code, "params": finding.params}
            )
    return results


def blocking(results: list[dict]) -> list[dict]:
    return [r for r in results if r["level"] == BLOCKING]


def describe(results: list[dict]) -> list[dict]:
    """Stored results with their rule, message and labels in the active language, for templates."""
    described = []
    for result in results:
        rule = RULES_BY_ID[result["rule"]]
        finding = Finding(result["level"], result["code"], result.get("params", {}))
        described.append(
            {
                **result,
                "title": rule.title,
                "basis": rule.basis,
                "anchor": rule.anchor,
                "step": rule.step,
                "message": rule.message(finding),
                "level_label": LEVEL_LABELS[result["level"]],
            }
        )
    return described


def message_for(rule_id: str, code: str, **params) -> str:
    rule = RULES_BY_ID[rule_id]
    return rule.message(Finding(BLOCKING, code, params))
