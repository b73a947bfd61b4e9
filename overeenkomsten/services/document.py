"""The model agreement as a PDF, one per version, stored privately with its hash (R61-R65)."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from duaal.pdf import render_to_pdf
from overeenkomsten.models import Overeenkomst, OvereenkomstDocument
from overeenkomsten.presenter import TEMPLATE, presenteer


def overeenkomst_pdf_maken(*, overeenkomst_id: int, versie: int) -> OvereenkomstDocument | None:
    """Render and store the PDF of one version. Idempotent: a version that has its PDF, or
    that is no longer current (a newer one will get its own), is left alone."""
    bestaand = OvereenkomstDocument.objects.filter(
        overeenkomst_id=overeenkomst_id, versie=versie
    ).first()
    if bestaand is not None:
        return bestaand
    overeenkomst = Overeenkomst.objects.get(pk=overeenkomst_id)
    if overeenkomst.versie != versie:
        return None
    _html, pdf = render_to_pdf(TEMPLATE, presenteer(overeenkomst).context())
    document = OvereenkomstDocument(
        overeenkomst=overeenkomst,
        versie=versie,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pagina_s=pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page"),
    )
    document.bestand.save("overeenkomst.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # A concurrent render of the same version won; keep one file per version.
        document.bestand.delete(save=False)
        return OvereenkomstDocument.objects.get(overeenkomst_id=overeenkomst_id, versie=versie)
    return document
