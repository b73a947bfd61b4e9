"""The model agreement as a PDF, one per version, stored privately with its hash (R61-R65)."""

import hashlib
import re
import zlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from duaal.pdf import render_to_pdf
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Overeenkomst, OvereenkomstDocument
from overeenkomsten.presenter import TEMPLATE, presenteer

_OBJECT_STREAM = re.compile(rb"<<[^<>]*/Type\s*/ObjStm[^<>]*>>\s*stream\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pagina_s_tellen(pdf: bytes) -> int:
    """The number of page objects. WeasyPrint packs them into compressed object streams, so
    those are inflated first; a PDF parser is only a test dependency."""
    delen = [pdf]
    for stream in _OBJECT_STREAM.finditer(pdf):
        lengte = _LENGTH.search(stream.group(0))
        if lengte is None:
            continue
        data = pdf[stream.end() : stream.end() + int(lengte.group(1))]
        try:
            delen.append(zlib.decompress(data) if b"/FlateDecode" in stream.group(0) else data)
        except zlib.error:
            continue
    return sum(len(_PAGE.findall(deel)) for deel in delen)


def overeenkomst_pdf_maken(*, overeenkomst_id: int, versie: int) -> OvereenkomstDocument | None:
    """Render and store the PDF of one version. Idempotent: a version that has its PDF, or
    that is no longer current (a newer one will get its own), is left alone. A draft gets
    none: its content still changes without a new version number."""
    bestaand = OvereenkomstDocument.objects.filter(
        overeenkomst_id=overeenkomst_id, versie=versie
    ).first()
    if bestaand is not None:
        return bestaand
    overeenkomst = Overeenkomst.objects.get(pk=overeenkomst_id)
    if overeenkomst.versie != versie or overeenkomst.status == OvereenkomstStatus.ONTWERP:
        return None
    _html, pdf = render_to_pdf(TEMPLATE, presenteer(overeenkomst).context(document=True))
    document = OvereenkomstDocument(
        overeenkomst=overeenkomst,
        versie=versie,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pagina_s=pagina_s_tellen(pdf),
    )
    document.bestand.save("overeenkomst.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # A concurrent render of the same version won; keep one file per version.
        document.bestand.delete(save=False)
        return OvereenkomstDocument.objects.get(overeenkomst_id=overeenkomst_id, versie=versie)
    except Exception:
        # No row, no file: an orphan PDF would hold personal data nothing points to.
        document.bestand.delete(save=False)
        raise
    return document
