"""The readiness self-check: five questions (office, budget, council support, objective, partner in mind),
each worth 0, 1 or 2 points, a level from the total, and the concrete next steps for each weak answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES, PARTLY, NO = "si", "parcial", "no"
POINTS = {YES: 2, PARTLY: 1, NO: 0}
MAX_SCORE = 2 * 5


@dataclass(frozen=True)
class SelfCheckQuestion:
    name: str
    label: object
    options: tuple[tuple[str, object], ...]  # (YES | PARTLY | NO, label)
    next_step: object  # what to do when the answer is not YES
    link: str = ""  # a URL name that helps with that next step
    link_label: object = ""


QUESTIONS: tuple[SelfCheckQuestion, ...] = (
    SelfCheckQuestion(
        "oficina",
        _("¿Tiene el municipio una oficina o una persona encargada de los asuntos internacionales?"),
        (
            (YES, _("Sí, con tiempo asignado a esa tarea")),
            (PARTLY, _("Alguien lo atiende, además de otras tareas")),
            (NO, _("No")),
        ),
        _(
            "Designe una persona enlace (o cree una Oficina de Asuntos Internacionales) y dele tiempo para "
            "la tarea: es quien prepara el expediente, habla con la contraparte y con la SRE."
        ),
        "guide:glossary",
        _("Qué es la OFAI y la persona enlace"),
    ),
    SelfCheckQuestion(
        "presupuesto",
        _("¿Hay presupuesto para las actividades de cooperación (viajes, traducciones, eventos)?"),
        (
            (YES, _("Sí, en el presupuesto de este año")),
            (PARTLY, _("Podría conseguirse")),
            (NO, _("No")),
        ),
        _(
            "Prevea una partida modesta para traducciones, visitas y actividades. El acuerdo dirá que el "
            "financiamiento queda «sujeto a la disponibilidad presupuestal»: no obliga por sí mismo a gastar."
        ),
        "guide:faq",
        _("¿El acuerdo nos obliga a gastar?"),
    ),
    SelfCheckQuestion(
        "cabildo",
        _("¿El cabildo apoya la idea de un acuerdo internacional?"),
        (
            (YES, _("Sí, lo ha tratado y lo apoya")),
            (PARTLY, _("La presidencia lo apoya; el cabildo no lo ha tratado")),
            (NO, _("No se sabe o hay oposición")),
        ),
        _(
            "Presente el proyecto al cabildo desde el principio: él autoriza la firma, y si el acuerdo dura "
            "más que el periodo del ayuntamiento necesita dos terceras partes de sus integrantes."
        ),
        "guide:law",
        _("CPEUM art. 115 fr. II inciso b)"),
    ),
    SelfCheckQuestion(
        "objetivo",
        _("¿Sabe para qué quiere el acuerdo?"),
        (
            (YES, _("Sí, un objetivo concreto (por ejemplo, atraer turismo de un país)")),
            (PARTLY, _("Una idea general")),
            (NO, _("Todavía no")),
        ),
        _(
            "Escriba en dos o tres frases qué quiere lograr y en qué temas de las atribuciones municipales; "
            "será el objeto del acuerdo (Artículo I). Un Plan de Internacionalización Local ayuda a "
            "decidirlo."
        ),
        "guide:index",
        _("El proceso paso a paso"),
    ),
    SelfCheckQuestion(
        "socio",
        _("¿Tiene en mente una ciudad socia?"),
        (
            (YES, _("Sí, y ya hay contacto con su gobierno")),
            (PARTLY, _("Una ciudad, pero sin contacto todavía")),
            (NO, _("No")),
        ),
        _(
            "Mire las ciudades que el portal sugiere en la página de su municipio, con sus razones, y "
            "publique una solicitud en «Buscan socio». Recuerde: la contraparte debe ser un gobierno o una "
            "organización internacional, no una empresa."
        ),
        "board:list",
        _("Buscan socio"),
    ),
)
QUESTIONS_BY_NAME = {q.name: q for q in QUESTIONS}


@dataclass(frozen=True)
class Level:
    minimum: int
    code: str
    title: object
    summary: object


LEVELS: tuple[Level, ...] = (  # highest first
    Level(
        8,
        "listo",
        _("Listo para empezar"),
        _(
            "El municipio tiene lo esencial. Puede abrir un expediente y avanzar paso a paso con el "
            "asistente."
        ),
    ),
    Level(
        4,
        "casi",
        _("Casi listo"),
        _("Hay una buena base. Atienda los pasos siguientes mientras prepara el expediente."),
    ),
    Level(
        0,
        "preparar",
        _("Primero, prepare la base"),
        _(
            "Antes de negociar con otra ciudad conviene tener a una persona responsable, un objetivo y el "
            "apoyo del cabildo. Los pasos siguientes le dicen por dónde empezar."
        ),
    ),
)


@dataclass(frozen=True)
class Result:
    score: int
    level: Level
    answers: dict[str, str]
    next_steps: list[SelfCheckQuestion]

    @property
    def max_score(self) -> int:
        return MAX_SCORE


def score(answers: dict[str, str]) -> Result:
    """The total (0–10), the level and the next steps (weakest answers first) for valid answers."""
    total = sum(POINTS[answers[q.name]] for q in QUESTIONS)
    level = next(level for level in LEVELS if total >= level.minimum)
    weak = sorted((q for q in QUESTIONS if answers[q.name] != YES), key=lambda q: POINTS[answers[q.name]])
    return Result(score=total, level=level, answers=answers, next_steps=weak)
