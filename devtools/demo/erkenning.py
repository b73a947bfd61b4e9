"""Demo applications in every state for Woonzorgcentrum De Linde and the care partnership.

Built through the real services with `now=` in the past, so the clock, the timeline, the
sweeps and the dashboards show what they would after weeks of use. Idempotent: a scenario
whose establishment x programme already has an application is skipped.

- Gent x ZORG-VZ-D: approved a month ago, shown in the public search with places available.
- Lokeren x ZORG-VZ-D: approved almost 5 years ago: the recognition ends within 90 days.
- Lokeren x ZORG-ZK-D: refused (the mentor's extract was too old), appeal lodged.
- Gent x ZORG-ZK-D: incomplete, the partnership asked for a recent RSZ certificate.
- Aalst x ZORG-VZ-D: complete, 2 days left to decide.
- Deinze x ZORG-VZ-D: complete and overdue: escalated to the partnership admin.
- Eeklo x ZORG-VZ-D: submitted, awaiting the completeness check.
- Aalst x ZORG-ZK-D: a draft the trajectory coach of Campus Sint-Jozef files under mandate.
"""

import datetime as dt
from datetime import datetime

from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from devtools.demo.mentors import DEMO_PDF, demo_mentoren_laden
from duaal.accounts.actor import Actor, actor_for
from duaal.accounts.models import User
from duaal.organisaties.models import (
    CriteriumDocument,
    Onderneming,
    Onderwijsinstelling,
    Opleiding,
    Organisatie,
    Vestiging,
)
from erkenning.models import Aanvraag, Machtiging
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_afwijzen,
    aanvraag_antwoorden_opslaan,
    aanvraag_document_opladen,
    aanvraag_goedkeuren,
    aanvraag_indienen,
    aanvraag_mentoren_kiezen,
    aanvraag_onvolledig_verklaren,
    aanvraag_volledig_verklaren,
    beroep_indienen,
    beslistermijn_escaleren,
    beslistermijn_herinneren,
    erkenning_publicatie_wijzigen,
    hernieuwing_herinneren,
    machtiging_verlenen,
    plaatsbezoek_registreren,
)
from mentors.models import Mentor

# Extra establishments of De Linde (valid establishment unit numbers, mod-97).
VESTIGINGEN = [
    ("De Linde Aalst", "2300000454", "9300", "Aalst"),
    ("De Linde Deinze", "2400000526", "9800", "Deinze"),
    ("De Linde Eeklo", "2500000695", "9900", "Eeklo"),
]


def _pdf(naam: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, DEMO_PDF, content_type="application/pdf")


def _vestiging(onderneming: Onderneming, naam: str, nummer: str, postcode: str, gemeente: str):
    vestiging, _ = Vestiging.objects.get_or_create(
        vestigingseenheidsnummer=nummer,
        defaults={
            "onderneming": onderneming,
            "naam": naam,
            "straat": "Zorgstraat",
            "huisnummer": "3",
            "postcode": postcode,
            "gemeente": gemeente,
        },
    )
    return vestiging


def _ingevuld(
    vestiging: Vestiging,
    opleiding: Opleiding,
    mentoren: list[Mentor],
    door: Actor,
    now: datetime,
) -> Aanvraag:
    """A draft with every criterion ticked, the mentors named and every required document."""
    aanvraag = aanvraag_aanmaken(vestiging=vestiging, opleiding=opleiding, door=door, now=now)
    aanvraag_antwoorden_opslaan(
        aanvraag=aanvraag,
        antwoorden={
            a.criterium_id: (True, "Zie bijlage." if a.criterium.documenten.exists() else "")
            for a in aanvraag.antwoorden.select_related("criterium")
        },
        door=door,
    )
    aanvraag_mentoren_kiezen(aanvraag=aanvraag, mentoren=mentoren, door=door)
    for vereist in CriteriumDocument.objects.filter(
        criterium__partnerschap=aanvraag.partnerschap, verplicht=True
    ):
        for mentor in mentoren if vereist.per_mentor else [None]:
            aanvraag_document_opladen(
                aanvraag=aanvraag,
                vereist=vereist,
                bestand=_pdf("document.pdf"),
                mentor=mentor,
                door=door,
                now=now,
            )
    return aanvraag


def _ingediend(vestiging, opleiding, mentoren, door, *, gestart: datetime, ingediend: datetime):
    aanvraag = _ingevuld(vestiging, opleiding, mentoren, door, gestart)
    return aanvraag_indienen(aanvraag=aanvraag, door=door, verklaring_op_eer=True, now=ingediend)


def _volledig(vestiging, opleiding, mentoren, werkgever, consulent, *, volledig: datetime):
    aanvraag = _ingediend(
        vestiging,
        opleiding,
        mentoren,
        werkgever,
        gestart=volledig - dt.timedelta(days=4),
        ingediend=volledig - dt.timedelta(days=2),
    )
    return aanvraag_volledig_verklaren(aanvraag=aanvraag, door=consulent, now=volledig)


@transaction.atomic
def demo_erkenning_laden() -> None:
    demo_mentoren_laden()  # idempotent; the applications name these mentors
    linde = Onderneming.objects.get(kbo_nummer="0412345614")
    gent = Vestiging.objects.get(vestigingseenheidsnummer="2100000114")
    lokeren = Vestiging.objects.get(vestigingseenheidsnummer="2200000283")
    aalst, deinze, eeklo = (_vestiging(linde, *v) for v in VESTIGINGEN)
    verzorgende = Opleiding.objects.get(code="ZORG-VZ-D")
    zorgkundige = Opleiding.objects.get(code="ZORG-ZK-D")
    werkgever = actor_for(User.objects.get(email="werkgever@demo.duaal.be"))
    consulent = actor_for(User.objects.get(email="consulent@demo.duaal.be"))
    coach = actor_for(User.objects.get(email="trajectbegeleider@demo.duaal.be"))
    school = Onderwijsinstelling.objects.get(instellingsnummer="012345")
    marie = Mentor.objects.get(onderneming=linde, insz="78031503312")
    koen = Mentor.objects.get(onderneming=linde, insz="82111003311")
    now = timezone.now()

    def nieuw(vestiging: Vestiging, opleiding: Opleiding) -> bool:
        return not Aanvraag.objects.filter(vestiging=vestiging, opleiding=opleiding).exists()

    # The mandate: Campus Sint-Jozef may file for De Linde (R4).
    if not Machtiging.objects.filter(onderneming=linde, gemachtigde=school).exists():
        machtiging_verlenen(
            onderneming=linde,
            gemachtigde=Organisatie.objects.get(pk=school.pk),
            door=werkgever,
            now=now - dt.timedelta(days=60),
        )

    # Approved a month ago, with a site visit; public with places available.
    if nieuw(gent, verzorgende):
        besluit = now - dt.timedelta(days=30)
        aanvraag = _volledig(
            gent, verzorgende, [marie], werkgever, consulent, volledig=besluit - dt.timedelta(5)
        )
        plaatsbezoek_registreren(
            aanvraag=aanvraag,
            bezocht_op=(besluit - dt.timedelta(days=2)).date(),
            verslag="Rondleiding op de afdeling; ruimte en begeleiding in orde.",
            door=consulent,
            now=besluit - dt.timedelta(days=2),
        )
        aanvraag = aanvraag_goedkeuren(
            aanvraag=aanvraag,
            motivering="Voldoet aan alle erkenningscriteria; geldige mentor aangesteld.",
            door=consulent,
            now=besluit,
        )
        erkenning_publicatie_wijzigen(
            erkenning=aanvraag.erkenning,
            publiek_zichtbaar=True,
            plaatsen_beschikbaar=True,
            door=werkgever,
            now=besluit + dt.timedelta(days=1),
        )

    # Approved almost 5 years ago: ends within 90 days (renewal reminders).
    if nieuw(lokeren, verzorgende):
        besluit = now - relativedelta(years=5) + dt.timedelta(days=60)
        aanvraag = _volledig(
            lokeren, verzorgende, [marie], werkgever, consulent, volledig=besluit - dt.timedelta(9)
        )
        aanvraag = aanvraag_goedkeuren(
            aanvraag=aanvraag,
            motivering="Voldoet aan de erkenningscriteria.",
            door=consulent,
            now=besluit,
        )
        erkenning_publicatie_wijzigen(
            erkenning=aanvraag.erkenning,
            publiek_zichtbaar=True,
            plaatsen_beschikbaar=False,
            door=werkgever,
            now=besluit + dt.timedelta(days=1),
        )

    # Refused 4 days ago; the employer appealed 2 days ago (R27).
    if nieuw(lokeren, zorgkundige):
        besluit = now - dt.timedelta(days=4)
        aanvraag = _volledig(
            lokeren, zorgkundige, [koen], werkgever, consulent, volledig=besluit - dt.timedelta(9)
        )
        aanvraag = aanvraag_afwijzen(
            aanvraag=aanvraag,
            motivering=(
                "De enige aangestelde mentor voldoet niet: zijn uittreksel uit het strafregister "
                "(model 596.2) is meer dan een jaar ouder dan de aanstelling."
            ),
            door=consulent,
            now=besluit,
        )
        beroep_indienen(
            onderwerp=aanvraag,
            motivering=(
                "Het nieuwe uittreksel is aangevraagd bij de gemeente en volgt binnen de week; "
                "de mentor heeft 15 jaar ervaring op de afdeling."
            ),
            door=werkgever,
            now=now - dt.timedelta(days=2),
        )

    # Incomplete: the partnership asked for a recent RSZ certificate.
    if nieuw(gent, zorgkundige):
        aanvraag = _ingediend(
            gent,
            zorgkundige,
            [marie],
            werkgever,
            gestart=now - dt.timedelta(days=9),
            ingediend=now - dt.timedelta(days=7),
        )
        aanvraag_onvolledig_verklaren(
            aanvraag=aanvraag,
            ontbrekend=(
                "Het RSZ-schuldenattest is ouder dan drie maanden. Laad een recent attest op."
            ),
            door=consulent,
            now=now - dt.timedelta(days=5),
        )

    # Complete 12 days ago with a 14-day term: 2 days left.
    if nieuw(aalst, verzorgende):
        volledig = now - dt.timedelta(days=12)
        _volledig(aalst, verzorgende, [marie], werkgever, consulent, volledig=volledig)

    # Complete 17 days ago: the term lapsed 3 days ago; the sweep escalates it (R18).
    if nieuw(deinze, verzorgende):
        volledig = now - dt.timedelta(days=17)
        _volledig(deinze, verzorgende, [marie], werkgever, consulent, volledig=volledig)

    # Submitted yesterday: awaiting the completeness check.
    if nieuw(eeklo, verzorgende):
        _ingediend(
            eeklo,
            verzorgende,
            [marie],
            werkgever,
            gestart=now - dt.timedelta(days=3),
            ingediend=now - dt.timedelta(days=1),
        )

    # A draft the school's coach files for De Linde under the mandate (R4).
    if nieuw(aalst, zorgkundige):
        aanvraag = aanvraag_aanmaken(
            vestiging=aalst,
            opleiding=zorgkundige,
            door=coach,
            now=now - dt.timedelta(days=2),
        )
        eerste = aanvraag.antwoorden.order_by("criterium__volgorde", "criterium_id").first()
        if eerste is not None:
            aanvraag_antwoorden_opslaan(
                aanvraag=aanvraag,
                antwoorden={
                    eerste.criterium_id: (True, "Leerlingen lopen al stage op de afdeling.")
                },
                door=coach,
            )

    # The sweeps, as beat would have run them: reminders, escalation, renewal reminders.
    beslistermijn_herinneren(now=now)
    beslistermijn_escaleren(now=now)
    hernieuwing_herinneren(now=now)
