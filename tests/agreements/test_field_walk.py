"""What an official types is printed as typed (issue 13). Emoji are drawn in the PDF by Noto Color Emoji
(Debian fonts-noto-color-emoji, installed by the Makefile, the Dockerfile and .ci/run), never as empty boxes.

The stylesheet (agreements/documents/pdf.css) does not name the emoji font: fontconfig's fallback picks it for
the emoji only. Named in `font-family`, Pango also takes it for digits (they have emoji keycap forms), which
then come out in the emoji font's widths and push justified lines past the right margin."""

import shutil
import subprocess
import tempfile

import pytest

from agreements.documents import pdf
from agreements.documents.model import Block, Document, Version
from tests.conftest import require

TEXT = "Intercambio cultural 🎉🌮 «México» ñ, 7 de diciembre de 2026"


def render(text: str) -> bytes:
    document = Document(
        title="Emoji", versions=[Version("es", "español", [Block("para", text)])], letter=True
    )
    return pdf.render(document)


def poppler(tool: str, content: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        return subprocess.run(
            [tool, *args, file.name, *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


@pytest.mark.django_db
def test_pdf_draws_emoji_with_the_emoji_font_and_digits_with_dejavu():
    require(bool(shutil.which("pdffonts")), "pdffonts (Debian poppler-utils)")
    with_emoji, digits_only = render(TEXT), render("Artículo 7 de la Ley, 2026")
    fonts = poppler("pdffonts", with_emoji)
    assert "Noto-Color-Emoji" in fonts and "DejaVu-Serif" in fonts
    assert " ".join(poppler("pdftotext", with_emoji).split()).startswith(TEXT)
    assert "Noto-Color-Emoji" not in poppler("pdffonts", digits_only)
