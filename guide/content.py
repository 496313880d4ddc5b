"""The knowledge centre's texts: the process from the municipality's side, the glossary and the FAQ.

Source: DOMAIN.md (§1 actors, §2 legal basis, §3 process, §6 glossary). Every step cites the law's articles it
rests on (anchors of /guia/ley/) and names the wizard step that does it. Spanish source strings, English in
locale/en; the legal terms stay Spanish on the English pages, with an English equivalent beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Article:
    anchor: str  # on /guia/ley/
    label: object


LCT_1 = Article("articulo-1", _("LCT art. 1: con quién se celebra un acuerdo interinstitucional"))
LCT_2 = Article("articulo-2", _("LCT art. 2 fr. II: sólo en materias de las atribuciones propias"))
LCT_7 = Article("articulo-7", _("LCT art. 7: informar a la SRE antes de firmar; dictamen y registro"))
LCT_8 = Article("articulo-8", _("LCT art. 8: solución de controversias"))
CPEUM_115 = Article("cpeum-115", _("CPEUM art. 115 fr. II b): dos terceras partes del cabildo"))
CPEUM_117 = Article("cpeum-117", _("CPEUM art. 117 fr. VIII: sin deudas con gobiernos extranjeros"))


@dataclass(frozen=True)
class ProcessStep:
    number: int
    title: object
    who: object
    what: object
    documents: object = ""
    sre: object = ""  # what the SRE does at this step, if anything
    wizard_step: str = ""  # the wizard step (agreements.wizard.STEPS) that does it
    portal: str = ""  # otherwise, the portal page that does: "status", "registry", "board", "selfcheck"
    articles: tuple[Article, ...] = ()
    stage: object = ""  # the PROMEHCID stage, when the step is one


PROCESS: tuple[ProcessStep, ...] = (
    ProcessStep(
        0,
        _("Diagnóstico y oficina responsable"),
        _(
            "El municipio: la presidencia municipal y la oficina o persona encargada de asuntos "
            "internacionales."
        ),
        _(
            "Decida para qué quiere el municipio relacionarse con el exterior y qué puede aportar. La guía "
            "«ABC» de la SRE recomienda un Plan de Internacionalización Local y una Oficina de Asuntos "
            "Internacionales (OFAI) o, al menos, una persona enlace con tiempo asignado."
        ),
        documents=_("Diagnóstico, Plan de Internacionalización Local, nombramiento de la persona enlace."),
        wizard_step="diagnostico",
        portal="selfcheck",
    ),
    ProcessStep(
        1,
        _("Elegir la contraparte y revisar la competencia"),
        _("El municipio."),
        _(
            "La contraparte debe ser un órgano gubernamental extranjero (una ciudad, un condado, una "
            "provincia, un gobierno regional o nacional) o una organización internacional. Con una empresa, "
            "una ONG o una universidad privada el documento sería un contrato privado, fuera de la ley. Los "
            "temas deben ser de las atribuciones del municipio: servicios públicos, desarrollo local, "
            "cultura, turismo; nunca política exterior, defensa, migración o aduanas."
        ),
        documents=_("Datos de la contraparte y de su órgano de gobierno."),
        wizard_step="contraparte",
        portal="board",
        articles=(LCT_1, LCT_2),
    ),
    ProcessStep(
        2,
        _("Iniciación: contactos y carta de intención"),
        _("Las autoridades de ambas partes."),
        _(
            "Los primeros contactos, visitas o reuniones en línea, y una carta de intención firmada por las "
            "autoridades de ambas ciudades, que expresa la voluntad de preparar un acuerdo."
        ),
        documents=_("Carta de intención firmada."),
        wizard_step="carta",
        stage=_("Iniciación"),
    ),
    ProcessStep(
        3,
        _("Negociar el texto del acuerdo"),
        _("Ambas partes, con el texto en español y en el idioma de la contraparte."),
        _(
            "El objeto, las áreas de cooperación, el seguimiento, el financiamiento «sujeto a la "
            "disponibilidad presupuestal», la solución de controversias de común acuerdo y la vigencia. "
            "Ambos textos son igualmente auténticos. No es un tratado: compromete sólo al municipio, no al "
            "Estado mexicano, y no puede crear deudas con gobiernos o empresas extranjeras."
        ),
        documents=_("Texto negociado en español y en el otro idioma."),
        wizard_step="texto",
        articles=(LCT_2, LCT_8, CPEUM_117),
    ),
    ProcessStep(
        4,
        _("Aprobación del cabildo"),
        _("El ayuntamiento, en sesión de cabildo."),
        _(
            "El cabildo autoriza la firma con un punto de acuerdo que queda en el acta de la sesión. Si el "
            "acuerdo dura más que el periodo del ayuntamiento, se necesita el voto de las dos terceras "
            "partes de sus integrantes (la ley de cada estado precisa la regla)."
        ),
        documents=_("Acta de cabildo con el punto de acuerdo."),
        wizard_step="cabildo",
        articles=(CPEUM_115,),
    ),
    ProcessStep(
        5,
        _("Informar a la SRE antes de firmar"),
        _("El municipio: su titular o enlace envía el expediente."),
        _(
            "La ley obliga a mantener informada a la Secretaría de Relaciones Exteriores de todo acuerdo que "
            "se pretenda celebrar. La Dirección General de Coordinación Política (DGCP) recibe el texto "
            "negociado. La ley no fija plazos; en la práctica se envía alrededor de un mes antes de la firma."
        ),
        documents=_("Oficio de envío, texto negociado y acta de cabildo."),
        sre=_("La DGCP recibe el expediente y lo turna a la Consultoría Jurídica."),
        wizard_step="envio",
        articles=(LCT_7,),
    ),
    ProcessStep(
        6,
        _("Revisión de la SRE: observaciones y dictamen"),
        _("La Consultoría Jurídica de la SRE; el municipio atiende sus observaciones."),
        _(
            "La SRE revisa el texto. Puede hacer observaciones: el municipio corrige, responde a cada una y "
            "reenvía. Al final emite el dictamen de procedencia, favorable o no."
        ),
        documents=_("Observaciones, respuestas del municipio, dictamen de procedencia."),
        sre=_("Revisa, formula observaciones y emite el dictamen de procedencia."),
        portal="status",
        articles=(LCT_7,),
    ),
    ProcessStep(
        7,
        _("Formalización: la firma"),
        _("La presidenta o el presidente municipal y la autoridad de la contraparte."),
        _(
            "Sólo después de un dictamen favorable. Se firman dos ejemplares originales, en español y en el "
            "otro idioma. El portal registra la fecha, el lugar y los firmantes."
        ),
        documents=_("Ejemplares originales firmados."),
        portal="status",
        articles=(LCT_7,),
        stage=_("Formalización"),
    ),
    ProcessStep(
        8,
        _("Inscripción en el Registro"),
        _("El municipio envía la copia firmada; la SRE la inscribe."),
        _(
            "La SRE inscribe el acuerdo en el Registro de Acuerdos Interinstitucionales y le da un número. "
            "Desde ese momento aparece en el registro público del portal."
        ),
        documents=_("Copia del acuerdo firmado."),
        sre=_("Inscribe el acuerdo y le asigna su número de registro."),
        portal="registry",
        articles=(LCT_7,),
    ),
    ProcessStep(
        9,
        _("Operatividad: poner el acuerdo a trabajar"),
        _("El comité de seguimiento, con una persona enlace por cada parte."),
        _(
            "Un programa de trabajo con actividades, responsables y fechas; reuniones periódicas con minuta. "
            "Las diferencias se resuelven de común acuerdo entre las partes."
        ),
        documents=_("Programa de trabajo, minutas del comité."),
        articles=(LCT_8,),
        stage=_("Operatividad"),
    ),
    ProcessStep(
        10,
        _("Fortalecimiento institucional: evaluar, renovar o terminar"),
        _("Ambas partes."),
        _(
            "Evalúen los resultados, renueven el acuerdo antes de que termine su vigencia o terminen según "
            "sus cláusulas. Al cambiar la administración municipal, confirmen la persona enlace: el acuerdo "
            "compromete al municipio, no a quien lo firmó. El portal avisa antes del fin de la vigencia y "
            "del periodo del ayuntamiento."
        ),
        documents=_("Evaluación, renovación o aviso de terminación."),
        stage=_("Fortalecimiento institucional"),
    ),
)


@dataclass(frozen=True)
class Term:
    term: str  # Spanish, as the law and the SRE write it (kept in Spanish on the English pages)
    english: str  # the English equivalent, shown beside the term on the English pages
    definition: object

    @property
    def anchor(self) -> str:
        return slugify(self.term)


GLOSSARY: tuple[Term, ...] = tuple(
    sorted(
        (
            Term(
                "acuerdo interinstitucional",
                "inter-institutional agreement",
                _(
                    "Convenio regido por el derecho internacional público, celebrado por escrito entre una "
                    "dependencia u organismo de la administración federal, estatal o municipal y uno o "
                    "varios órganos gubernamentales extranjeros u organizaciones internacionales, cualquiera "
                    "que sea su denominación. No es un tratado (LCT art. 2 fr. II)."
                ),
            ),
            Term(
                "tratado",
                "treaty",
                _(
                    "Convenio entre el Estado mexicano y otros Estados u organizaciones internacionales, "
                    "aprobado por el Senado. Los estados y municipios no pueden celebrarlos (CPEUM arts. 76, "
                    "117, 133)."
                ),
            ),
            Term(
                "hermanamiento",
                "sister-city agreement",
                _(
                    "Acuerdo interinstitucional amplio entre dos ciudades para cooperar en varias áreas. Su "
                    "nombre no cambia su naturaleza jurídica."
                ),
            ),
            Term(
                "memorando de entendimiento",
                "memorandum of understanding",
                _("Acuerdo que expresa la voluntad de cooperar; también es un acuerdo interinstitucional."),
            ),
            Term(
                "carta de intención",
                "letter of intent",
                _(
                    "Carta de las autoridades de ambas ciudades que expresa su voluntad de preparar un "
                    "acuerdo."
                ),
            ),
            Term(
                "cabildo",
                "town council session",
                _(
                    "El ayuntamiento reunido en sesión para decidir; cada decisión es un punto de acuerdo "
                    "que queda en el acta de cabildo."
                ),
            ),
            Term(
                "ayuntamiento",
                "town council",
                _(
                    "El órgano de gobierno del municipio: la presidencia municipal, la sindicatura y las "
                    "regidurías (CPEUM art. 115 fr. I). Su periodo suele ser de tres años."
                ),
            ),
            Term(
                "acta de cabildo",
                "council minutes",
                _("Documento que registra lo acordado en una sesión de cabildo, con la votación."),
            ),
            Term(
                "punto de acuerdo",
                "council resolution",
                _("La resolución del cabildo que autoriza, en este caso, la firma del acuerdo."),
            ),
            Term(
                "dos terceras partes",
                "two-thirds majority",
                _(
                    "Votación necesaria cuando un acuerdo compromete al municipio por más tiempo que el "
                    "periodo del ayuntamiento (CPEUM art. 115 fr. II b); la ley de cada estado la precisa."
                ),
            ),
            Term(
                "dictamen de procedencia",
                "SRE opinion on the agreement",
                _("La opinión de la SRE sobre si el acuerdo puede firmarse (LCT art. 7)."),
            ),
            Term(
                "observaciones",
                "SRE comments",
                _(
                    "Los cambios o aclaraciones que la SRE pide al revisar el texto; el municipio responde a "
                    "cada una y reenvía."
                ),
            ),
            Term(
                "Registro de Acuerdos Interinstitucionales",
                "Registry of Inter-institutional Agreements",
                _(
                    "El registro de la SRE donde se inscriben los acuerdos, cada uno con su número (LCT art. "
                    "7)."
                ),
            ),
            Term(
                "relación conocida",
                "known relationship",
                _(
                    "En este portal, un hermanamiento conocido por fuentes públicas (Wikipedia), no por una "
                    "inscripción oficial: puede ser informal, haber terminado o no estar registrado."
                ),
            ),
            Term(
                "OFAI",
                "international affairs office",
                _("Oficina de Asuntos Internacionales del municipio, o el área que atiende esos asuntos."),
            ),
            Term(
                "enlace",
                "liaison officer",
                _(
                    "La persona que el municipio designa para sus asuntos internacionales; en el portal, la "
                    "persona titular que envía los expedientes a la SRE."
                ),
            ),
            Term(
                "DGCP",
                "SRE Directorate-General for Political Coordination",
                _(
                    "Dirección General de Coordinación Política de la SRE: el vínculo de la Secretaría con "
                    "los gobiernos locales; recibe el texto negociado."
                ),
            ),
            Term(
                "Consultoría Jurídica",
                "SRE Legal Office",
                _("El área de la SRE que revisa el texto, formula observaciones y emite el dictamen."),
            ),
            Term(
                "contraparte",
                "counterpart",
                _(
                    "La otra parte del acuerdo: un órgano gubernamental extranjero o una organización "
                    "internacional (LCT art. 1)."
                ),
            ),
            Term(
                "órgano gubernamental extranjero",
                "foreign government body",
                _(
                    "Una ciudad, un condado, una provincia o un gobierno regional o nacional de otro país. "
                    "Una empresa, una ONG o una universidad privada no lo son."
                ),
            ),
            Term(
                "organización internacional",
                "international organisation",
                _(
                    "Persona jurídica creada por un tratado, como las agencias de las Naciones Unidas (LCT "
                    "art. 2 fr. VIII)."
                ),
            ),
            Term(
                "vigencia",
                "term of validity",
                _("El periodo en que el acuerdo está en vigor: un plazo fijo o indefinido."),
            ),
            Term(
                "disponibilidad presupuestal",
                "subject to available budget",
                _(
                    "Fórmula con la que el acuerdo deja claro que no crea por sí mismo gastos obligatorios: "
                    "cada actividad se financia con lo que haya en el presupuesto."
                ),
            ),
            Term(
                "comité de seguimiento",
                "follow-up committee",
                _(
                    "Grupo con una persona enlace por cada parte que organiza el programa de trabajo del "
                    "acuerdo."
                ),
            ),
            Term(
                "expediente",
                "working file",
                _(
                    "En el portal, todo lo que el municipio prepara para un acuerdo antes de que la SRE lo "
                    "revise: respuestas del asistente, documentos e historial."
                ),
            ),
            Term(
                "titular",
                "lead official",
                _(
                    "En el portal, la persona del municipio que puede enviar expedientes a la SRE e invitar "
                    "a otras."
                ),
            ),
            Term(
                "capturista",
                "data-entry official",
                _("En el portal, la persona del municipio que llena y edita expedientes, pero no los envía."),
            ),
            Term(
                "Plan de Internacionalización Local",
                "local internationalisation plan",
                _(
                    "El documento en que el municipio fija sus objetivos internacionales, recomendado por la "
                    "SRE."
                ),
            ),
            Term(
                "PROMEHCID",
                "sister-city programme stages",
                _(
                    "Las etapas de un hermanamiento que usa la SRE: Iniciación, Formalización, Operatividad "
                    "y Fortalecimiento institucional."
                ),
            ),
            Term(
                "vitrina internacional",
                "international profile",
                _(
                    "En el portal, la presentación pública del municipio para gobiernos de otros países: qué "
                    "ofrece, qué busca, sus fotos y su contacto."
                ),
            ),
        ),
        key=lambda t: slugify(t.term),
    )
)


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
