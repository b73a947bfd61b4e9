"""The signed copy: once every party signed a version, its approved PDF, byte for byte, with
the record of the approvals appended (who, when, how), stored beside it with its own SHA-256.
The approved PDF itself is never rendered again: it is what the parties approved."""

import hashlib

from django.core.files.base import ContentFile

from duaal.pdf import render_to_pdf
from duaal.pdf_append import append_pages
from duaal.workflow import system_sweep
from overeenkomsten.goedkeuringsverslag import TEMPLATE, verslag
from overeenkomsten.models import OvereenkomstDocument


@system_sweep
def getekende_kopie_maken(*, document: OvereenkomstDocument) -> OvereenkomstDocument:
    """Make the signed copy of `document`'s version, as the system (the PDF task after the
    last approval, or the daily sweep). Idempotent: a document that has its copy, or whose
    version is not (or no longer) the signed one, is left alone."""
    o = document.overeenkomst
    if document.getekend_sha256 or o.ondertekend_op is None or o.versie != document.versie:
        return document
    with document.bestand.open("rb") as bestand:
        goedgekeurd = bestand.read()
    # The file must still be what was approved: a copy is never made from anything else.
    if hashlib.sha256(goedgekeurd).hexdigest() != document.sha256:
        raise ValueError(f"the PDF of {document} no longer matches its SHA-256")
    record = render_to_pdf(TEMPLATE, verslag(document).context())
    kopie = append_pages(goedgekeurd, record.pdf)
    sha256 = hashlib.sha256(kopie).hexdigest()
    veld = document.getekend_bestand
    veld.save("getekend.pdf", ContentFile(kopie), save=False)
    assert veld.name is not None
    # Claim with a conditional UPDATE: of two concurrent runs one stores its file, the other
    # removes its own (an orphan file would hold personal data nothing points to).
    gewonnen = OvereenkomstDocument.objects.filter(pk=document.pk, getekend_sha256="").update(
        getekend_bestand=veld.name, getekend_sha256=sha256
    )
    if not gewonnen:
        veld.storage.delete(veld.name)
    document.refresh_from_db()
    return document
