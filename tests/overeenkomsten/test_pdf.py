"""The model agreement as a PDF (R59-R66, R73-R74, R79-R80): every mandatory element is in the
stored document, one document per version, kept privately with its hash."""

import datetime as dt
import hashlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from stdnum.be import ssn

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import signing
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

from duaal.insz import insz_masker
from duaal.organisaties.models import Opleiding
from overeenkomsten.constants import LINK_SALT, OvereenkomstStatus
from overeenkomsten.models import OvereenkomstDocument, Uitnodiging
from overeenkomsten.presenter import TEMPLATE, presenteer
from overeenkomsten.services import (
    Inhoud,
    goedkeuren_via_link,
    overeenkomst_goedkeuren,
    overeenkomst_opstellen,
    overeenkomst_pdf_maken,
    overeenkomst_versturen,
    overeenkomst_wijzigen,
)

from .conftest import NU, ROOSTER, als

OPLEIDINGSPLAN = (
    "Competentie 1: de werkplek klaarmaken en opruimen.\n"
    "Competentie 2: veilig werken met het gereedschap.\n\n"
    "Evaluatie: elk trimester met de mentor en de trajectbegeleider."
)
VAKANTIE = "Inventaris en zomerwerken in de eerste week van juli."


def tekst(document: OvereenkomstDocument) -> str:
    """The document's text with whitespace normalised: pypdf may split or join lines."""
    with document.bestand.open("rb") as bestand:
        reader = PdfReader(io.BytesIO(bestand.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pagina_s(document: OvereenkomstDocument) -> int:
    with document.bestand.open("rb") as bestand:
        return len(PdfReader(io.BytesIO(bestand.read())).pages)


def opstellen(traject, leerling, **inhoud):
    gegevens = dict(
        toewijzing=traject.toewijzing,
        start=dt.date(2026, 10, 1),
        einde=dt.date(2028, 6, 30),
        werkplekuren_per_week=Decimal(24),
        opleidingsplan=OPLEIDINGSPLAN,
        blokken=ROOSTER,
    )
    return overeenkomst_opstellen(
        leerling=leerling,
        vestiging=traject.vestiging,
        inhoud=Inhoud(**(gegevens | inhoud)),
        door=als(traject.coach),
        now=NU,
    )


def versturen(traject, overeenkomst, capture):
    """Sent to the parties: the PDF of version 1 is made after commit."""
    with capture(execute=True):
        return overeenkomst_versturen(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)


def document_van(overeenkomst, versie: int = 1) -> OvereenkomstDocument:
    return OvereenkomstDocument.objects.get(overeenkomst=overeenkomst, versie=versie)


def ondertekenen(traject, overeenkomst, capture):
    overeenkomst = versturen(traject, overeenkomst, capture)
    # R63: the employer's acceptance renders the PDF again on commit, with the mentor's INSZ.
    with capture(execute=True):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=als(traject.werkgever), now=NU
        )
    overeenkomst_goedkeuren(overeenkomst=overeenkomst, versie=1, door=als(traject.coach), now=NU)
    for u in Uitnodiging.objects.filter(overeenkomst=overeenkomst):
        goedkeuren_via_link(token=signing.dumps(str(u.public_id), salt=LINK_SALT), now=NU)
    overeenkomst.refresh_from_db()
    return overeenkomst


@pytest.fixture
def ondertekend(traject, django_capture_on_commit_callbacks):
    """A signed OAO of a minor, with a holiday annex, built through the services."""
    overeenkomst = opstellen(traject, traject.leerling(), vakantiebijlage=VAKANTIE)
    overeenkomst = ondertekenen(traject, overeenkomst, django_capture_on_commit_callbacks)
    assert overeenkomst.status == OvereenkomstStatus.ONDERTEKEND
    return overeenkomst


def test_the_signed_agreement_of_a_minor_has_every_mandatory_element(traject, ondertekend):
    document = document_van(ondertekend)
    pdf = tekst(document)
    leerling, mentor = ondertekend.leerling, traject.toewijzing.mentor
    verwacht = [
        "Overeenkomst alternerende opleiding",
        "01/10/2026",
        "30/06/2028",
        "Voorwerp",
        traject.onderneming.naam,
        traject.onderneming.kbo_weergave,
        "Wim Werkgever",
        traject.vestiging.naam,
        traject.vestiging.nummer_weergave,
        traject.vestiging.adres,
        str(mentor),
        ssn.format(mentor.insz),
        "Lotte Peeters",
        ssn.format(leerling.insz),
        "15/03/2010",
        leerling.adres,
        traject.school.naam,
        traject.school.instellingsnummer,
        "Tine Coach",
        traject.opleiding.officiele_naam,
        "€ 600,50",
        "niveau A",
        "24 uur per week",
        "wettelijke, reglementaire en conventionele bepalingen",
        "sociale zekerheid, het arbeidsrecht, het welzijn op het werk en de verzekeringen",
        "Beperkte aansprakelijkheid van de leerling",
        "Departement Werk en Sociale Economie",
        "recht op inzage",
        "Verbintenissen van de onderneming",
        "zonder dat dit als voordeel in natura geldt",
        "voorziet altijd een aanspreekpunt voor de leerling",
        "Verbintenissen van de leerling",
        "volgt de instructies van de mentor",
        "langer dan 14 dagen",
        "melden zowel de onderneming als de leerling aan de trajectbegeleider",
        "De wettelijke vertegenwoordiger van de minderjarige leerling",
        "An Peeters",
        "Plaats:",
        "Bijlage 1 – Uurrooster",
        "donderdag",
        "Bijlage 2 – Individueel opleidingsplan",
        "Competentie 2: veilig werken met het gereedschap.",
        "Bijlage 3 – Opleiding tijdens de schoolvakanties",
        VAKANTIE,
        "minstens vier weken vakantie in juli en augustus",
        "hetzelfde schooljaar",
        f"Referentie {str(ondertekend.public_id)[:8].upper()} · versie 1",
    ]
    ontbrekend = [stuk for stuk in verwacht if stuk not in pdf]
    assert not ontbrekend, ontbrekend
    assert 4 <= pagina_s(document) <= 6
    assert document.pagina_s == pagina_s(document)


def test_screens_show_the_insz_masked_only_the_stored_document_in_full(traject):
    overeenkomst = opstellen(traject, traject.leerling())
    presentatie = presenteer(overeenkomst)
    scherm = render_to_string(TEMPLATE, presentatie.context())
    document = render_to_string(TEMPLATE, presentatie.context(document=True))
    volledig = ssn.format(overeenkomst.leerling.insz)
    assert volledig not in scherm and insz_masker(overeenkomst.leerling.insz) in scherm
    assert volledig in document


def test_r63_the_mentors_insz_is_masked_until_the_employer_accepted(traject, ondertekend):
    """A draft's document shows the mentor's INSZ masked; the signed one, in full."""
    mentor = traject.toewijzing.mentor
    ontwerp = render_to_string(
        TEMPLATE,
        presenteer(opstellen(traject, traject.leerling_onder_mandaat(volgnummer=42))).context(
            document=True
        ),
    )
    assert ssn.format(mentor.insz) not in ontwerp and insz_masker(mentor.insz) in ontwerp
    assert ssn.format(mentor.insz) in tekst(document_van(ondertekend))


def test_a_draft_gets_no_document_its_content_still_changes(traject):
    overeenkomst = opstellen(traject, traject.leerling())
    assert overeenkomst_pdf_maken(overeenkomst_id=overeenkomst.pk, versie=1) is None
    assert not OvereenkomstDocument.objects.exists()


def test_without_a_holiday_annex_there_is_no_annex_3(traject, django_capture_on_commit_callbacks):
    overeenkomst = opstellen(traject, traject.leerling())
    versturen(traject, overeenkomst, django_capture_on_commit_callbacks)
    pdf = tekst(document_van(overeenkomst))
    assert "Bijlage 2 – Individueel opleidingsplan" in pdf
    assert "Bijlage 3" not in pdf


def test_an_sao_says_no_learning_allowance_is_due(traject, django_capture_on_commit_callbacks):
    Opleiding.objects.filter(pk=traject.opleiding.pk).update(overeenkomsttype="sao")
    rooster = [*ROOSTER[:2], *ROOSTER[3:]]
    overeenkomst = opstellen(
        traject, traject.leerling(), werkplekuren_per_week=Decimal(16), blokken=rooster
    )
    versturen(traject, overeenkomst, django_capture_on_commit_callbacks)
    pdf = tekst(document_van(overeenkomst))
    assert "Stageovereenkomst alternerende opleiding" in pdf
    assert "geen leervergoeding verschuldigd" in pdf
    assert "€" not in pdf


def test_a_da_shows_the_wage_on_the_sector_scale(traject, django_capture_on_commit_callbacks):
    Opleiding.objects.filter(pk=traject.opleiding.pk).update(overeenkomsttype="da")
    overeenkomst = opstellen(traject, traject.leerling(), loon_sectorschaal=Decimal("1850.00"))
    versturen(traject, overeenkomst, django_capture_on_commit_callbacks)
    pdf = tekst(document_van(overeenkomst))
    assert "Deeltijdse arbeidsovereenkomst in een duale opleiding" in pdf
    assert "loonschaal van de sector" in pdf and "€ 1.850,00" in pdf
    assert "leervergoeding van" not in pdf


def _bestanden() -> set[Path]:
    return set(Path(default_storage.location).rglob("*.pdf"))


def test_making_the_pdf_twice_keeps_one_row_and_one_file(traject, ondertekend):
    eerste = document_van(ondertekend)
    voor = _bestanden()
    tweede = overeenkomst_pdf_maken(overeenkomst_id=ondertekend.pk, versie=1)
    assert tweede.pk == eerste.pk and tweede.bestand.name == eerste.bestand.name
    assert OvereenkomstDocument.objects.filter(overeenkomst=ondertekend).count() == 1
    assert _bestanden() == voor


def test_the_stored_hash_is_the_hash_of_the_stored_file(ondertekend):
    document = document_van(ondertekend)
    with document.bestand.open("rb") as bestand:
        inhoud = bestand.read()
    assert inhoud.startswith(b"%PDF")
    assert hashlib.sha256(inhoud).hexdigest() == document.sha256


def test_a_new_version_gets_its_own_document_and_the_old_one_is_kept(
    traject, django_capture_on_commit_callbacks
):
    overeenkomst = opstellen(traject, traject.leerling())
    overeenkomst = versturen(traject, overeenkomst, django_capture_on_commit_callbacks)
    oud = document_van(overeenkomst)
    with django_capture_on_commit_callbacks(execute=True):
        overeenkomst = overeenkomst_wijzigen(
            overeenkomst=overeenkomst,
            inhoud=Inhoud.van(overeenkomst).met(
                opleidingsplan=OPLEIDINGSPLAN + "\nCompetentie 3: klanten onthalen."
            ),
            door=als(traject.coach),
            now=NU,
        )
    assert overeenkomst.versie == 2
    documenten = {
        d.versie: d for d in OvereenkomstDocument.objects.filter(overeenkomst=overeenkomst)
    }
    assert set(documenten) == {1, 2}
    assert documenten[1].pk == oud.pk and documenten[1].sha256 == oud.sha256
    assert default_storage.exists(oud.bestand.name)
    assert documenten[2].bestand.name != oud.bestand.name
    nieuw = tekst(documenten[2])
    assert "versie 2" in nieuw and "Competentie 3: klanten onthalen." in nieuw
    assert "Competentie 3" not in tekst(documenten[1])


def test_the_file_is_stored_privately(ondertekend):
    document = document_van(ondertekend)
    pad = Path(document.bestand.path).resolve()
    assert pad.is_relative_to(Path(default_storage.location).resolve())
    publiek = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    if settings.MEDIA_ROOT:
        publiek.append(Path(settings.MEDIA_ROOT))
    assert not any(pad.is_relative_to(p.resolve()) for p in publiek)
    assert finders.find(document.bestand.name) is None
    for url in (f"/{document.bestand.name}", f"/media/{document.bestand.name}"):
        with pytest.raises(Resolver404):
            resolve(url)


def test_the_presenter_needs_three_queries_whatever_the_timetable(
    traject, django_assert_num_queries
):
    overeenkomst = opstellen(traject, traject.leerling())
    with django_assert_num_queries(3):
        presentatie = presenteer(overeenkomst)
    assert len(presentatie.uurrooster) == len(ROOSTER)
    assert presentatie.uren_werkplek == "24" and presentatie.uren_lessen == "14"
