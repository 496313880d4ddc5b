"""The knowledge centre's glossary (/guia/glosario/), in alphabetical order (DOMAIN.md §6).

The legal terms stay Spanish on the English pages, with an English equivalent beside them; the definitions
are Spanish source strings, English in locale/en.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


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
