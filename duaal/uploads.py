"""Uploaded evidence: a PDF or an image, recognised by its content, never by its name (S5).

The content also decides the stored file's extension (`controleer_bewijsstuk` renames the
upload, the models' `upload_to` keep only a known extension) and the Content-Type it is served
with (`soort_van` in duaal.views.bestand_response), so a file named x.html that starts with
%PDF- is stored as .pdf and served as application/pdf."""

import uuid
import warnings
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024

_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
# Per kind: the stored extension and the served Content-Type.
EXTENSIES = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg"}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
_SOORT_VAN_EXTENSIE = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def _soort(kop: bytes) -> str | None:
    return next((soort for soort, tekens in _SIGNATURES.items() if kop.startswith(tekens)), None)


def soort_van(handle: IO[bytes]) -> str | None:
    """The kind of an open file by its first bytes ('pdf', 'png', 'jpeg'), or None."""
    handle.seek(0)
    kop = handle.read(16)
    handle.seek(0)
    return _soort(kop)


def private_naam(map: str, filename: str) -> str:
    """A server-chosen storage name under `map`: the uploaded name may carry personal data or
    path tricks. The extension is kept only when it names a kind we accept, which
    `controleer_bewijsstuk` made it: any other name is stored without an extension."""
    soort = _SOORT_VAN_EXTENSIE.get(PurePath(filename).suffix.lower())
    return f"{map}/{uuid.uuid4().hex}{EXTENSIES[soort] if soort else ''}"


def _afbeelding_is_leesbaar(bestand: UploadedFile) -> bool:
    from PIL import Image, UnidentifiedImageError

    bestand.seek(0)
    try:
        # A decompression bomb: a few bytes whose header claims 30000 x 30000 pixels. Pillow
        # raises above twice its pixel limit and warns above it; both are refused here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(bestand) as image:
                if image.width * image.height > (Image.MAX_IMAGE_PIXELS or 0):
                    return False
                image.verify()
        return True
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ):
        return False
    finally:
        bestand.seek(0)


def controleer_bewijsstuk(bestand: UploadedFile, *, max_bytes: int = MAX_BYTES) -> str:
    """Return 'pdf', 'png' or 'jpeg', or raise a Dutch error; the file is never executed.
    The upload is renamed after its kind, so it is stored with the matching extension."""
    assert bestand.size is not None  # an uploaded file always knows its size
    if bestand.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="te_groot",
        )
    soort = soort_van(bestand)
    if soort is None:
        raise ValidationError(
            _("Upload a PDF or a photo (PNG or JPEG). This file is neither, whatever its name."),
            code="soort",
        )
    if soort != "pdf" and not _afbeelding_is_leesbaar(bestand):
        raise ValidationError(_("This image cannot be read."), code="onleesbaar")
    # The stored name follows the content, never the uploader's name (see private_naam).
    bestand.name = f"bestand{EXTENSIES[soort]}"
    return soort
