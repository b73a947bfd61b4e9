"""Uploaded evidence: a PDF or an image, recognised by its content, never by its name (S5)."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024

_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}


def _soort(kop: bytes) -> str | None:
    return next((soort for soort, tekens in _SIGNATURES.items() if kop.startswith(tekens)), None)


def _afbeelding_is_leesbaar(bestand: UploadedFile) -> bool:
    from PIL import Image, UnidentifiedImageError

    bestand.seek(0)
    try:
        with Image.open(bestand) as image:
            image.verify()
        return True
    except (UnidentifiedImageError, OSError, SyntaxError):
        return False
    finally:
        bestand.seek(0)


def controleer_bewijsstuk(bestand: UploadedFile, *, max_bytes: int = MAX_BYTES) -> str:
    """Return 'pdf', 'png' or 'jpeg', or raise a Dutch error; the file is never executed."""
    if bestand.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="te_groot",
        )
    bestand.seek(0)
    kop = bestand.read(16)
    bestand.seek(0)
    soort = _soort(kop)
    if soort is None:
        raise ValidationError(
            _("Upload a PDF or a photo (PNG or JPEG). This file is neither, whatever its name."),
            code="soort",
        )
    if soort != "pdf" and not _afbeelding_is_leesbaar(bestand):
        raise ValidationError(_("This image cannot be read."), code="onleesbaar")
    return soort
