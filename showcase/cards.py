"""The preview card shown when a municipality's page is shared (Open Graph / Twitter card): a 1200 × 630 PNG
drawn with Pillow from the municipality's name, state and showcase, in the page's language."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
GUINDA, VERDE, TEXT, GREY, WHITE = (105, 28, 50), (35, 91, 78), (27, 27, 27), (84, 84, 84), (255, 255, 255)
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
MARGIN = 72


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)  # Pillow's own font: plainer, still legible


def wrap(draw: ImageDraw.ImageDraw, text: str, typeface, width: int, max_lines: int) -> list[str]:
    """Words in lines no wider than `width` pixels; an ellipsis when the text needs more than max_lines."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=typeface) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def render_card(*, kicker: str, title: str, subtitle: str, facts: list[str], footer: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 110), fill=GUINDA)
    draw.text((MARGIN, 36), kicker, font=font(34, bold=True), fill=WHITE)
    y = 150
    title_font = font(76, bold=True)
    for line in wrap(draw, title, title_font, WIDTH - 2 * MARGIN, 2):
        draw.text((MARGIN, y), line, font=title_font, fill=GUINDA)
        y += 92
    draw.text((MARGIN, y + 4), subtitle, font=font(40), fill=TEXT)
    y += 80
    fact_font = font(32)
    for fact in facts[:3]:
        for line in wrap(draw, fact, fact_font, WIDTH - 2 * MARGIN, 1):
            draw.text((MARGIN, y), line, font=fact_font, fill=GREY)
        y += 46
    draw.rectangle((0, HEIGHT - 70, WIDTH, HEIGHT), fill=VERDE)
    draw.text((MARGIN, HEIGHT - 52), footer, font=font(30, bold=True), fill=WHITE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
