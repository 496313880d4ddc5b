"""The clause library in Spanish: the themes and modalities as the clauses name them, the agreement's
phrases (placeholders such as {mun} are filled by `drafting.build`) and the §4 articles on the work programme,
staff and intellectual property."""

from __future__ import annotations

from agreements.clauses.model import Phrases

THEMES: dict[str, str] = {
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
}

MODALITIES: dict[str, str] = {
    "intercambio": "intercambio de experiencias e información",
    "asistencia_tecnica": "asistencia técnica",
    "capacitacion": "capacitación y formación de personal",
    "misiones": "misiones y visitas oficiales",
    "eventos": "eventos culturales, deportivos o de promoción",
    "proyectos": "proyectos conjuntos",
}

PHRASES: Phrases = {
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
        "Las Partes cooperarán en las siguientes áreas, en el ámbito de sus respectivas atribuciones: {list}."
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
        "El presente Acuerdo entrará en vigor en la fecha de su firma y tendrá una vigencia de {years} años."
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
}
# (heading, paragraph) of the articles every agreement carries whatever the answers.

MORE_ARTICLES: dict[str, tuple[str, str]] = {
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
}
