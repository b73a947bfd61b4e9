"""Demo mentors in each state: valid, exception pending, extract too old, training overdue."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from duaal.accounts.actor import Actor, actor_for
from duaal.accounts.models import User
from duaal.insz import insz_voor
from duaal.organisaties.models import Onderneming, Opleiding, Vestiging
from duaal.termijnen import vandaag
from mentors.constants import UitzonderingSoort
from mentors.models import Mentor
from mentors.services import (
    mentor_registreren,
    mentor_toewijzen,
    mentoropleiding_plannen,
    mentoropleidingen_achterstallig_melden,
    toewijzing_beslissen,
    uittreksel_opladen,
    uitzondering_aanvragen,
)

# A minimal, valid one-page PDF standing in for a scanned document.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _pdf(naam: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, DEMO_PDF, content_type="application/pdf")


def _mentor(onderneming: Onderneming, door: Actor, **gegevens) -> Mentor | None:
    """Register once; None when the demo mentor already exists (re-running the demo)."""
    if Mentor.objects.filter(onderneming=onderneming, insz=gegevens["insz"]).exists():
        return None
    basis = {"functie": "Hoofdverpleegkundige", "e_mail": "", "telefoon": ""}
    return mentor_registreren(onderneming=onderneming, door=door, gegevens={**basis, **gegevens})


@transaction.atomic
def demo_mentoren_laden() -> None:
    onderneming = Onderneming.objects.get(kbo_nummer="0412345614")
    vestiging = Vestiging.objects.get(vestigingseenheidsnummer="2100000114")
    opleiding = Opleiding.objects.get(code="ZORG-VZ-D")
    werkgever = actor_for(User.objects.get(email="werkgever@demo.duaal.be"))
    consulent = actor_for(User.objects.get(email="consulent@demo.duaal.be"))
    now = timezone.now()
    vandaag_ = vandaag(now)

    def designate(mentor: Mentor, wanneer: dt.datetime, uittreksel: dt.date, aanvaard: bool = True):
        uittreksel_opladen(
            mentor=mentor,
            bestand=_pdf("596-2.pdf"),
            uitgereikt_op=uittreksel,
            door=werkgever,
            now=wanneer,
        )
        toewijzing = mentor_toewijzen(
            mentor=mentor, vestiging=vestiging, opleiding=opleiding, door=werkgever, now=wanneer
        )
        if aanvaard:
            toewijzing_beslissen(
                toewijzing=toewijzing,
                aanvaarden=True,
                motivatie="Voldoet aan de voorwaarden.",
                door=consulent,
                now=wanneer,
            )
        return toewijzing

    # Valid: 47 years old, 12 years of experience, a recent extract, training planned.
    if geldig := _mentor(
        onderneming,
        werkgever,
        voornaam="Marie",
        achternaam="Dubois",
        insz="78031503312",
        geboortedatum=dt.date(1978, 3, 15),
        jaren_ervaring=12,
    ):
        designate(geldig, now, vandaag_ - relativedelta(months=1))
        opleiding_ = geldig.opleidingen.get()
        mentoropleiding_plannen(
            opleiding=opleiding_,
            gepland_op=vandaag_ + relativedelta(months=2),
            door=werkgever,
            now=now,
        )

    # Exception pending: 24 years old, asks to apply the minimum age of 23 (R34).
    geboren = vandaag_ - relativedelta(years=24, months=3)
    if jong := _mentor(
        onderneming,
        werkgever,
        voornaam="Lotte",
        achternaam="Vermeersch",
        insz=insz_voor(geboren, 208),
        geboortedatum=geboren,
        jaren_ervaring=6,
    ):
        designate(jong, now, vandaag_ - relativedelta(weeks=2), aanvaard=False)
        uitzondering_aanvragen(
            mentor=jong,
            partnerschap=opleiding.partnerschap,
            soort=UitzonderingSoort.LEEFTIJD,
            bewijs=_pdf("diploma.pdf"),
            toelichting="Bachelor verpleegkunde (2023).",
            door=werkgever,
            now=now,
        )

    # Extract too old: issued 14 months before the designation (R36).
    if oud := _mentor(
        onderneming,
        werkgever,
        voornaam="Koen",
        achternaam="Peeters",
        insz="82111003311",
        geboortedatum=dt.date(1982, 11, 10),
        jaren_ervaring=15,
    ):
        designate(oud, now, vandaag_ - relativedelta(months=14), aanvaard=False)

    # Training overdue: designated 13 months ago, the 12-month training deadline has passed.
    if laat := _mentor(
        onderneming,
        werkgever,
        voornaam="Hilde",
        achternaam="Maes",
        insz="75060702227",
        geboortedatum=dt.date(1975, 6, 7),
        jaren_ervaring=20,
    ):
        designate(
            laat, now - relativedelta(months=13), vandaag_ - relativedelta(months=13, days=10)
        )
        mentoropleidingen_achterstallig_melden(now=now)
