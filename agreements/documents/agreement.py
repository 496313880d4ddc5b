"""The agreement draft (DOMAIN.md §4), from the wizard's clause library.

`clauses.build()` gives the title, the proemio, the considerandos and eight articles; the model agreement of
§4 has three more, which the clause library does not carry yet: Programa de trabajo, Personal and Propiedad
intelectual. They are added here, in §4's order, and every article is numbered again:

I Objeto · II Áreas de cooperación · III Modalidades · IV Programa de trabajo · V Coordinación ·
VI Financiamiento · VII Personal · VIII Propiedad intelectual · IX Solución de controversias ·
X Modificaciones · XI Entrada en vigor, vigencia y terminación.
"""

from __future__ import annotations

from .. import clauses
from .model import Block, Document, Version

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]

# The library's articles, in its order, and where the three missing ones go (after which library article).
LIBRARY_ORDER = [
    "object",
    "areas",
    "modalities",
    "coordination",
    "financing",
    "disputes",
    "amendments",
    "validity",
]
EXTRA_AFTER = {"modalities": ["work_programme"], "financing": ["staff", "intellectual_property"]}

EXTRA = {
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
PAGE = {
    "es": "Página {page} de {pages}",
    "en": "Page {page} of {pages}",
    "fr": "Page {page} sur {pages}",
    "pt": "Página {page} de {pages}",
}


def language_label(code: str) -> str:
    """A column's name in its own language ("español", "English"); outside the library, in Spanish."""
    if code in clauses.LIBRARY_LANGUAGES:
        return clauses.language_name(code, code)
    return f"{clauses.language_name(code, 'es')} (traducción pendiente)"


def languages_of(text: clauses.AgreementText) -> list[str]:
    """Spanish first (R09), then the other languages in the order chosen."""
    return list(dict.fromkeys(["es", *text.languages]))


def articles(document: clauses.Document) -> list[tuple[str, list[str]]]:
    """The library's articles with their numbers taken off, plus the three §4 articles it lacks, in order."""
    lang = "es" if document.translation_pending else document.language
    prefix_of = clauses.PHRASES[lang]["article"]
    library = []
    for i, clause in enumerate(document.clauses):
        prefix = f"{prefix_of.format(n=clauses.ROMAN[i])}. "
        heading = clause.heading[len(prefix) :] if clause.heading.startswith(prefix) else clause.heading
        library.append((heading, list(clause.paragraphs)))
    extra = EXTRA[lang]
    result = []
    for key, article in zip(LIBRARY_ORDER, library, strict=True):
        result.append(article)
        for added in EXTRA_AFTER.get(key, []):
            heading, paragraph = extra[added]
            result.append((heading, [paragraph]))
    return result


def version(text: clauses.AgreementText, language: str) -> Version:
    document = clauses.build(text, language)
    lang = "es" if document.translation_pending else language
    pending = document.translation_pending
    article_word = clauses.PHRASES[lang]["article"]
    blocks = [
        Block("title", document.title, pending=pending),
        Block("para", document.preamble, pending=pending),
        *(Block("para", w, pending=pending) for w in document.whereas),
        Block("label", document.agreed, pending=pending),
    ]
    for i, (heading, paragraphs) in enumerate(articles(document)):
        # One block per article (heading + its paragraphs), so the columns stay aligned article by article.
        blocks.append(Block("heading", f"{article_word.format(n=ROMAN[i])}. {heading}", pending=pending))
        blocks.append(Block("para", "\n".join(paragraphs), pending=pending))
    blocks.append(Block("para", document.signature, pending=pending))
    blocks.append(
        Block("signatures", items=[(who, office or "________") for who, office in document.signatories])
    )
    return Version(language=language, label=language_label(language), blocks=blocks)


def build(text: clauses.AgreementText) -> Document:
    versions = [version(text, code) for code in languages_of(text)]
    page_labels = list(dict.fromkeys(PAGE.get(v.language, PAGE["es"]) for v in versions))
    return Document(title=versions[0].blocks[0].text, versions=versions, page_labels=page_labels)
