"""The dossiers added to a side of the world on top of `build_side`: its recognition file
(`add_erkenning`) and its learner and agreements (`add_overeenkomst`)."""

from duaal.accounts.constants import Rol

from .support import KLEINE_PDF as PDF
from .support import als, pdf
from .world import Side


def add_erkenning(side: Side) -> None:
    """The side's recognition dossier, through the services where they allow it:
    - a mandate of the side's enterprise to the side's school (R4);
    - a running recognition of the side's establishment x programme (created directly: the
      side's mentor does not meet the conditions, so no approval could grant it);
    - a submitted application to add a mentor to it (R21), routed to the side's partnership,
      with the criterion the partnership asks answered and its RSZ certificate uploaded;
    - a refused application with an appeal lodged, and a guidance action on the recognition.
    Motivations carry canary strings.

    Kept out of `build_side`: the world's establishment must stay deletable and its
    partnership without criteria for the kernel's dashboard tests."""
    from dateutil.relativedelta import relativedelta

    from django.utils import timezone

    from duaal.organisaties.models import CriteriumDocument
    from duaal.termijnen import vandaag
    from erkenning.constants import AanvraagSoort
    from erkenning.models import Erkenning
    from erkenning.services import (
        aanvraag_aanmaken,
        aanvraag_afwijzen,
        aanvraag_antwoorden_opslaan,
        aanvraag_document_opladen,
        aanvraag_indienen,
        aanvraag_mentoren_kiezen,
        aanvraag_volledig_verklaren,
        begeleidingsactie_opleggen,
        beroep_indienen,
        machtiging_verlenen,
    )

    from .factories import CriteriumFactory

    werkgever = als(side.users[Rol.VERTEGENWOORDIGER])
    consulent = als(side.users[Rol.SECTORCONSULENT])
    beheerder = als(side.users[Rol.PARTNERSCHAPSBEHEERDER])
    name = side.name
    # Both scopes: the side's school files for the enterprise (R4) and matches learners with
    # it without a proposal for each.
    side.machtiging = machtiging_verlenen(
        onderneming=side.onderneming,
        gemachtigde=side.onderwijsinstelling,
        door=werkgever,
        voor_leerlingen=True,
    )
    criterium = CriteriumFactory(partnerschap=side.partnerschap, omschrijving="Draagkracht")
    rsz = CriteriumDocument.objects.create(criterium=criterium, naam="RSZ-attest")
    op = vandaag(timezone.now())
    side.erkenning = Erkenning.objects.create(
        onderneming=side.onderneming,
        vestiging=side.vestiging,
        opleiding=side.opleiding,
        partnerschap=side.partnerschap,
        geldig_van=op - relativedelta(years=1),
        geldig_tot=op + relativedelta(years=4),
    )

    def ingevuld(soort: str):
        aanvraag = aanvraag_aanmaken(
            vestiging=side.vestiging, opleiding=side.opleiding, door=werkgever, soort=soort
        )
        aanvraag_antwoorden_opslaan(
            aanvraag=aanvraag, antwoorden={criterium.pk: (True, "")}, door=werkgever
        )
        aanvraag_mentoren_kiezen(aanvraag=aanvraag, mentoren=[side.mentor], door=werkgever)
        document = aanvraag_document_opladen(
            aanvraag=aanvraag, vereist=rsz, bestand=pdf("rsz.pdf"), door=werkgever
        )
        aanvraag = aanvraag_indienen(aanvraag=aanvraag, door=werkgever, verklaring_op_eer=True)
        return aanvraag, document

    afgewezen, _ = ingevuld(AanvraagSoort.NIEUW)
    aanvraag_volledig_verklaren(aanvraag=afgewezen, door=consulent)
    side.afgewezen = aanvraag_afwijzen(
        aanvraag=afgewezen,
        motivering=f"CANARY-{name}-weigering",
        door=consulent,
    )
    side.beroep = beroep_indienen(
        onderwerp=side.afgewezen,
        motivering=f"CANARY-{name}-beroep",
        door=werkgever,
    )
    side.aanvraag, side.aanvraagdocument = ingevuld(AanvraagSoort.MENTOR_TOEVOEGEN)
    side.sanctie = begeleidingsactie_opleggen(
        erkenning=side.erkenning,
        motivering=f"CANARY-{name}-sanctie",
        door=beheerder,
    )


def add_overeenkomst(side: Side) -> None:
    """The side's learner and agreements, created directly: the side's mentor does not meet
    the conditions, so the services' guards would refuse any agreement with them.
    - a learner of the side's school, approved for the side's establishment, due soon (R48);
    - an agreement sent for approval there, with its timetable, the learner's personal link,
      the PDF of version 1;
    - a second, signed agreement with a suspension and the learner's approval on paper;
    - on the first, a signature on paper the coach recorded for the employer, awaiting its
      confirmation (the partnership sees it too).
    The learner's last name is a canary."""
    import datetime as dt
    import hashlib
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from duaal.termijnen import vandaag
    from overeenkomsten.constants import (
        Bevestiging,
        GoedkeuringWijze,
        LeerlingStatus,
        OvereenkomstStatus,
        Partij,
        SchorsingReden,
    )
    from overeenkomsten.models import (
        Evaluatie,
        Goedkeuring,
        Leerling,
        Overeenkomst,
        OvereenkomstDocument,
        Schorsing,
        Uitnodiging,
        UurroosterRegel,
        Voorstel,
    )

    from .factories import insz

    nu = timezone.now()
    op = vandaag(nu)
    coach = side.users[Rol.TRAJECTBEGELEIDER]
    geboortedatum = dt.date(op.year - 16, 3, 15)
    side.leerling = Leerling.objects.create(
        onderwijsinstelling=side.onderwijsinstelling,
        trajectbegeleider=coach,
        voornaam="Lotte",
        achternaam=f"CANARY-{side.name}-leerling",
        insz=insz(geboortedatum, 41 if side.name == "A" else 43),
        geboortedatum=geboortedatum,
        e_mail=f"leerling-{side.name.lower()}@voorbeeld.be",
        straat="Kerkstraat",
        huisnummer="1",
        postcode="9000",
        gemeente="Gent",
        opleiding=side.opleiding,
        start_lessen=op - dt.timedelta(days=7),
        vertegenwoordiger_naam="An Peeters",
        vertegenwoordiger_e_mail=f"ouder-{side.name.lower()}@voorbeeld.be",
        status=LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        werkplek=side.vestiging,
        intake_op=op,
        overeenkomst_uiterlijk=op + dt.timedelta(days=3),
    )

    def overeenkomst(status: str, start: dt.date, einde: dt.date, **velden) -> Overeenkomst:
        o = Overeenkomst.objects.create(
            leerling=side.leerling,
            onderwijsinstelling=side.onderwijsinstelling,
            trajectbegeleider=coach,
            onderneming=side.onderneming,
            vestiging=side.vestiging,
            opleiding=side.opleiding,
            toewijzing=side.toewijzing,
            soort=side.opleiding.overeenkomsttype,
            status=status,
            start=start,
            einde=einde,
            werkplekuren_per_week=Decimal(24),
            opleidingsplan="Competenties uit het standaardtraject.",
            met_vertegenwoordiger=True,
            verstuurd_op=nu,
            **velden,
        )
        for dag in (1, 2, 3):
            UurroosterRegel.objects.create(
                overeenkomst=o, dag=dag, plaats="werkplek", van=dt.time(8), tot=dt.time(16)
            )
        return o

    side.overeenkomst = overeenkomst(
        OvereenkomstStatus.TER_GOEDKEURING, op + dt.timedelta(days=14), op + dt.timedelta(days=700)
    )
    side.uitnodiging = Uitnodiging.objects.create(
        overeenkomst=side.overeenkomst,
        versie=1,
        partij=Partij.LEERLING,
        e_mail=side.leerling.e_mail,
        geldig_tot=nu + dt.timedelta(days=14),
    )
    side.document = OvereenkomstDocument(
        overeenkomst=side.overeenkomst, versie=1, sha256=hashlib.sha256(PDF).hexdigest()
    )
    side.document.bestand.save("overeenkomst.pdf", ContentFile(PDF))
    side.getekend = overeenkomst(
        OvereenkomstStatus.ONDERTEKEND,
        op - dt.timedelta(days=300),
        op + dt.timedelta(days=10),
        ondertekend_op=nu - dt.timedelta(days=310),
    )
    side.kopie = OvereenkomstDocument(
        overeenkomst=side.getekend,
        versie=1,
        sha256=hashlib.sha256(PDF).hexdigest(),
        getekend_sha256=hashlib.sha256(PDF).hexdigest(),
    )
    side.kopie.bestand.save("overeenkomst.pdf", ContentFile(PDF), save=False)
    side.kopie.getekend_bestand.save("getekend.pdf", ContentFile(PDF))
    side.schorsing = Schorsing.objects.create(
        overeenkomst=side.getekend,
        reden=SchorsingReden.ZIEKTE,
        van=op - dt.timedelta(days=20),
        tot=op - dt.timedelta(days=18),
        door=coach,
    )
    # An evaluation of the signed agreement, with its document (R52).
    side.evaluatie = Evaluatie(
        leerling=side.leerling,
        overeenkomst=side.getekend,
        datum=op - dt.timedelta(days=30),
        soort="tussentijds",
        uitkomst="positief",
        rol="trajectbegeleider",
        door=coach,
        geregistreerd_op=nu,
    )
    side.evaluatie.document.save("evaluatie.pdf", ContentFile(PDF))
    # An open proposal of a second learner of the school to the side's establishment.
    side.voorstel = Voorstel.objects.create(
        leerling=Leerling.objects.create(
            onderwijsinstelling=side.onderwijsinstelling,
            trajectbegeleider=coach,
            voornaam="Sam",
            achternaam=f"CANARY-{side.name}-voorgesteld",
            insz=insz(geboortedatum, 45 if side.name == "A" else 47),
            geboortedatum=geboortedatum,
            e_mail=f"sam-{side.name.lower()}@voorbeeld.be",
            straat="Kerkstraat",
            huisnummer="2",
            postcode="9000",
            gemeente="Gent",
            opleiding=side.opleiding,
            start_lessen=op - dt.timedelta(days=7),
            vertegenwoordiger_naam="Eva Peeters",
            vertegenwoordiger_e_mail=f"ouder-sam-{side.name.lower()}@voorbeeld.be",
            status=LeerlingStatus.GOEDGEKEURD,
            overeenkomst_uiterlijk=op + dt.timedelta(days=10),
        ),
        onderwijsinstelling=side.onderwijsinstelling,
        opleiding=side.opleiding,
        voorgesteld_door=coach,
        onderneming=side.onderneming,
        vestiging=side.vestiging,
        vervalt_op=op + dt.timedelta(days=10),
    )
    side.papier = Goedkeuring.objects.create(
        overeenkomst=side.getekend,
        versie=1,
        partij=Partij.LEERLING,
        wijze=GoedkeuringWijze.PAPIER,
        naam="Lotte",
        door=coach,
        op=nu - dt.timedelta(days=310),
        scan=pdf("scan.pdf"),
    )
    side.handtekening = Goedkeuring.objects.create(
        overeenkomst=side.overeenkomst,
        versie=1,
        partij=Partij.WERKGEVER,
        wijze=GoedkeuringWijze.PAPIER,
        bevestiging=Bevestiging.TE_BEVESTIGEN,
        naam="Wim Werkgever",
        door=coach,
        op=nu,
        scan=pdf("scan.pdf"),
    )
