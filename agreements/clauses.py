"""The clause library of the model agreement (DOMAIN.md §4), in Spanish, English, French and Portuguese.

`build(text, language)` is a pure function from the agreement's data to a `Document` (title, clauses in the
model's order, signature block); the wizard's live preview renders it as HTML and the document generator (a
later issue) can render the same structure to DOCX and PDF. For a language outside the library the document
keeps every heading in Spanish and marks a space for the counterpart's translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from babel import Locale
from babel.dates import format_date

LIBRARY_LANGUAGES = ("es", "en", "fr", "pt")
BLANK = "________"

THEMES = {
    "es": {
        "cultural": "cultura",
        "economica": "desarrollo económico y comercial",
        "turistica": "turismo",
        "educativa": "educación",
        "cientifica": "ciencia y tecnología",
        "ambiental": "medio ambiente",
        "salud": "salud",
        "deporte": "deporte",
        "desarrollo_urbano": "desarrollo urbano",
        "seguridad": "seguridad pública municipal",
        "gestion_municipal": "gestión municipal",
    },
    "en": {
        "cultural": "culture",
        "economica": "economic and commercial development",
        "turistica": "tourism",
        "educativa": "education",
        "cientifica": "science and technology",
        "ambiental": "environment",
        "salud": "health",
        "deporte": "sport",
        "desarrollo_urbano": "urban development",
        "seguridad": "municipal public safety",
        "gestion_municipal": "municipal management",
    },
    "fr": {
        "cultural": "culture",
        "economica": "développement économique et commercial",
        "turistica": "tourisme",
        "educativa": "éducation",
        "cientifica": "science et technologie",
        "ambiental": "environnement",
        "salud": "santé",
        "deporte": "sport",
        "desarrollo_urbano": "développement urbain",
        "seguridad": "sécurité publique municipale",
        "gestion_municipal": "gestion municipale",
    },
    "pt": {
        "cultural": "cultura",
        "economica": "desenvolvimento econômico e comercial",
        "turistica": "turismo",
        "educativa": "educação",
        "cientifica": "ciência e tecnologia",
        "ambiental": "meio ambiente",
        "salud": "saúde",
        "deporte": "esporte",
        "desarrollo_urbano": "desenvolvimento urbano",
        "seguridad": "segurança pública municipal",
        "gestion_municipal": "gestão municipal",
    },
}
MODALITIES = {
    "es": {
        "intercambio": "intercambio de experiencias e información",
        "asistencia_tecnica": "asistencia técnica",
        "capacitacion": "capacitación y formación de personal",
        "misiones": "misiones y visitas oficiales",
        "eventos": "eventos culturales, deportivos o de promoción",
        "proyectos": "proyectos conjuntos",
    },
    "en": {
        "intercambio": "exchange of experience and information",
        "asistencia_tecnica": "technical assistance",
        "capacitacion": "staff training",
        "misiones": "official missions and visits",
        "eventos": "cultural, sporting or promotional events",
        "proyectos": "joint projects",
    },
    "fr": {
        "intercambio": "échange d’expériences et d’informations",
        "asistencia_tecnica": "assistance technique",
        "capacitacion": "formation du personnel",
        "misiones": "missions et visites officielles",
        "eventos": "événements culturels, sportifs ou de promotion",
        "proyectos": "projets conjoints",
    },
    "pt": {
        "intercambio": "intercâmbio de experiências e informações",
        "asistencia_tecnica": "assistência técnica",
        "capacitacion": "capacitação e formação de pessoal",
        "misiones": "missões e visitas oficiais",
        "eventos": "eventos culturais, esportivos ou de promoção",
        "proyectos": "projetos conjuntos",
    },
}
# Text the official typed in Spanish, shown in another language's column: marked for translation.
TO_TRANSLATE = {"en": "[to be translated]", "fr": "[à traduire]", "pt": "[a traduzir]"}
AND = {"es": "y", "en": "and", "fr": "et", "pt": "e"}

PHRASES = {
    "es": {
        "title": {
            "hermanamiento": "ACUERDO DE HERMANAMIENTO",
            "cooperacion": "ACUERDO DE COOPERACIÓN",
            "cooperacion_tema": "ACUERDO DE COOPERACIÓN EN MATERIA DE {theme}",
            "memorando": "MEMORANDO DE ENTENDIMIENTO",
        },
        "between": (
            "{kind} ENTRE EL MUNICIPIO DE {mun}, {state}, DE LOS ESTADOS UNIDOS MEXICANOS Y {cp}, {country}"
        ),
        "preamble": (
            "El Municipio de {mun}, {state}, de los Estados Unidos Mexicanos, y {cp}, {country}, en adelante "
            "denominados «las Partes»;"
        ),
        "whereas": [
            "RECONOCIENDO los lazos de amistad que unen a sus pueblos;",
            "MANIFESTANDO su interés en fortalecer la cooperación en beneficio de sus comunidades, en "
            "el marco de "
            "sus respectivas atribuciones;",
            "CONVENCIDOS de que la cooperación entre gobiernos locales contribuye al desarrollo y al "
            "entendimiento entre los pueblos;",
        ],
        "agreed": "HAN ACORDADO LO SIGUIENTE:",
        "article": "ARTÍCULO {n}",
        "h_object": "Objeto",
        "object": "El presente Acuerdo tiene por objeto: {text}",
        "h_areas": "Áreas de cooperación",
        "areas": (
            "Las Partes cooperarán en las siguientes áreas, en el ámbito de sus respectivas atribuciones: "
            "{list}."
        ),
        "h_modalities": "Modalidades",
        "modalities": "La cooperación podrá realizarse mediante las siguientes modalidades: {list}.",
        "h_coordination": "Coordinación",
        "committee": (
            "Para el seguimiento del presente Acuerdo, las Partes establecerán un comité de seguimiento, "
            "integrado por una persona enlace designada por cada una de ellas, que elaborará un "
            "programa de trabajo."
        ),
        "liaison": (
            "Cada Parte designará una persona enlace para coordinar las actividades derivadas del presente "
            "Acuerdo."
        ),
        "h_financing": "Financiamiento",
        "budget": (
            "Las actividades derivadas del presente Acuerdo se financiarán con los recursos que asigne cada "
            "Parte, sujeto a la disponibilidad presupuestal y conforme a su legislación aplicable. El "
            "presente "
            "Acuerdo no genera por sí mismo obligaciones financieras para las Partes."
        ),
        "no_cost": "El presente Acuerdo no genera obligaciones financieras para las Partes.",
        "debt": (
            "[Cláusula no admitida: un municipio no puede contraer deuda con el extranjero, CPEUM art. 117 "
            "fr. VIII.]"
        ),
        "h_disputes": "Solución de controversias",
        "mutual": (
            "Cualquier controversia derivada de la interpretación o aplicación del presente Acuerdo será "
            "resuelta de común acuerdo entre las Partes."
        ),
        "mechanism": (
            "Cualquier controversia derivada de la interpretación o aplicación del presente Acuerdo se "
            "someterá "
            "al mecanismo que las Partes convengan, el cual les otorgará el mismo trato, la garantía de "
            "audiencia y órganos de decisión imparciales."
        ),
        "h_amendments": "Modificaciones",
        "amendments": (
            "El presente Acuerdo podrá modificarse por consentimiento mutuo de las Partes, formalizado por "
            "escrito."
        ),
        "h_validity": "Entrada en vigor, vigencia y terminación",
        "fixed": (
            "El presente Acuerdo entrará en vigor en la fecha de su firma y tendrá una vigencia de {years} "
            "años."
        ),
        "indefinite": (
            "El presente Acuerdo entrará en vigor en la fecha de su firma y tendrá una vigencia indefinida."
        ),
        "termination": (
            "Cualquiera de las Partes podrá darlo por terminado mediante notificación escrita a la otra, con "
            "noventa días de anticipación."
        ),
        "signed": (
            "Firmado en {place}, el {date}, en dos ejemplares originales en idiomas {languages}, siendo "
            "ambos "
            "textos igualmente auténticos."
        ),
        "signed_one": "Firmado en {place}, el {date}, en dos ejemplares originales en idioma español.",
        "for_mun": "POR EL MUNICIPIO DE {mun}",
        "mayor": "Presidente(a) Municipal",
        "for_cp": "POR {cp}",
    },
    "en": {
        "title": {
            "hermanamiento": "SISTER CITY AGREEMENT",
            "cooperacion": "COOPERATION AGREEMENT",
            "cooperacion_tema": "AGREEMENT ON COOPERATION IN {theme}",
            "memorando": "MEMORANDUM OF UNDERSTANDING",
        },
        "between": (
            "{kind} BETWEEN THE MUNICIPALITY OF {mun}, {state}, UNITED MEXICAN STATES, AND {cp}, {country}"
        ),
        "preamble": (
            "The Municipality of {mun}, {state}, United Mexican States, and {cp}, {country}, hereinafter "
            "referred to as “the Parties”;"
        ),
        "whereas": [
            "RECOGNIZING the bonds of friendship between their peoples;",
            "EXPRESSING their interest in strengthening cooperation for the benefit of their "
            "communities, within "
            "their respective powers;",
            "CONVINCED that cooperation between local governments contributes to development and to "
            "understanding "
            "among peoples;",
        ],
        "agreed": "HAVE AGREED AS FOLLOWS:",
        "article": "ARTICLE {n}",
        "h_object": "Purpose",
        "object": "The purpose of this Agreement is: {text}",
        "h_areas": "Areas of cooperation",
        "areas": (
            "The Parties shall cooperate in the following areas, within their respective powers: {list}."
        ),
        "h_modalities": "Forms of cooperation",
        "modalities": "Cooperation may take the following forms: {list}.",
        "h_coordination": "Coordination",
        "committee": (
            "To follow up on this Agreement, the Parties shall establish a follow-up committee, made up "
            "of one "
            "liaison officer appointed by each of them, which shall draw up a work programme."
        ),
        "liaison": (
            "Each Party shall appoint a liaison officer to coordinate the activities arising from this "
            "Agreement."
        ),
        "h_financing": "Funding",
        "budget": (
            "The activities arising from this Agreement shall be funded with the resources allocated by each "
            "Party, subject to budget availability and in accordance with its applicable legislation. This "
            "Agreement does not by itself create any financial obligation for the Parties."
        ),
        "no_cost": "This Agreement does not create any financial obligation for the Parties.",
        "debt": (
            "[Clause not allowed: a Mexican municipality may not borrow abroad, Mexican Constitution art. "
            "117 VIII.]"
        ),
        "h_disputes": "Settlement of disputes",
        "mutual": (
            "Any dispute arising from the interpretation or application of this Agreement shall be "
            "settled by "
            "mutual agreement between the Parties."
        ),
        "mechanism": (
            "Any dispute arising from the interpretation or application of this Agreement shall be "
            "submitted to "
            "the mechanism agreed by the Parties, which shall grant them equal treatment, the right to "
            "be heard "
            "and impartial decision-making bodies."
        ),
        "h_amendments": "Amendments",
        "amendments": "This Agreement may be amended by mutual consent of the Parties, in writing.",
        "h_validity": "Entry into force, duration and termination",
        "fixed": (
            "This Agreement shall enter into force on the date of its signature and shall remain in force "
            "for {years} years."
        ),
        "indefinite": (
            "This Agreement shall enter into force on the date of its signature and shall remain in force "
            "indefinitely."
        ),
        "termination": (
            "Either Party may terminate it by written notice to the other Party, given ninety days in "
            "advance."
        ),
        "signed": (
            "Signed at {place}, on {date}, in two original copies in the {languages} languages, both "
            "texts being "
            "equally authentic."
        ),
        "signed_one": "Signed at {place}, on {date}, in two original copies in the Spanish language.",
        "for_mun": "FOR THE MUNICIPALITY OF {mun}",
        "mayor": "Municipal President",
        "for_cp": "FOR {cp}",
    },
    "fr": {
        "title": {
            "hermanamiento": "ACCORD DE JUMELAGE",
            "cooperacion": "ACCORD DE COOPÉRATION",
            "cooperacion_tema": "ACCORD DE COOPÉRATION DANS LE DOMAINE : {theme}",
            "memorando": "MÉMORANDUM D’ENTENTE",
        },
        "between": (
            "{kind} ENTRE LA MUNICIPALITÉ DE {mun}, {state}, ÉTATS-UNIS DU MEXIQUE, ET {cp}, {country}"
        ),
        "preamble": (
            "La Municipalité de {mun}, {state}, États-Unis du Mexique, et {cp}, {country}, ci-après "
            "dénommées "
            "« les Parties » ;"
        ),
        "whereas": [
            "RECONNAISSANT les liens d’amitié qui unissent leurs peuples ;",
            "EXPRIMANT leur intérêt à renforcer la coopération au bénéfice de leurs communautés, dans "
            "le cadre "
            "de leurs compétences respectives ;",
            "CONVAINCUES que la coopération entre gouvernements locaux contribue au développement et à la "
            "compréhension entre les peuples ;",
        ],
        "agreed": "SONT CONVENUES DE CE QUI SUIT :",
        "article": "ARTICLE {n}",
        "h_object": "Objet",
        "object": "Le présent Accord a pour objet : {text}",
        "h_areas": "Domaines de coopération",
        "areas": (
            "Les Parties coopéreront dans les domaines suivants, dans le cadre de leurs compétences "
            "respectives : {list}."
        ),
        "h_modalities": "Modalités",
        "modalities": "La coopération pourra prendre les formes suivantes : {list}.",
        "h_coordination": "Coordination",
        "committee": (
            "Pour le suivi du présent Accord, les Parties créeront un comité de suivi composé d’une "
            "personne de "
            "liaison désignée par chacune d’elles, qui élaborera un programme de travail."
        ),
        "liaison": (
            "Chaque Partie désignera une personne de liaison chargée de coordonner les activités découlant "
            "du présent Accord."
        ),
        "h_financing": "Financement",
        "budget": (
            "Les activités découlant du présent Accord seront financées par les ressources allouées par "
            "chaque "
            "Partie, sous réserve des disponibilités budgétaires et conformément à sa législation "
            "applicable. Le "
            "présent Accord ne crée par lui-même aucune obligation financière pour les Parties."
        ),
        "no_cost": "Le présent Accord ne crée aucune obligation financière pour les Parties.",
        "debt": (
            "[Clause non admise : une municipalité mexicaine ne peut pas s’endetter à l’étranger, "
            "Constitution mexicaine, art. 117, VIII.]"
        ),
        "h_disputes": "Règlement des différends",
        "mutual": (
            "Tout différend découlant de l’interprétation ou de l’application du présent Accord sera réglé "
            "d’un commun accord entre les Parties."
        ),
        "mechanism": (
            "Tout différend découlant de l’interprétation ou de l’application du présent Accord sera "
            "soumis au "
            "mécanisme convenu par les Parties, qui leur assurera l’égalité de traitement, le droit d’être "
            "entendues et l’impartialité des organes de décision."
        ),
        "h_amendments": "Modifications",
        "amendments": (
            "Le présent Accord pourra être modifié d’un commun accord entre les Parties, par écrit."
        ),
        "h_validity": "Entrée en vigueur, durée et dénonciation",
        "fixed": (
            "Le présent Accord entrera en vigueur à la date de sa signature pour une durée de {years} ans."
        ),
        "indefinite": (
            "Le présent Accord entrera en vigueur à la date de sa signature pour une durée indéterminée."
        ),
        "termination": (
            "Chacune des Parties pourra le dénoncer par notification écrite adressée à l’autre Partie "
            "avec un "
            "préavis de quatre-vingt-dix jours."
        ),
        "signed": (
            "Fait à {place}, le {date}, en deux exemplaires originaux, en langues {languages}, les deux "
            "textes "
            "faisant également foi."
        ),
        "signed_one": "Fait à {place}, le {date}, en deux exemplaires originaux, en langue espagnole.",
        "for_mun": "POUR LA MUNICIPALITÉ DE {mun}",
        "mayor": "Président(e) municipal(e)",
        "for_cp": "POUR {cp}",
    },
    "pt": {
        "title": {
            "hermanamiento": "ACORDO DE IRMANAMENTO",
            "cooperacion": "ACORDO DE COOPERAÇÃO",
            "cooperacion_tema": "ACORDO DE COOPERAÇÃO EM MATÉRIA DE {theme}",
            "memorando": "MEMORANDO DE ENTENDIMENTO",
        },
        "between": "{kind} ENTRE O MUNICÍPIO DE {mun}, {state}, ESTADOS UNIDOS MEXICANOS, E {cp}, {country}",
        "preamble": (
            "O Município de {mun}, {state}, Estados Unidos Mexicanos, e {cp}, {country}, doravante "
            "denominados "
            "“as Partes”;"
        ),
        "whereas": [
            "RECONHECENDO os laços de amizade que unem os seus povos;",
            "MANIFESTANDO o seu interesse em fortalecer a cooperação em benefício das suas comunidades, "
            "no âmbito "
            "das suas respectivas atribuições;",
            "CONVENCIDOS de que a cooperação entre governos locais contribui para o desenvolvimento e para o "
            "entendimento entre os povos;",
        ],
        "agreed": "ACORDAM O SEGUINTE:",
        "article": "ARTIGO {n}",
        "h_object": "Objeto",
        "object": "O presente Acordo tem por objeto: {text}",
        "h_areas": "Áreas de cooperação",
        "areas": (
            "As Partes cooperarão nas seguintes áreas, no âmbito das suas respectivas atribuições: {list}."
        ),
        "h_modalities": "Modalidades",
        "modalities": "A cooperação poderá realizar-se nas seguintes modalidades: {list}.",
        "h_coordination": "Coordenação",
        "committee": (
            "Para o acompanhamento do presente Acordo, as Partes constituirão um comitê de acompanhamento, "
            "integrado por um representante designado por cada uma delas, que elaborará um programa de "
            "trabalho."
        ),
        "liaison": (
            "Cada Parte designará um representante para coordenar as atividades decorrentes do presente "
            "Acordo."
        ),
        "h_financing": "Financiamento",
        "budget": (
            "As atividades decorrentes do presente Acordo serão financiadas com os recursos atribuídos "
            "por cada "
            "Parte, sujeitas à disponibilidade orçamentária e em conformidade com a sua legislação "
            "aplicável. O "
            "presente Acordo não gera, por si só, obrigações financeiras para as Partes."
        ),
        "no_cost": "O presente Acordo não gera obrigações financeiras para as Partes.",
        "debt": (
            "[Cláusula não admitida: um município mexicano não pode contrair dívida no exterior, "
            "Constituição mexicana, art. 117, VIII.]"
        ),
        "h_disputes": "Solução de controvérsias",
        "mutual": (
            "Qualquer controvérsia decorrente da interpretação ou aplicação do presente Acordo será "
            "resolvida "
            "de comum acordo entre as Partes."
        ),
        "mechanism": (
            "Qualquer controvérsia decorrente da interpretação ou aplicação do presente Acordo será "
            "submetida ao "
            "mecanismo acordado pelas Partes, que lhes assegurará igualdade de tratamento, o direito de "
            "serem "
            "ouvidas e a imparcialidade dos órgãos de decisão."
        ),
        "h_amendments": "Modificações",
        "amendments": (
            "O presente Acordo poderá ser modificado por consentimento mútuo das Partes, formalizado por "
            "escrito."
        ),
        "h_validity": "Entrada em vigor, vigência e denúncia",
        "fixed": (
            "O presente Acordo entrará em vigor na data da sua assinatura e terá vigência de {years} anos."
        ),
        "indefinite": (
            "O presente Acordo entrará em vigor na data da sua assinatura e terá vigência indeterminada."
        ),
        "termination": (
            "Qualquer das Partes poderá denunciá-lo mediante notificação escrita à outra Parte, com "
            "noventa dias "
            "de antecedência."
        ),
        "signed": (
            "Feito em {place}, em {date}, em dois exemplares originais, nos idiomas {languages}, sendo "
            "ambos os "
            "textos igualmente autênticos."
        ),
        "signed_one": "Feito em {place}, em {date}, em dois exemplares originais, no idioma espanhol.",
        "for_mun": "PELO MUNICÍPIO DE {mun}",
        "mayor": "Presidente Municipal",
        "for_cp": "POR {cp}",
    },
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class AgreementText:
    """The data the clauses need, taken from the working file's answers (blank where not answered yet)."""

    municipality: str = ""
    state: str = ""
    counterpart: str = ""  # the foreign government body, as typed
    country_iso2: str = ""
    country_es: str = ""
    type: str = "hermanamiento"
    objective: str = ""
    themes: list[str] = field(default_factory=list)
    other_theme: str = ""
    modalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["es"])
    validity: str = ""
    years: int | None = None
    committee: bool = False
    financing: str = ""
    disputes: str = ""
    signing_date: date | None = None
    signing_place: str = ""
    title: str = ""  # typed in step 5; empty: the SRE model's title


@dataclass
class Clause:
    heading: str
    paragraphs: list[str]


@dataclass
class Document:
    language: str
    title: str
    preamble: str
    whereas: list[str]
    agreed: str
    clauses: list[Clause]
    signature: str
    signatories: list[tuple[str, str]]
    translation_pending: bool = False  # a language outside the library: the counterpart fills it in


# The §4 articles on the work programme, staff and intellectual property, per language.
MORE_ARTICLES = {
    "es": {
        "work_programme": (
            "Programa de trabajo",
            "Las Partes elaborarán de común acuerdo un programa de trabajo que precise las actividades, los "
            "responsables, los plazos y los recursos de cada proyecto de cooperación derivado del presente "
            "Acuerdo, y lo evaluarán periódicamente.",
        ),
        "staff": (
            "Personal",
            "El personal que cada Parte designe para la ejecución de las actividades del presente Acuerdo "
            "continuará bajo la dirección y dependencia de la Parte que lo haya designado, sin que se creen "
            "relaciones de carácter laboral con la otra Parte.",
        ),
        "intellectual_property": (
            "Propiedad intelectual",
            "Los derechos de propiedad intelectual que pudieran derivarse de las actividades realizadas en "
            "el "
            "marco del presente Acuerdo se regirán por la legislación aplicable de cada Parte y por los "
            "instrumentos específicos que las Partes suscriban en cada caso.",
        ),
    },
    "en": {
        "work_programme": (
            "Work programme",
            "The Parties shall jointly draw up a work programme setting out the activities, the persons "
            "responsible, the timetable and the resources of each cooperation project arising from this "
            "Agreement, and shall evaluate it periodically.",
        ),
        "staff": (
            "Staff",
            "The staff appointed by each Party to carry out the activities arising from this Agreement shall "
            "remain under the direction and authority of the Party that appointed them, and no employment "
            "relationship shall arise with the other Party.",
        ),
        "intellectual_property": (
            "Intellectual property",
            "Any intellectual property rights that may arise from the activities carried out under this "
            "Agreement shall be governed by the applicable legislation of each Party and by the specific "
            "instruments the Parties sign in each case.",
        ),
    },
    "fr": {
        "work_programme": (
            "Programme de travail",
            "Les Parties élaboreront d’un commun accord un programme de travail précisant les activités, les "
            "responsables, les délais et les ressources de chaque projet de coopération découlant du présent "
            "Accord, et l’évalueront périodiquement.",
        ),
        "staff": (
            "Personnel",
            "Le personnel désigné par chaque Partie pour l’exécution des activités découlant du présent "
            "Accord "
            "demeurera sous la direction et l’autorité de la Partie qui l’a désigné, sans qu’aucune relation "
            "de travail ne soit établie avec l’autre Partie.",
        ),
        "intellectual_property": (
            "Propriété intellectuelle",
            "Les droits de propriété intellectuelle qui pourraient découler des activités menées dans le "
            "cadre "
            "du présent Accord seront régis par la législation applicable de chaque Partie et par les "
            "instruments spécifiques que les Parties signeront dans chaque cas.",
        ),
    },
    "pt": {
        "work_programme": (
            "Programa de trabalho",
            "As Partes elaborarão de comum acordo um programa de trabalho que especifique as atividades, os "
            "responsáveis, os prazos e os recursos de cada projeto de cooperação decorrente do presente "
            "Acordo, e o avaliarão periodicamente.",
        ),
        "staff": (
            "Pessoal",
            "O pessoal designado por cada Parte para a execução das atividades decorrentes do presente "
            "Acordo "
            "continuará sob a direção e a dependência da Parte que o designou, sem que se estabeleçam "
            "relações "
            "de trabalho com a outra Parte.",
        ),
        "intellectual_property": (
            "Propriedade intelectual",
            "Os direitos de propriedade intelectual que possam decorrer das atividades realizadas no âmbito "
            "do "
            "presente Acordo serão regidos pela legislação aplicável de cada Parte e pelos instrumentos "
            "específicos que as Partes firmarem em cada caso.",
        ),
    },
}


def language_name(code: str, in_language: str) -> str:
    return Locale.parse(in_language).languages.get(code, code)


def _country(text: AgreementText, language: str) -> str:
    if text.country_iso2:
        return Locale.parse(language).territories.get(text.country_iso2, text.country_es)
    return text.country_es or BLANK


def _join(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items) or BLANK
    conjunction = AND[language]
    # Spanish writes «e» before the sound /i/: «español e inglés», «cultural e histórica».
    if language == "es" and re.match(r"(?i)h?[ií](?![aeoáéó])", items[-1]):
        conjunction = "e"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _more(language: str, key: str) -> tuple[str, list[str]]:
    heading, paragraph = MORE_ARTICLES[language][key]
    return heading, [paragraph]


def elide(text: str, language: str) -> str:
    """French: «de Oaxaca» is written «d’Oaxaca»."""
    if language != "fr":
        return text
    return re.sub(r"\b([Dd][Ee]) (?=[AEIOUÉÈHaeiouéèh])", lambda m: m.group(1)[0] + "’", text)


def build(text: AgreementText, language: str) -> Document:
    pending = language not in LIBRARY_LANGUAGES
    lang = "es" if pending else language
    p = PHRASES[lang]
    mark = f" {TO_TRANSLATE[lang]}" if lang != "es" else ""
    values = {
        "mun": text.municipality or BLANK,
        "state": text.state or BLANK,
        "cp": text.counterpart or BLANK,
        "country": _country(text, lang),
    }
    themes = [THEMES[lang][c] for c in text.themes if c in THEMES[lang]]
    if "otra" in text.themes and text.other_theme:
        themes.append(text.other_theme + mark)
    if text.type == "cooperacion" and len(themes) == 1:
        kind = p["title"]["cooperacion_tema"].format(theme=themes[0].upper())
    else:
        kind = p["title"].get(text.type, p["title"]["hermanamiento"])
    title = p["between"].format(kind=kind, **{k: v.upper() for k, v in values.items()})
    if text.title and lang == "es":
        # The title typed in step 5 is Spanish: it heads the Spanish text; other languages keep the model's.
        title = text.title.upper()

    coordination = p["committee"] if text.committee else p["liaison"]
    financing = {"disponibilidad": p["budget"], "sin_costo": p["no_cost"], "deuda": p["debt"]}.get(
        text.financing, p["budget"]
    )
    disputes = p["mechanism"] if text.disputes == "mecanismo" else p["mutual"]
    validity = (
        p["fixed"].format(years=text.years) if text.validity == "plazo" and text.years else p["indefinite"]
    )
    modalities = [MODALITIES[lang][m] for m in text.modalities if m in MODALITIES[lang]]
    bodies = [
        (
            p["h_object"],
            [p["object"].format(text=(text.objective or BLANK) + (mark if text.objective else ""))],
        ),
        (p["h_areas"], [p["areas"].format(list=_join(themes, lang))]),
        (p["h_modalities"], [p["modalities"].format(list=_join(modalities, lang))]),
        _more(lang, "work_programme"),
        (p["h_coordination"], [coordination]),
        (p["h_financing"], [financing]),
        _more(lang, "staff"),
        _more(lang, "intellectual_property"),
        (p["h_disputes"], [disputes]),
        (p["h_amendments"], [p["amendments"]]),
        (p["h_validity"], [validity, p["termination"]]),
    ]
    clauses = [
        Clause(f"{p['article'].format(n=ROMAN[i])}. {heading}", paragraphs)
        for i, (heading, paragraphs) in enumerate(bodies)
    ]
    when = format_date(text.signing_date, format="long", locale=lang) if text.signing_date else BLANK
    languages = [language_name(code, lang) for code in text.languages] or [language_name("es", lang)]
    if len(languages) > 1:
        signature = p["signed"].format(
            place=text.signing_place or BLANK, date=when, languages=_join(languages, lang)
        )
    else:
        signature = p["signed_one"].format(place=text.signing_place or BLANK, date=when)
    signatories = [
        (elide(p["for_mun"].format(mun=values["mun"].upper()), lang), p["mayor"]),
        (p["for_cp"].format(cp=values["cp"].upper()), ""),
    ]
    return Document(
        language=language,
        title=elide(title, lang),
        preamble=elide(p["preamble"].format(**values), lang),
        whereas=list(p["whereas"]),
        agreed=p["agreed"],
        clauses=clauses,
        signature=signature,
        signatories=signatories,
        translation_pending=pending,
    )


def text_from_answers(working_file, answers: dict, partner_city=None) -> AgreementText:
    """Lenient: the preview shows whatever has been typed so far, valid or not."""
    counterpart, obj, text = (answers.get(s) or {} for s in ("contraparte", "objeto", "texto"))

    def as_list(value):
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    try:
        years = int(text.get("vigencia_anios") or 0) or None
    except ValueError:
        years = None
    try:
        signing = date.fromisoformat(text.get("firma_prevista") or "")
    except ValueError:
        signing = None
    municipality = working_file.municipality
    return AgreementText(
        municipality=municipality.name,
        state=municipality.state.name if municipality.state_id else "",
        counterpart=str(counterpart.get("organo") or ""),
        country_iso2=partner_city.country_id if partner_city else "",
        country_es=partner_city.country.name_es if partner_city else "",
        type=str(text.get("tipo") or "hermanamiento"),
        title=str(text.get("titulo") or "").strip(),
        objective=str(obj.get("objeto") or ""),
        themes=as_list(obj.get("temas")),
        other_theme=str(obj.get("tema_otra") or ""),
        modalities=as_list(obj.get("modalidades")),
        languages=as_list(text.get("idiomas")) or ["es"],
        validity=str(text.get("vigencia") or ""),
        years=years,
        committee=bool(text.get("comite")),
        financing=str(text.get("financiamiento") or ""),
        disputes=str(text.get("controversias") or ""),
        signing_date=signing,
        signing_place=str(text.get("lugar_firma") or ""),
    )
