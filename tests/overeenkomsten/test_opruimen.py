"""The orphan-PDF sweep: a file in the PDF directory that no row points to (a worker killed
between storing the file and saving its row leaves one) is deleted once it is older than
OVEREENKOMST_PDF_WEES_NA, and the system records that; referenced files, and younger ones that
may belong to a render in flight, stay. Real storage, real database."""

import datetime as dt
import os
import posixpath

import pytest

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from duaal.audit.models import Event
from overeenkomsten.constants import Partij
from overeenkomsten.models import Goedkeuring, OvereenkomstDocument
from overeenkomsten.models.ondertekening import pdf_pad
from overeenkomsten.services import (
    goedkeuring_op_papier,
    overeenkomst_pdf_maken,
    verweesde_pdfs_opruimen,
)
from overeenkomsten.services.opruimen import PDF_MAP, VERWIJDERD
from overeenkomsten.tasks import overeenkomsten_termijnen_task
from tests.support import pdf

from .conftest import NU, als

pytestmark = pytest.mark.django_db

OUD = settings.OVEREENKOMST_PDF_WEES_NA + dt.timedelta(minutes=1)
JONG = settings.OVEREENKOMST_PDF_WEES_NA - dt.timedelta(minutes=1)


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()


def _verouderen(naam: str, leeftijd: dt.timedelta, now: dt.datetime) -> None:
    moment = (now - leeftijd).timestamp()
    os.utime(default_storage.path(naam), (moment, moment))


def _wees(now: dt.datetime, leeftijd: dt.timedelta = OUD) -> str:
    """A PDF stored as a render stores it, whose row was never saved."""
    naam = default_storage.save(pdf_pad(None, "overeenkomst.pdf"), ContentFile(b"%PDF-1.7 wees"))
    _verouderen(naam, leeftijd, now)
    return naam


@pytest.fixture
def bestanden(traject, now) -> tuple[OvereenkomstDocument, Goedkeuring]:
    """A sent agreement with its PDF and a paper approval with its scan, both stored long ago."""
    overeenkomst = traject.verstuurd()
    document = overeenkomst_pdf_maken(overeenkomst_id=overeenkomst.pk, versie=overeenkomst.versie)
    goedkeuring = goedkeuring_op_papier(
        overeenkomst=overeenkomst,
        partij=Partij.VERTEGENWOORDIGER,
        naam="An Peeters",
        scan=pdf("handtekening ouder.pdf"),
        door=als(traject.coach),
        now=NU,
    )
    _verouderen(document.bestand.name, OUD, now)
    _verouderen(goedkeuring.scan.name, OUD, now)
    return document, goedkeuring


def test_an_old_file_no_row_points_to_is_deleted_and_recorded_by_the_system(bestanden, now) -> None:
    naam = _wees(now)
    assert posixpath.dirname(naam) == PDF_MAP
    assert verweesde_pdfs_opruimen(now=now) == 1
    assert not default_storage.exists(naam)
    event = Event.objects.get(verb=VERWIJDERD)
    assert (event.actor, event.actor_label, event.object_repr) == (None, "systeem", naam)
    assert (event.content_type.model, event.object_id) == ("overeenkomstdocument", 0)
    assert event.before["bestand"] == naam and event.at == now


def test_the_referenced_pdf_and_scan_are_kept(bestanden, now) -> None:
    document, goedkeuring = bestanden
    _wees(now)
    assert verweesde_pdfs_opruimen(now=now) == 1
    assert default_storage.exists(document.bestand.name)
    assert default_storage.exists(goedkeuring.scan.name)
    assert Event.objects.filter(verb=VERWIJDERD).count() == 1


def test_a_scan_in_the_pdf_directory_is_kept_while_an_approval_refers_to_it(bestanden, now) -> None:
    _document, goedkeuring = bestanden
    naam = _wees(now)
    Goedkeuring.objects.filter(pk=goedkeuring.pk).update(scan=naam)
    assert verweesde_pdfs_opruimen(now=now) == 0
    assert default_storage.exists(naam)


def test_a_young_orphan_is_kept_until_the_grace_period_has_passed(bestanden, now) -> None:
    naam = _wees(now, JONG)  # perhaps a render about to save its row
    assert verweesde_pdfs_opruimen(now=now) == 0
    assert default_storage.exists(naam)
    assert verweesde_pdfs_opruimen(now=now + dt.timedelta(minutes=2)) == 1
    assert not default_storage.exists(naam)


def test_a_second_run_deletes_nothing(bestanden, now) -> None:
    document, _goedkeuring = bestanden
    _wees(now)
    _wees(now)
    assert verweesde_pdfs_opruimen(now=now) == 2
    assert verweesde_pdfs_opruimen(now=now) == 0
    assert Event.objects.filter(verb=VERWIJDERD).count() == 2
    assert default_storage.listdir(PDF_MAP)[1] == [posixpath.basename(document.bestand.name)]


def test_nothing_stored_yet_is_nothing_to_do(db, now) -> None:
    assert not default_storage.exists(PDF_MAP)
    assert verweesde_pdfs_opruimen(now=now) == 0


def test_the_daily_task_reports_the_orphans_it_deleted(bestanden, now) -> None:
    _wees(now)
    assert overeenkomsten_termijnen_task()["pdf_verweesd"] == 1
    assert overeenkomsten_termijnen_task()["pdf_verweesd"] == 0
