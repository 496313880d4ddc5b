"""The knowledge centre's process (/guia/): the steps of an agreement from the municipality's side.

Source: DOMAIN.md (§1 actors, §2 legal basis, §3 process). Every step cites the law's articles it rests on
(citations.py) and names the wizard step or the portal page that does it. Spanish source strings, English in
locale/en.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guide.citations import CPEUM_115, CPEUM_117, LCT_1, LCT_2, LCT_7, LCT_8, Article


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
