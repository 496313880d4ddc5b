"""The clause library in English: the themes and modalities as the clauses name them, the agreement's
phrases (placeholders such as {mun} are filled by `drafting.build`) and the §4 articles on the work programme,
staff and intellectual property."""

from __future__ import annotations

from agreements.clauses.model import Phrases

THEMES: dict[str, str] = {
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
}

MODALITIES: dict[str, str] = {
    "intercambio": "exchange of experience and information",
    "asistencia_tecnica": "technical assistance",
    "capacitacion": "staff training",
    "misiones": "official missions and visits",
    "eventos": "cultural, sporting or promotional events",
    "proyectos": "joint projects",
}

PHRASES: Phrases = {
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
    "areas": ("The Parties shall cooperate in the following areas, within their respective powers: {list}."),
    "h_modalities": "Forms of cooperation",
    "modalities": "Cooperation may take the following forms: {list}.",
    "h_coordination": "Coordination",
    "committee": (
        "To follow up on this Agreement, the Parties shall establish a follow-up committee, made up "
        "of one "
        "liaison officer appointed by each of them, which shall draw up a work programme."
    ),
    "liaison": (
        "Each Party shall appoint a liaison officer to coordinate the activities arising from this Agreement."
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
        "Either Party may terminate it by written notice to the other Party, given ninety days in advance."
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
}
# (heading, paragraph) of the articles every agreement carries whatever the answers.

MORE_ARTICLES: dict[str, tuple[str, str]] = {
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
}
