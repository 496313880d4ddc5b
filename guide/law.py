"""The Ley sobre la Celebración de Tratados, parsed once from guide/data into sections and articles.

The source is a conversion of the official PDF: page headers repeat, a paragraph can be cut by a page break,
and each article's first sentence is split between the heading line and the next paragraph. This module
undoes exactly that, and nothing else: the wording stays as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.text import slugify

SOURCE = Path(__file__).resolve().parent / "data" / "ley_sobre_la_celebracion_de_tratados.md"
PAGE_NOISE = {"LEY SOBRE LA CELEBRACIÓN DE TRATADOS", "Última Reforma DOF 14-11-2025"}
ARTICLE = re.compile(r"^### Art[íi]culo (\d+)o?\.?-?\s*(.*)$")
REFORM_NOTE = re.compile(r"^(Artículo|Fracción) (reformad[oa]|adicionad[oa]) DOF .*$")


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # "Artículo reformado DOF …": shown small, where the source has it


@dataclass
class Article:
    number: int
    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"articulo-{self.number}"


@dataclass
class Section:
    heading: str
    anchor: str
    paragraphs: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; a paragraph cut by a page break (no final stop) continues."""
    paragraphs: list[str] = []
    current: list[str] = []
    page_break = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("<!-- Page"):
            page_break = True
            continue
        if stripped in PAGE_NOISE:
            continue
        if not stripped:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if REFORM_NOTE.match(stripped):  # "Artículo reformado DOF …": a note of its own, never body text
            if current:
                paragraphs.append(" ".join(current))
                current = []
            paragraphs.append(stripped)
            continue
        if page_break and not current and paragraphs and stripped[0].islower():
            current = [paragraphs.pop()]  # the sentence goes on across the page break
        page_break = False
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


@cache
def law() -> tuple[list[str], list[Section]]:
    """(preamble paragraphs, sections): the law's articles, its transitory article, the reform decrees."""
    text = SOURCE.read_text(encoding="utf-8")
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith(("[Extraction note", "<!-- Source file", "# Ley sobre"))
    ]
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        if line.startswith("### ") or line.startswith("## "):
            blocks.append((line, []))
        else:
            blocks[-1][1].append(line)
    preamble = _paragraphs(blocks[0][1])
    body = Section(heading="Ley sobre la Celebración de Tratados", anchor="articulos")
    sections = [body]
    current = body
    for heading, block in blocks[1:]:
        match = ARTICLE.match(heading)
        paragraphs = _paragraphs(block)
        if match:
            number, first = int(match.group(1)), match.group(2).strip()
            if paragraphs and first and not re.search(r"[.:;]$", first):
                paragraphs[0] = f"{first} {paragraphs[0]}"
            elif first:
                paragraphs.insert(0, first)
            suffix = "o" if number < 10 else ""
            body = [Paragraph(p, note=bool(REFORM_NOTE.match(p))) for p in paragraphs]
            article = Article(number, f"Artículo {number}{suffix}.", body)
            current.articles.append(article)
            continue
        title = heading.lstrip("#").strip()
        if title.startswith("ARTICULO UNICO"):
            current.paragraphs.append(f"{title} {' '.join(paragraphs[:1])}".strip())
            current.paragraphs.extend(paragraphs[1:])
            continue
        anchor = slugify(title)
        taken = {section.anchor for section in sections}
        anchor = (
            next(f"{anchor}-{n}" for n in range(2, 99) if f"{anchor}-{n}" not in taken)
            if anchor in taken
            else anchor
        )
        current = Section(heading=title.capitalize(), anchor=anchor, paragraphs=paragraphs)
        sections.append(current)
    return preamble, sections


def article_numbers() -> list[int]:
    return [a.number for s in law()[1] for a in s.articles]
