"""The clause library in French: the themes and modalities as the clauses name them, the agreement's
phrases (placeholders such as {mun} are filled by `drafting.build`) and the §4 articles on the work programme,
staff and intellectual property."""

from __future__ import annotations

from agreements.clauses.model import Phrases

THEMES: dict[str, str] = {
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
}

MODALITIES: dict[str, str] = {
    "intercambio": "échange d’expériences et d’informations",
    "asistencia_tecnica": "assistance technique",
    "capacitacion": "formation du personnel",
    "misiones": "missions et visites officielles",
    "eventos": "événements culturels, sportifs ou de promotion",
    "proyectos": "projets conjoints",
}

PHRASES: Phrases = {
    "title": {
        "hermanamiento": "ACCORD DE JUMELAGE",
        "cooperacion": "ACCORD DE COOPÉRATION",
        "cooperacion_tema": "ACCORD DE COOPÉRATION DANS LE DOMAINE : {theme}",
        "memorando": "MÉMORANDUM D’ENTENTE",
    },
    "between": ("{kind} ENTRE LA MUNICIPALITÉ DE {mun}, {state}, ÉTATS-UNIS DU MEXIQUE, ET {cp}, {country}"),
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
    "amendments": ("Le présent Accord pourra être modifié d’un commun accord entre les Parties, par écrit."),
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
}
# (heading, paragraph) of the articles every agreement carries whatever the answers.

MORE_ARTICLES: dict[str, tuple[str, str]] = {
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
}
