"""Beat sweep: agreement PDF files that no row points to. A worker killed after storing the
file and before saving its row leaves one behind, and it holds the learner's personal data
(full INSZ); the retry stores the PDF again under a new name."""

import posixpath
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext

from duaal.audit.models import Event
from duaal.audit.services import SYSTEM_LABEL
from duaal.workflow import system_sweep
from overeenkomsten.constants import AuditVerb
from overeenkomsten.models import Goedkeuring, OvereenkomstDocument
from overeenkomsten.models.ondertekening import pdf_pad

# Taken from pdf_pad itself, so the sweep follows wherever the PDFs go.
PDF_MAP = posixpath.dirname(pdf_pad(None, "overeenkomst.pdf"))
VERWIJDERD = AuditVerb.VERWEESDE_PDF_VERWIJDERD


@system_sweep
def verweesde_pdfs_opruimen(*, now: datetime) -> int:
    """Delete the files under the PDF directory that no row references and that are older
    than OVEREENKOMST_PDF_WEES_NA. Idempotent: a deleted file is not listed again."""
    storage = OvereenkomstDocument._meta.get_field("bestand").storage
    grens = now - settings.OVEREENKOMST_PDF_WEES_NA
    # Read before listing: a file stored after this read is younger than the grace period.
    verwezen = _verwezen()
    aantal = 0
    for naam in _bestanden(storage, PDF_MAP):
        if naam in verwezen:
            continue
        try:
            gewijzigd = storage.get_modified_time(naam)
        except FileNotFoundError:
            continue  # a losing concurrent render removed its own file meanwhile
        # A younger file may belong to a render that is about to save its row.
        if gewijzigd >= grens:
            continue
        _verwijderen(storage, naam, gewijzigd, now)
        aantal += 1
    return aantal


def _verwezen() -> set[str]:
    """Every stored name a row points to (PDFs, signed copies, scans), in one query. Signed
    scans live in a directory of their own today; counting them anyway means a shared
    directory can never cost one."""
    pdfs = OvereenkomstDocument.objects.order_by().values_list("bestand", flat=True)
    kopieen = (
        OvereenkomstDocument.objects.exclude(getekend_bestand="")
        .order_by()
        .values_list("getekend_bestand", flat=True)
    )
    scans = Goedkeuring.objects.exclude(scan="").order_by().values_list("scan", flat=True)
    return set(pdfs.union(kopieen, scans, all=True))


def _bestanden(storage: Storage, pad: str) -> Iterator[str]:
    try:
        mappen, bestanden = storage.listdir(pad)
    except FileNotFoundError:
        return  # nothing stored there yet
    for naam in bestanden:
        yield posixpath.join(pad, naam)
    for map_ in mappen:
        yield from _bestanden(storage, posixpath.join(pad, map_))


def _verwijderen(storage: Storage, naam: str, gewijzigd: datetime, now: datetime) -> None:
    # The audit helpers take a saved object and an orphan has none, so the event names the file
    # and object id 0 (no row). Written before the delete in one transaction: a delete that
    # fails leaves no event claiming it happened.
    with transaction.atomic():
        Event.objects.create(
            actor=None,
            actor_label=gettext(SYSTEM_LABEL),
            content_type=ContentType.objects.get_for_model(OvereenkomstDocument),
            object_id=0,
            object_repr=naam[:300],
            verb=VERWIJDERD,
            before={"bestand": naam, "gewijzigd_op": gewijzigd.isoformat()},
            at=now,
        )
        storage.delete(naam)
