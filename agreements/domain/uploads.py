"""PDF uploads for the working file: checked by content before anything is stored.

A file passes when its first bytes are a PDF header, pypdf parses it and finds pages, it is not encrypted,
and it is at most 20 MB. The stored name is random (see `WorkingFileUpload.file`); the name shown and used for
downloads is the original one, sanitised.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedPdf:
    name: str
    size: int
    pages: int
    sha256: str


def sanitise_filename(name: str) -> str:
    """A safe, readable download name: no path, no control or shell characters, ends in .pdf."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem = re.sub(r"\.pdf$", "", base, flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:100]
    return f"{stem or 'documento'}.pdf"


def check_pdf(upload) -> CheckedPdf:
    """Raise ValidationError with a message for the person uploading; return what is worth keeping."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("El archivo está vacío."), code="empty")
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("El archivo pesa %(mb).1f MB; el máximo es 20 MB."),
            code="too_big",
            params={"mb": size / 1048576},
        )
    upload.seek(0)
    head = upload.read(1024)
    if PDF_MAGIC not in head:
        raise ValidationError(
            _("El archivo no es un PDF (aunque su nombre termine en .pdf). Súbalo en formato PDF."),
            code="not_pdf",
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("El PDF está protegido con contraseña o cifrado. Súbalo sin protección."), code="encrypted"
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        logger.info("PDF refused: %s", exc)
        raise ValidationError(
            _("El PDF está dañado o incompleto y no se puede abrir. Vuelva a exportarlo y súbalo de nuevo."),
            code="malformed",
        ) from exc
    finally:
        upload.seek(0)
    if pages < 1:
        raise ValidationError(_("El PDF no tiene páginas."), code="no_pages")
    return CheckedPdf(name=sanitise_filename(upload.name), size=size, pages=pages, sha256=digest.hexdigest())
