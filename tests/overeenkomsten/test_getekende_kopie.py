"""The signed copy for every party: when the last party approves, the employer, the school,
the learner and the parent each get a mail that links to where they find it (the agreement's
page, the learner's dossier, the parent's personal-link session; never the file itself). The
approved PDF stays byte-identical; the signed copy is that PDF with the record of the
approvals appended, both hashed and shown; both are PDF/A-3a, tagged."""

import datetime as dt
import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.meldingen.bezorging import melding_bezorgen
from duaal.meldingen.models import Melding
from overeenkomsten.constants import KOPIE_LINK, OvereenkomstStatus, Partij
from overeenkomsten.models import Overeenkomst, OvereenkomstDocument, Uitnodiging
from overeenkomsten.selectors import ontbrekende_pdfs
from overeenkomsten.services import (
    goedkeuren_via_link,
    overeenkomst_goedkeuren,
    overeenkomst_pdf_maken,
)
from overeenkomsten.tasks import overeenkomst_pdf_task
from tests.overeenkomsten.conftest import NU, Traject, token
from tests.support import als

pytestmark = pytest.mark.django_db


def uitnodiging(o: Overeenkomst, partij: str) -> Uitnodiging:
    return Uitnodiging.objects.get(overeenkomst=o, versie=o.versie, partij=partij)


def door_de_leerlingkant(o: Overeenkomst, *, now: dt.datetime = NU) -> None:
    for partij in (Partij.LEERLING, Partij.VERTEGENWOORDIGER):
        goedkeuren_via_link(token=token(uitnodiging(o, partij)), now=now)


def bezorgd(melding: Melding) -> str:
    """Deliver one queued mail and return its text."""
    mail.outbox.clear()
    assert melding_bezorgen(melding_id=melding.pk)
    return mail.outbox[0].body


def laatst_door_de_school(traject: Traject, o: Overeenkomst) -> None:
    """The school approves last, now (not on the tests' clock): the parent's link for the
    copy runs from the signing."""
    overeenkomst_goedkeuren(
        overeenkomst=o, versie=o.versie, door=als(traject.coach), now=timezone.now()
    )
    o.refresh_from_db()


def ondertekend(traject: Traject) -> Overeenkomst:
    o = traject.verstuurd(traject.leerling())
    overeenkomst_goedkeuren(overeenkomst=o, versie=o.versie, door=als(traject.werkgever), now=NU)
    door_de_leerlingkant(o)
    laatst_door_de_school(traject, o)
    return o


def gerenderd(traject: Traject) -> tuple[Overeenkomst, bytes, OvereenkomstDocument]:
    """A minor's agreement the employer accepted, its PDF rendered (as the task does after
    commit), then signed by the other parties and its signed copy made by the same task."""
    o = traject.verstuurd(traject.leerling())
    overeenkomst_goedkeuren(overeenkomst=o, versie=o.versie, door=als(traject.werkgever), now=NU)
    document = overeenkomst_pdf_maken(overeenkomst_id=o.pk, versie=o.versie)
    assert document is not None
    goedgekeurd = lees(document.bestand)
    door_de_leerlingkant(o)
    laatst_door_de_school(traject, o)
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    overeenkomst_pdf_task(o.pk, o.versie)
    document.refresh_from_db()
    return o, goedgekeurd, document


def lees(veld) -> bytes:
    with veld.open("rb") as bestand:
        return bestand.read()


# --- The mails -------------------------------------------------------------------------------


def test_every_party_hears_it_is_signed_each_with_the_link_to_where_the_copy_is(
    traject: Traject,
) -> None:
    o = ondertekend(traject)
    leerling = o.leerling
    rijen = {m.e_mail: m for m in Melding.objects.filter(event_key__contains=":ondertekend")}
    assert set(rijen) == {
        traject.werkgever.email,
        traject.coach.email,
        leerling.e_mail,
        leerling.vertegenwoordiger_e_mail,
    }
    teksten = {adres: bezorgd(m) for adres, m in rijen.items()}
    agreement_page = reverse("overeenkomsten:overeenkomst_detail", args=[o.public_id])
    assert agreement_page in teksten[traject.werkgever.email]
    assert agreement_page in teksten[traject.coach.email]
    dossier = reverse("overeenkomsten:mijn_overeenkomst", args=[o.public_id])
    assert dossier in teksten[leerling.e_mail]
    # The parent's: the personal link, stored by reference and built at delivery.
    assert rijen[leerling.vertegenwoordiger_e_mail].link_soort == KOPIE_LINK
    assert "/goedkeuren/" in teksten[leerling.vertegenwoordiger_e_mail]
    # Never a bare download link: the PDF holds the national numbers in full.
    assert not [t for t in teksten.values() if "/pdf/" in t or "/getekend/" in t]


def test_the_parents_mail_opens_the_signed_copy_after_the_approval_link_ran_out(
    traject: Traject,
) -> None:
    o = traject.verstuurd(traject.leerling())
    door_de_leerlingkant(o)
    ouder = uitnodiging(o, Partij.VERTEGENWOORDIGER)
    # The parent approved early; by the time the others approve, that link has run out.
    Uitnodiging.objects.filter(pk=ouder.pk).update(geldig_tot=NU - dt.timedelta(days=1))
    later = timezone.now()
    for partij in (traject.werkgever, traject.coach):
        overeenkomst_goedkeuren(overeenkomst=o, versie=o.versie, door=als(partij), now=later)
    ouder.refresh_from_db()
    assert ouder.geldig_tot == later + dt.timedelta(days=14)
    melding = Melding.objects.get(event_key__endswith=":ondertekend:vertegenwoordiger")
    link = re.search(r"https?://[^/\s]+(/goedkeuren/\S+/)", bezorgd(melding)).group(1)
    browser = Client()
    pagina = browser.get(link)
    assert pagina.status_code == 302
    body = browser.get(pagina["Location"]).content.decode()
    assert 'data-testid="kopie"' in body and 'data-testid="goedkeuren"' not in body


# --- The files ---------------------------------------------------------------------------------


def test_the_approved_pdf_stays_byte_identical_and_the_copy_begins_with_it(
    traject: Traject,
) -> None:
    o, goedgekeurd, document = gerenderd(traject)
    assert lees(document.bestand) == goedgekeurd
    assert document.sha256 == hashlib.sha256(goedgekeurd).hexdigest()
    kopie = lees(document.getekend_bestand)
    assert document.getekend_sha256 == hashlib.sha256(kopie).hexdigest()
    assert kopie.startswith(goedgekeurd) and len(kopie) > len(goedgekeurd)
    reader = PdfReader(io.BytesIO(kopie))
    assert len(reader.pages) == document.pagina_s + 1
    record = " ".join(reader.pages[-1].extract_text().split())
    assert "Verslag van de goedkeuringen" in record and document.sha256 in record
    assert traject.werkgever.naam in record and o.leerling.vertegenwoordiger_naam in record
    assert "persoonlijke link" in record  # how the learner and the parent approved
    # The task again: nothing changes (idempotent).
    overeenkomst_pdf_task(o.pk, o.versie)
    document.refresh_from_db()
    assert lees(document.getekend_bestand) == kopie


def _xmp(reader: PdfReader) -> str:
    metadata = reader.root_object["/Metadata"].get_object()
    return metadata.get_data().decode()


def _types(element, gevonden: set[str]) -> set[str]:
    element = element.get_object()
    gevonden.add(str(element.get("/S")))
    kids = element.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
            _types(kid, gevonden)
    return gevonden


@pytest.mark.parametrize("veld", ["bestand", "getekend_bestand"])
def test_both_pdfs_are_pdf_a_3a_and_tagged(traject: Traject, veld: str) -> None:
    _o, _goedgekeurd, document = gerenderd(traject)
    reader = PdfReader(io.BytesIO(lees(getattr(document, veld))))
    xmp = _xmp(reader)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    root = reader.root_object
    assert root["/MarkInfo"]["/Marked"].value is True
    assert str(root["/Lang"]) == "nl" and "/OutputIntents" in root
    tree = root["/StructTreeRoot"].get_object()
    types = _types(tree["/K"][0], set())
    assert {"/Document", "/H1", "/H2", "/P", "/Table"} <= types
    # Every page's marked content belongs to the structure tree.
    keys = {int(k) for k in tree["/ParentTree"].get_object()["/Nums"][0::2]}
    assert {int(p["/StructParents"]) for p in reader.pages} <= keys
    if veld == "getekend_bestand":
        assert "/Part" in types  # the record joined the agreement's structure


def test_the_sweep_makes_a_missing_signed_copy(traject: Traject) -> None:
    o = traject.ondertekend(traject.leerling())
    OvereenkomstDocument.objects.create(overeenkomst=o, versie=o.versie, sha256="0" * 64)
    assert (o.pk, o.versie) in ontbrekende_pdfs()
    OvereenkomstDocument.objects.filter(overeenkomst=o).update(getekend_sha256="1" * 64)
    assert (o.pk, o.versie) not in ontbrekende_pdfs()


# --- Where the parties find it -------------------------------------------------------------------


def test_the_agreement_page_shows_both_hashes_and_offers_the_signed_copy(
    traject: Traject,
) -> None:
    o, _goedgekeurd, document = gerenderd(traject)
    client = Client()
    client.force_login(traject.coach)
    body = client.get(reverse("overeenkomsten:overeenkomst_detail", args=[o.public_id]))
    tekst = body.content.decode()
    assert document.sha256 in tekst and document.getekend_sha256 in tekst
    assert 'data-testid="document-wordt-gemaakt"' not in tekst
    url = reverse("overeenkomsten:document_getekend", args=[document.public_id])
    assert url in tekst
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == lees(document.getekend_bestand)


def test_the_parents_session_offers_the_signed_copy(traject: Traject) -> None:
    _o, _goedgekeurd, document = gerenderd(traject)
    ouder = uitnodiging(document.overeenkomst, Partij.VERTEGENWOORDIGER)
    browser = Client()
    pagina = browser.get(reverse("overeenkomsten:link_openen", args=[token(ouder)]))["Location"]
    body = browser.get(pagina).content.decode()
    pdf = reverse("overeenkomsten:link_pdf", args=[ouder.public_id])
    assert 'data-testid="kopie"' in body and pdf in body
    response = browser.get(pdf)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == lees(document.getekend_bestand)
