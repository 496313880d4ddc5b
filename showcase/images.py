"""Photos of the showcase: checked by their content, then re-encoded so nothing of the original file is kept.

The browser's file name and content type are not trusted: Pillow reads the bytes. Accepted are JPEG, PNG and
WebP pictures between MIN_SIDE and MAX_SIDE pixels a side, at most MAX_PIXELS in all (a "decompression
bomb" of a few kilobytes could otherwise ask for gigabytes of memory) and at most settings'
MUNICIPALITIES_PHOTO_MAX_BYTES. What is stored is a new JPEG, turned upright (EXIF orientation), at most
STORED_SIDE pixels a side, written without any metadata: no GPS position, camera or author of the original.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MIN_WIDTH, MIN_HEIGHT = 400, 300
MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000
STORED_SIDE = 1_600
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    width: int
    height: int


def max_bytes() -> int:
    return settings.MUNICIPALITIES_PHOTO_MAX_BYTES


def check_and_reencode(upload) -> CheckedImage:
    """The upload as a clean JPEG, or ValidationError with a message that says what is wrong."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("La foto pesa %(size)s; el máximo es %(max)s. Redúzcala o elija otra.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())},
            code="too_big",
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: make every bomb an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
                if kind in ACCEPTED_FORMATS:
                    _check_dimensions(width, height)
                    probe.verify()  # structure and checksums, without decoding the pixels
            if kind not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("El archivo es una imagen %(kind)s; se aceptan JPEG, PNG y WebP.") % {"kind": kind},
                    code="format",
                )
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                return _reencode(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        if isinstance(error, UnidentifiedImageError):
            message = _("El archivo no es una imagen que podamos leer. Suba una foto JPEG, PNG o WebP.")
            raise ValidationError(message, code="not_image") from error
        raise ValidationError(_too_many_pixels(), code="too_many_pixels") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        message = _("La imagen está dañada o incompleta. Vuelva a exportarla y súbala de nuevo.")
        raise ValidationError(message, code="corrupt") from error


def _too_many_pixels() -> str:
    return _("La imagen tiene demasiados píxeles (el máximo es %(max)s millones). Redúzcala.") % {
        "max": MAX_PIXELS // 1_000_000
    }


def _check_dimensions(width: int, height: int) -> None:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValidationError(
            _("La foto mide %(w)s × %(h)s píxeles; necesita al menos %(min_w)s × %(min_h)s.")
            % {"w": width, "h": height, "min_w": MIN_WIDTH, "min_h": MIN_HEIGHT},
            code="too_small",
        )
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValidationError(
            _("La foto mide %(w)s × %(h)s píxeles; el máximo es %(max)s píxeles por lado.")
            % {"w": width, "h": height, "max": f"{MAX_SIDE:,}"},
            code="too_large",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(_too_many_pixels(), code="too_many_pixels")


def _reencode(image: Image.Image) -> CheckedImage:
    image = ImageOps.exif_transpose(image)  # upright, as the camera meant it, before the EXIF is dropped
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or comment=: the new file carries pixels only.
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return CheckedImage(out.getvalue(), image.width, image.height)
