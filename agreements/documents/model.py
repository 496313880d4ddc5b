"""The structure every generated document is rendered from: versions (one per language) of aligned blocks.

Renderers (docx.py, pdf.py) know nothing about agreements; builders (agreement.py, letters.py) know nothing
about DOCX or PDF. Versions of one document have the same sequence of blocks, so the PDF can set them side
by side, block beside block.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # title | subtitle | heading | para | lines | label | signatures | fields | right | spacer
    text: str = ""
    items: list[tuple[str, str]] = field(
        default_factory=list
    )  # signatures: (who, office); fields: (label, value)
    pending: bool = False  # text kept in Spanish where the counterpart's translation goes
    language: str = ""  # filled in by its Version

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass
class Version:
    language: str  # ISO 639-1 code of the text (a pending translation is marked on its blocks)
    label: str  # the language's name, shown above its column
    blocks: list[Block]

    def __post_init__(self):
        for block in self.blocks:
            block.language = self.language


@dataclass
class Document:
    title: str  # for the file's metadata and the PDF's <title>
    versions: list[Version]
    page_label: str = "Página {page} de {pages}"  # the footer, one per version's language
    page_labels: list[str] = field(default_factory=list)
    letter: bool = False  # a one-language letter (oficio, constancia…): no column headers

    @property
    def parallel(self) -> bool:
        return len(self.versions) > 1

    def rows(self) -> list[list[Block]]:
        """Block i of every version, for side-by-side columns."""
        return [list(blocks) for blocks in zip(*(v.blocks for v in self.versions), strict=True)]
