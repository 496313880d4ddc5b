"""The knowledge centre's frequently asked questions (/guia/preguntas-frecuentes/), each answer citing the
law's articles it rests on (citations.py). Spanish source strings, English in locale/en."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guide.citations import CPEUM_115, CPEUM_117, LCT_1, LCT_2, LCT_7, Article


@dataclass(frozen=True)
class Question:
    anchor: str
    question: object
    answer: object
    articles: tuple[Article, ...] = ()


FAQ: tuple[Question, ...] = (
    Question(
        "puede-firmar",
        _("¿Un municipio puede firmar acuerdos con gobiernos de otros países?"),
        _(
            "Sí: acuerdos interinstitucionales, que no son tratados. Sólo con órganos gubernamentales "
            "extranjeros u organizaciones internacionales, y sólo en materias de sus propias atribuciones."
        ),
        (LCT_1, LCT_2),
    ),
    Question(
        "nombre",
        _("¿Un hermanamiento es distinto de un acuerdo de cooperación?"),
        _(
            "Jurídicamente no: la ley se aplica «cualquiera que sea su denominación». Un hermanamiento suele "
            "ser amplio; un acuerdo de cooperación se centra en un tema. Ambos siguen el mismo proceso."
        ),
        (LCT_2,),
    ),
    Question(
        "sre",
        _("¿Hay que avisar a la SRE? ¿Antes o después de firmar?"),
        _(
            "Antes. La ley obliga a mantener informada a la SRE de todo acuerdo que se pretenda celebrar; la "
            "SRE emite su dictamen de procedencia y, ya firmado, lo inscribe en el registro. No se firma "
            "antes de un dictamen favorable."
        ),
        (LCT_7,),
    ),
    Question(
        "plazos",
        _("¿Cuánto tarda la SRE?"),
        _(
            "La ley no fija plazos para el dictamen ni para la inscripción. Envíe el texto con tiempo: en la "
            "práctica, alrededor de un mes antes de la fecha prevista para la firma. El portal muestra en "
            "qué etapa está su expediente."
        ),
        (LCT_7,),
    ),
    Question(
        "privados",
        _("¿Podemos firmar con una empresa, una universidad privada o una ONG?"),
        _(
            "No como acuerdo interinstitucional: con una contraparte privada el documento sería un contrato "
            "privado, fuera de la Ley sobre la Celebración de Tratados. El asistente se detiene en ese caso."
        ),
        (LCT_1,),
    ),
    Question(
        "cabildo",
        _("¿Necesitamos la aprobación del cabildo?"),
        _(
            "Sí: el cabildo autoriza la firma con un punto de acuerdo. Si el acuerdo dura más que el periodo "
            "del ayuntamiento, necesita el voto de las dos terceras partes de sus integrantes; la ley de su "
            "estado precisa la regla."
        ),
        (CPEUM_115,),
    ),
    Question(
        "dinero",
        _("¿El acuerdo nos obliga a gastar?"),
        _(
            "No debe hacerlo: el financiamiento queda «sujeto a la disponibilidad presupuestal». Un "
            "municipio no puede contraer obligaciones ni préstamos con gobiernos, empresas o personas "
            "extranjeras, ni pagaderos en moneda extranjera o fuera del país."
        ),
        (CPEUM_117,),
    ),
    Question(
        "idiomas",
        _("¿En qué idiomas se firma?"),
        _(
            "En español y en el idioma de la contraparte, y ambos textos son igualmente auténticos. El "
            "asistente prepara el modelo en español con el espacio para la traducción."
        ),
    ),
    Question(
        "cambio-administracion",
        _("¿Qué pasa con el acuerdo cuando cambia la administración municipal?"),
        _(
            "El acuerdo compromete al municipio, no a las personas que lo firmaron, y sigue vigente. La "
            "nueva administración debe confirmar a su persona enlace y al comité de seguimiento. El portal "
            "avisa antes del fin del periodo del ayuntamiento."
        ),
        (CPEUM_115,),
    ),
    Question(
        "relaciones-conocidas",
        _("¿Por qué el registro muestra «relaciones conocidas»?"),
        _(
            "Porque no existe una copia pública del registro de la SRE. Las relaciones conocidas vienen de "
            "fuentes públicas (Wikipedia) y se marcan así: pueden ser informales, haber terminado o no estar "
            "inscritas. Las inscripciones hechas por el portal se distinguen con su número de registro."
        ),
    ),
    Question(
        "socio",
        _("¿Cómo encontramos una ciudad socia?"),
        _(
            "En la página de su municipio, el portal sugiere ciudades y explica por qué. También puede "
            "publicar una solicitud en «Buscan socio», donde gobiernos de otros países responden sin crear "
            "una cuenta, y completar la vitrina internacional de su municipio."
        ),
    ),
    Question(
        "cuenta",
        _("¿Necesitamos una cuenta en el portal?"),
        _(
            "Para consultar el registro, la guía o el tablero, no. Para preparar un expediente, sí: la "
            "persona titular de su municipio le invita; los gobiernos extranjeros responden a las "
            "solicitudes sin cuenta."
        ),
    ),
)
