"""The other documents of the process (DOMAIN.md §3): the carta de intención (step 2, in the agreement's
languages), the oficio that sends the negotiated text to the SRE's DGCP (step 5, LCT art. 7), the SRE's
dictamen de procedencia (step 6) and the constancia de inscripción with its registry number (step 8).

Pure functions from plain data (see data.py) to a `model.Document`. Dates and places still unknown when a
letter is prepared are left as blanks to fill in by hand, so the document does not change from day to day.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from agreements import clauses
from agreements.documents.agreement import PAGE, language_label, languages_of
from agreements.documents.model import Block, Document, Version

BLANK_DATE = {
    "es": "a ___ de __________ de ____",
    "en": "__________ ___, ____",
    "fr": "le ___ __________ ____",
    "pt": "___ de __________ de ____",
}
KIND_ES = {
    "hermanamiento": "acuerdo de hermanamiento",
    "cooperacion": "acuerdo de cooperación",
    "memorando": "memorando de entendimiento",
}

CARTA = {
    "es": {
        "title": "CARTA DE INTENCIÓN",
        "kind": {
            "hermanamiento": "un acuerdo de hermanamiento",
            "cooperacion": "un acuerdo de cooperación",
            "memorando": "un memorando de entendimiento",
        },
        "intent": (
            "El Municipio de {mun}, {state}, de los Estados Unidos Mexicanos, y {cp}, {country}, en adelante "
            "«las Partes», manifiestan por medio de la presente su intención de negociar y, en su caso, "
            "celebrar {kind} que fortalezca los lazos de amistad y cooperación entre sus comunidades."
        ),
        "areas": (
            "Las Partes desean cooperar, en el ámbito de sus respectivas atribuciones, en las siguientes "
            "áreas: {themes}."
        ),
        "liaisons": (
            "Para preparar el texto del acuerdo, cada Parte designa a una persona enlace: por el Municipio "
            "de "
            "{mun}, {liaison}; por {cp}, {contact}."
        ),
        "no_obligation": (
            "La presente carta expresa una intención y no crea obligaciones jurídicas ni financieras para "
            "las "
            "Partes. El acuerdo que llegue a celebrarse se sujetará a la legislación de cada Parte; en el "
            "caso "
            "del Municipio, a la Ley sobre la Celebración de Tratados, que requiere el dictamen previo de la "
            "Secretaría de Relaciones Exteriores."
        ),
    },
    "en": {
        "title": "LETTER OF INTENT",
        "kind": {
            "hermanamiento": "a sister city agreement",
            "cooperacion": "a cooperation agreement",
            "memorando": "a memorandum of understanding",
        },
        "intent": (
            "The Municipality of {mun}, {state}, United Mexican States, and {cp}, {country}, hereinafter "
            "“the "
            "Parties”, hereby express their intention to negotiate and, as the case may be, conclude {kind} "
            "that strengthens the bonds of friendship and cooperation between their communities."
        ),
        "areas": (
            "The Parties wish to cooperate, within their respective powers, in the following areas: {themes}."
        ),
        "liaisons": (
            "To prepare the text of the agreement, each Party appoints a liaison officer: for the "
            "Municipality "
            "of {mun}, {liaison}; for {cp}, {contact}."
        ),
        "no_obligation": (
            "This letter expresses an intention and creates no legal or financial obligation for the "
            "Parties. "
            "Any agreement concluded shall be subject to the legislation of each Party; for the "
            "Municipality, "
            "to the Mexican Law on the Conclusion of Treaties, which requires a prior opinion of the "
            "Ministry "
            "of Foreign Affairs."
        ),
    },
    "fr": {
        "title": "LETTRE D’INTENTION",
        "kind": {
            "hermanamiento": "un accord de jumelage",
            "cooperacion": "un accord de coopération",
            "memorando": "un mémorandum d’entente",
        },
        "intent": (
            "La Municipalité de {mun}, {state}, États-Unis du Mexique, et {cp}, {country}, ci-après « les "
            "Parties », expriment par la présente leur intention de négocier et, le cas échéant, de conclure "
            "{kind} qui renforce les liens d’amitié et de coopération entre leurs communautés."
        ),
        "areas": (
            "Les Parties souhaitent coopérer, dans le cadre de leurs compétences respectives, dans les "
            "domaines suivants : {themes}."
        ),
        "liaisons": (
            "Pour préparer le texte de l’accord, chaque Partie désigne une personne de liaison : pour la "
            "Municipalité de {mun}, {liaison} ; pour {cp}, {contact}."
        ),
        "no_obligation": (
            "La présente lettre exprime une intention et ne crée aucune obligation juridique ou financière "
            "pour les Parties. L’accord qui pourrait être conclu sera soumis à la législation de chaque "
            "Partie ; pour la Municipalité, à la loi mexicaine sur la conclusion des traités, qui exige "
            "l’avis "
            "préalable du ministère des Affaires étrangères."
        ),
    },
    "pt": {
        "title": "CARTA DE INTENÇÃO",
        "kind": {
            "hermanamiento": "um acordo de irmanamento",
            "cooperacion": "um acordo de cooperação",
            "memorando": "um memorando de entendimento",
        },
        "intent": (
            "O Município de {mun}, {state}, Estados Unidos Mexicanos, e {cp}, {country}, doravante “as "
            "Partes”, manifestam por meio da presente a sua intenção de negociar e, se for o caso, celebrar "
            "{kind} que fortaleça os laços de amizade e cooperação entre as suas comunidades."
        ),
        "areas": (
            "As Partes desejam cooperar, no âmbito das suas respectivas atribuições, nas seguintes áreas: "
            "{themes}."
        ),
        "liaisons": (
            "Para preparar o texto do acordo, cada Parte designa um representante: pelo Município de {mun}, "
            "{liaison}; por {cp}, {contact}."
        ),
        "no_obligation": (
            "A presente carta expressa uma intenção e não cria obrigações jurídicas nem financeiras para as "
            "Partes. O acordo que vier a ser celebrado estará sujeito à legislação de cada Parte; no caso do "
            "Município, à Lei mexicana sobre a Celebração de Tratados, que exige o parecer prévio do "
            "Ministério das Relações Exteriores."
        ),
    },
}


def long_date(value: str | dt.date | None, language: str = "es") -> str:
    if not value:
        return "________"
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return format_date(day, format="long", locale=language)


def _person(name: str, office: str) -> str:
    name = name or "________"
    return f"{name}, {office}" if office else name


def carta(text: clauses.AgreementText, people: dict) -> Document:
    """people: {"liaison": (name, office), "contact": (name, office)}."""
    versions = []
    for code in languages_of(text):
        pending = code not in clauses.LIBRARY_LANGUAGES
        lang = "es" if pending else code
        p = CARTA[lang]
        agreement = clauses.build(text, code)  # its themes, names and signatories, in this language
        values = {
            "mun": text.municipality or clauses.BLANK,
            "state": text.state or clauses.BLANK,
            "cp": text.counterpart or clauses.BLANK,
            "country": clauses.country_name(text, lang),
        }
        themes = [clauses.THEMES[lang][c] for c in text.themes if c in clauses.THEMES[lang]]
        if "otra" in text.themes and text.other_theme:
            themes.append(text.other_theme)
        blocks = [
            Block("right", f"__________, {BLANK_DATE[lang]}", pending=pending),
            Block("title", p["title"], pending=pending),
            Block(
                "para",
                p["intent"].format(kind=p["kind"].get(text.type, p["kind"]["hermanamiento"]), **values),
                pending=pending,
            ),
            Block("para", p["areas"].format(themes=clauses.join_list(themes, lang)), pending=pending),
            Block(
                "para",
                p["liaisons"].format(
                    liaison=_person(*people.get("liaison", ("", ""))),
                    contact=_person(*people.get("contact", ("", ""))),
                    **values,
                ),
                pending=pending,
            ),
            Block("para", p["no_obligation"], pending=pending),
            Block(
                "signatures",
                items=[(clauses.elide(who, lang), office) for who, office in agreement.signatories],
            ),
        ]
        versions.append(Version(language=code, label=language_label(code), blocks=blocks))
    title = f"{CARTA['es']['title']} — {text.municipality} / {text.counterpart}"
    return Document(
        title=title,
        versions=versions,
        page_labels=list(dict.fromkeys(PAGE.get(v.language, PAGE["es"]) for v in versions)),
        letter=True,
    )


def oficio(text: clauses.AgreementText, details: dict) -> Document:
    """The municipality's letter to the DGCP that sends the negotiated text (LCT art. 7). Spanish only.

    details: office, liaison_name, liaison_office, liaison_email, session_date, votes_for, votes_against,
    abstentions, resolution (punto de acuerdo), letter_date (carta de intención)."""
    es = clauses.build(text, "es")
    languages = [clauses.language_name(code, "es") for code in languages_of(text)]
    themes = [clauses.THEMES["es"][c] for c in text.themes if c in clauses.THEMES["es"]]
    if "otra" in text.themes and text.other_theme:
        themes.append(text.other_theme)
    mun = text.municipality or clauses.BLANK
    resolution = f" ({details['resolution']})" if details.get("resolution") else ""
    votes = (
        details.get("votes_for") or "___",
        details.get("votes_against") or "0",
        details.get("abstentions") or "0",
    )
    council = (
        "El H. Ayuntamiento autorizó la suscripción del acuerdo en la sesión de cabildo del "
        f"{long_date(details.get('session_date'))}{resolution}, con {votes[0]} votos a favor, {votes[1]} en "
        f"contra y {votes[2]} abstenciones."
    )
    validity = (
        f"{text.years} años a partir de su firma"
        if text.validity == "plazo" and text.years
        else "indefinida, con terminación por notificación escrita con noventa días de anticipación"
    )
    liaison = details.get("liaison_name") or "________"
    if details.get("liaison_office"):
        liaison += f", {details['liaison_office']}"
    if details.get("liaison_email"):
        liaison += f" ({details['liaison_email']})"
    blocks = [
        Block(
            "right",
            "\n".join(
                [
                    f"Municipio de {mun}, {text.state or clauses.BLANK}",
                    details.get("office") or "Oficina de Asuntos Internacionales",
                    "Oficio núm. ______________",
                    "Asunto: se remite para dictamen el texto de un acuerdo interinstitucional.",
                    f"{text.signing_place or mun}, {BLANK_DATE['es']}.",
                ]
            ),
        ),
        Block(
            "label",
            "DIRECCIÓN GENERAL DE COORDINACIÓN POLÍTICA\nSECRETARÍA DE RELACIONES EXTERIORES\nP R E S E N T "
            "E",
        ),
        Block(
            "para",
            "En cumplimiento del artículo 7 de la Ley sobre la Celebración de Tratados, que obliga a las "
            "dependencias de la Administración Pública Municipal a mantener informada a esa Secretaría "
            "acerca "
            f"de cualquier acuerdo interinstitucional que pretendan celebrar, el Municipio de {mun}, "
            f"{text.state or clauses.BLANK}, le informa su intención de suscribir un "
            f"{KIND_ES.get(text.type, KIND_ES['hermanamiento'])} con {text.counterpart or clauses.BLANK}, "
            f"{text.country_es or clauses.BLANK}.",
        ),
        Block(
            "para",
            "Se remite el texto negociado entre las Partes, en idiomas "
            f"{clauses.join_list(languages, 'es')}, a fin "
            "de que la Consultoría Jurídica de esa Secretaría formule el dictamen de procedencia "
            "correspondiente.",
        ),
        Block(
            "fields",
            items=[
                ("Contraparte", f"{text.counterpart or clauses.BLANK}, {text.country_es or clauses.BLANK}"),
                ("Objeto", text.objective or clauses.BLANK),
                ("Áreas de cooperación", clauses.join_list(themes, "es")),
                ("Vigencia", validity),
                ("Firma prevista", f"{text.signing_place or '________'}, {long_date(text.signing_date)}"),
            ],
        ),
        Block("para", council),
        Block("para", f"Para cualquier aclaración, la persona enlace del Municipio es {liaison}."),
        Block(
            "lines",
            "Anexos:\n"
            f"1. Texto del acuerdo en idiomas {clauses.join_list(languages, 'es')}.\n"
            f"2. Acta de cabildo de la sesión del {long_date(details.get('session_date'))}.\n"
            f"3. Carta de intención del {long_date(details.get('letter_date'))}.",
        ),
        Block("signatures", "A T E N T A M E N T E", items=[(f"Presidente(a) Municipal de {mun}", "")]),
    ]
    return Document(
        title=f"Oficio a la DGCP — {es.title}",
        versions=[Version(language="es", label="español", blocks=blocks)],
        letter=True,
    )


def dictamen(data: dict) -> Document:
    """data: file_ref, title, municipality, state, counterpart, country, favorable, reasoning, issued_on,
    issued_by."""
    favorable = bool(data["favorable"])
    sense = "FAVORABLE" if favorable else "NO FAVORABLE"
    blocks = [
        Block("right", "SECRETARÍA DE RELACIONES EXTERIORES\nConsultoría Jurídica"),
        Block("title", "DICTAMEN DE PROCEDENCIA"),
        Block(
            "fields",
            items=[
                ("Expediente", data["file_ref"]),
                ("Acuerdo", data["title"]),
                (
                    "Partes",
                    f"Municipio de {data['municipality']}, {data['state']}, y {data['counterpart']}, "
                    f"{data['country']}",
                ),
                ("Sentido del dictamen", sense),
            ],
        ),
        Block("heading", "Fundamentación y motivación"),
        Block("para", data["reasoning"].strip() or clauses.BLANK),
        Block(
            "para",
            "Con fundamento en los artículos 28, fracción I, de la Ley Orgánica de la Administración Pública "
            "Federal y 7 de la Ley sobre la Celebración de Tratados, esta Consultoría Jurídica emite "
            "dictamen "
            f"{sense.lower()} respecto de la procedencia de suscribir el acuerdo interinstitucional "
            "descrito.",
        ),
        Block(
            "para",
            "Una vez firmado, el acuerdo deberá remitirse a esta Secretaría para su inscripción en el "
            "Registro "
            "de Acuerdos Interinstitucionales."
            if favorable
            else "El Municipio podrá presentar una nueva versión del texto que atienda la fundamentación de "
            "este dictamen.",
        ),
        Block("para", f"Ciudad de México, {long_date(data['issued_on'])}."),
        Block("signatures", items=[(data.get("issued_by") or "________", "Consultoría Jurídica")]),
    ]
    return Document(
        title=f"Dictamen de procedencia — {data['file_ref']}",
        versions=[Version(language="es", label="español", blocks=blocks)],
        letter=True,
    )


def constancia(data: dict) -> Document:
    """data: number, title, type, municipality, state, counterpart, country, signed_place, signed_on,
    dictamen_on, registered_on, valid_from, valid_until, themes, languages (names in Spanish)."""
    validity = (
        f"del {long_date(data.get('valid_from'))} al {long_date(data['valid_until'])}"
        if data.get("valid_until")
        else "indefinida"
    )
    blocks = [
        Block("right", "SECRETARÍA DE RELACIONES EXTERIORES\nRegistro de Acuerdos Interinstitucionales"),
        Block("title", "CONSTANCIA DE INSCRIPCIÓN"),
        Block("subtitle", f"Número de registro: {data['number']}"),
        Block(
            "para",
            f"La Secretaría de Relaciones Exteriores hace constar que el acuerdo interinstitucional "
            f"«{data['title']}», celebrado entre el Municipio de {data['municipality']}, {data['state']}, y "
            f"{data['counterpart']}, {data['country']}, firmado en {data.get('signed_place') or '________'} "
            "el "
            f"{long_date(data.get('signed_on'))}, quedó inscrito en el Registro de Acuerdos "
            "Interinstitucionales a que se refiere el artículo 7 de la Ley sobre la Celebración de Tratados, "
            f"con el número {data['number']}, el {long_date(data.get('registered_on'))}.",
        ),
        Block(
            "fields",
            items=[
                ("Número de registro", data["number"]),
                ("Tipo", data["type"]),
                ("Áreas de cooperación", ", ".join(data.get("themes") or []) or "—"),
                ("Idiomas", ", ".join(data.get("languages") or []) or "—"),
                ("Dictamen de procedencia", long_date(data.get("dictamen_on"))),
                ("Vigencia", validity),
            ],
        ),
        Block(
            "para",
            "Un acuerdo interinstitucional no es un tratado: obliga únicamente al municipio que lo suscribe, "
            "dentro de sus atribuciones (Ley sobre la Celebración de Tratados, artículo 2, fracción II).",
        ),
        Block(
            "para",
            "Se expide la presente constancia en la Ciudad de México, el "
            f"{long_date(data.get('registered_on'))}.",
        ),
    ]
    return Document(
        title=f"Constancia de inscripción {data['number']}",
        versions=[Version(language="es", label="español", blocks=blocks)],
        letter=True,
    )
