"""A PDF kept across a failed submission of a form (issue 13, item 5): the signature form is re-shown with an
error in another field, and the official should not have to choose the signed agreement again.

The PDF, once it passed `uploads.check_pdf`, is stored privately under `expedientes/pendientes/` and the form
carries a signed token naming it, bound to the working file and the person; the next submission without a new
file takes it from there. A kept file is used once (`take` deletes it) and never outlives `MAX_AGE`: each new
one sweeps the stale ones away, so an abandoned attempt leaves nothing behind for long.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.domain.uploads import CheckedPdf, check_pdf
from agreements.models.working_file import private_storage

FOLDER = "expedientes/pendientes"
SALT = "agreements.review.pending"
MAX_AGE = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Kept:
    token: str
    name: str


def keep(upload, *, working_file_id: int, user_id: int) -> Kept:
    """Check the PDF (ValidationError as `check_pdf` raises it) and keep it; the token names it."""
    checked: CheckedPdf = check_pdf(upload)
    _sweep()
    upload.seek(0)
    path = private_storage.save(f"{FOLDER}/{secrets.token_hex(16)}.pdf", upload)
    token = signing.dumps({"f": working_file_id, "u": user_id, "p": path, "n": checked.name}, salt=SALT)
    return Kept(token=token, name=checked.name)


def take(token: str, *, working_file_id: int, user_id: int) -> ContentFile | None:
    """The kept PDF as an upload with its original name, or None (no token, forged, too old, someone else's,
    another file's, already used). Its stored copy is deleted: the caller keeps it again if it fails again."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    path = data.get("p", "")
    if (data.get("f"), data.get("u")) != (working_file_id, user_id) or not path.startswith(f"{FOLDER}/"):
        return None
    if not private_storage.exists(path):
        return None
    with private_storage.open(path, "rb") as stored:
        content = stored.read()
    private_storage.delete(path)
    return ContentFile(content, name=data.get("n") or "documento.pdf")


def _sweep() -> None:
    """Delete the kept files older than MAX_AGE (their tokens no longer work)."""
    try:
        _dirs, names = private_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - MAX_AGE
    for name in names:
        path = f"{FOLDER}/{name}"
        if private_storage.get_modified_time(path) < limit:
            private_storage.delete(path)
