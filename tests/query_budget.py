"""The query budget (P1): a page's query count is fixed (the same for 1 and 30 rows) and small,
and no query runs from a template; and the rows the budget tests add to a page."""

import datetime as dt
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from devtools.querybron import query_sources
from duaal.accounts.constants import Rol
from duaal.termijnen import vandaag
from mentors.constants import UitzonderingSoort
from mentors.models import Uitzondering
from mentors.services import mentoropleiding_starten

from .factories import (
    CriteriumFactory,
    MentorFactory,
    ToewijzingFactory,
    UittrekselFactory,
    VestigingFactory,
)
from .world import Side, pdf

MAX_QUERIES = 12


def count_queries(client: Client, url: str, *, template_free: bool = False) -> int:
    """The queries of one GET; with `template_free`, none of them may run from a template."""
    with CaptureQueriesContext(connection) as ctx, query_sources() as sources:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    if template_free:
        assert not sources.template, f"{url}: {sources.report()}"
    return len(ctx.captured_queries)


def assert_query_budget(
    client: Client,
    url: str,
    add_rows: Callable[[int], None],
    *,
    small: int = 1,
    large: int = 30,
    limit: int = MAX_QUERIES,
    template_free: bool = True,
) -> int:
    """Add `small` rows, count; add up to `large`, count again; the counts must be equal.

    Neither counted request may run a query from a template (P1): a lazy lookup there is an
    N+1 waiting for rows. `template_free=False` only for a page that still has one."""
    add_rows(small)
    # Warm the per-process caches (content types, translations) so both counts are steady-state.
    count_queries(client, url)
    few = count_queries(client, url, template_free=template_free)
    add_rows(large - small)
    many = count_queries(client, url, template_free=template_free)
    assert few == many, f"{url}: {few} queries for {small} rows, {many} for {large} (N+1)"
    assert many <= limit, f"{url}: {many} queries, budget is {limit}"
    return many


# --- The rows the budget tests add ---------------------------------------------------------


def mentoren_met_alles(side: Side, n: int) -> None:
    """n mentors of the side, each designated (awaiting review), with an extract, an exception
    request and a mentor training that is overdue: every row of every mentor list is full."""
    werkgever = side.users[Rol.VERTEGENWOORDIGER]
    begin = vandaag(timezone.now()) - relativedelta(months=13)
    for mentor in MentorFactory.create_batch(n, onderneming=side.onderneming, jong=True):
        toewijzing = ToewijzingFactory(
            mentor=mentor, vestiging=side.vestiging, opleiding=side.opleiding, aangesteld_op=begin
        )
        UittrekselFactory(mentor=mentor, opgeladen_door=werkgever)
        Uitzondering.objects.create(
            mentor=mentor,
            partnerschap=side.partnerschap,
            soort=UitzonderingSoort.ERVARING,
            bewijs=pdf(),
            aangevraagd_door=werkgever,
        )
        mentoropleiding_starten(
            mentor=mentor, partnerschap=side.partnerschap, vanaf=toewijzing.aangesteld_op
        )


def aanvragen(side: Side, n: int, status: str, **velden) -> list:
    """n applications of the side's enterprise, each at its own new establishment."""
    from erkenning.models import Aanvraag

    werkgever = side.users[Rol.VERTEGENWOORDIGER]
    return [
        Aanvraag.objects.create(
            onderneming=side.onderneming,
            vestiging=VestigingFactory(onderneming=side.onderneming),
            opleiding=side.opleiding,
            partnerschap=side.partnerschap,
            status=status,
            aangemaakt_door=werkgever,
            **velden,
        )
        for _ in range(n)
    ]


def dossiers(side: Side, n: int) -> None:
    """n files in every state that shows on a list or a dashboard: submitted, complete and
    due soon, complete and overdue (escalated), drafts filed under the school's mandate,
    refused and appealable, refused and appealed."""
    from erkenning.constants import AanvraagStatus
    from erkenning.models import Beroep, Erkenning

    nu = timezone.now()
    op = vandaag(nu)
    aanvragen(side, n, AanvraagStatus.INGEDIEND, ingediend_op=nu)
    aanvragen(
        side,
        n,
        AanvraagStatus.VOLLEDIG,
        ingediend_op=nu,
        volledig_op=op,
        beslissing_uiterlijk_op=op + dt.timedelta(days=1),
    )
    aanvragen(
        side,
        n,
        AanvraagStatus.VOLLEDIG,
        ingediend_op=nu,
        volledig_op=op - dt.timedelta(days=20),
        beslissing_uiterlijk_op=op - dt.timedelta(days=6),
        geescaleerd_op=nu,
    )
    aanvragen(side, n, AanvraagStatus.ONTWERP, ingediend_namens=side.onderwijsinstelling)
    aanvragen(side, n, AanvraagStatus.AFGEWEZEN, beroep_uiterlijk_op=op + dt.timedelta(days=5))
    for aanvraag in aanvragen(
        side, n, AanvraagStatus.AFGEWEZEN, beroep_uiterlijk_op=op + dt.timedelta(days=5)
    ):
        Beroep.objects.create(
            onderneming=side.onderneming,
            partnerschap=side.partnerschap,
            aanvraag=aanvraag,
            motivering="Graag herziening.",
            ingediend_door=side.users[Rol.VERTEGENWOORDIGER],
            ingediend_op=nu,
        )
    for _ in range(n):
        Erkenning.objects.create(
            onderneming=side.onderneming,
            vestiging=VestigingFactory(onderneming=side.onderneming),
            opleiding=side.opleiding,
            partnerschap=side.partnerschap,
            geldig_van=op - relativedelta(years=5) + dt.timedelta(days=100),
            geldig_tot=op + dt.timedelta(days=100),
            publiek_zichtbaar=True,
            plaatsen_beschikbaar=True,
        )


def leerlingen_en_overeenkomsten(side: Side, n: int) -> None:
    """n learners of the side's school (overdue, due soon, matched), each with an agreement
    at the side's establishment, awaiting approval or signed and flagged to end; created
    directly: the world's mentor does not meet the conditions the services check."""
    from decimal import Decimal

    from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus
    from overeenkomsten.models import Leerling, Overeenkomst

    from .factories import insz

    nu = timezone.now()
    op = vandaag(nu)
    coach = side.users[Rol.TRAJECTBEGELEIDER]
    begin = Leerling.objects.count()
    for i in range(begin, begin + n):
        geboortedatum = dt.date(op.year - 17, 1 + i % 12, 1 + i % 28)
        leerling = Leerling.objects.create(
            onderwijsinstelling=side.onderwijsinstelling,
            trajectbegeleider=coach,
            voornaam="Lotte",
            achternaam=f"Leerling {i:03d}",
            insz=insz(geboortedatum, 100 + i),
            geboortedatum=geboortedatum,
            e_mail=f"leerling{i}@voorbeeld.be",
            straat="Kerkstraat",
            huisnummer="1",
            postcode="9000",
            gemeente="Gent",
            opleiding=side.opleiding,
            start_lessen=op,
            status=LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            werkplek=side.vestiging,
            overeenkomst_uiterlijk=op + dt.timedelta(days=i % 3 * 7 - 7),
        )
        Overeenkomst.objects.create(
            leerling=leerling,
            onderwijsinstelling=side.onderwijsinstelling,
            trajectbegeleider=coach,
            onderneming=side.onderneming,
            vestiging=side.vestiging,
            opleiding=side.opleiding,
            toewijzing=side.toewijzing,
            soort=side.opleiding.overeenkomsttype,
            # Half await approval, half are signed and must end (their recognition ended).
            status=OvereenkomstStatus.ONDERTEKEND if i % 2 else OvereenkomstStatus.TER_GOEDKEURING,
            start=op + dt.timedelta(days=30),
            einde=op + dt.timedelta(days=700),
            werkplekuren_per_week=Decimal(24),
            opleidingsplan="Plan",
            verstuurd_op=nu,
            te_beeindigen_sinds=op if i % 2 else None,
        )


def vereisten_en_mentoren(side: Side, aanvraag, n: int) -> None:
    """n more rows in every table of an application's dossier: criteria of its partnership,
    each answered (every other one not confirmed) and asking a document that is uploaded; and
    mentors named, each with an extract, an exception request and the document the
    partnership asks per mentor."""
    from duaal.organisaties.models import CriteriumDocument
    from erkenning.models import AanvraagDocument, CriteriumAntwoord

    werkgever = side.users[Rol.VERTEGENWOORDIGER]
    per_mentor = CriteriumDocument.objects.filter(
        criterium__partnerschap=side.partnerschap, per_mentor=True
    ).first()
    if per_mentor is None:  # the first call: the partnership asks the extract of every mentor
        criterium = CriteriumFactory(partnerschap=side.partnerschap, omschrijving="Mentoren")
        CriteriumAntwoord.objects.create(aanvraag=aanvraag, criterium=criterium, voldaan=True)
        per_mentor = CriteriumDocument.objects.create(
            criterium=criterium, naam="Uittreksel 596.2", per_mentor=True
        )

    def opgeladen(vereist, mentor=None) -> AanvraagDocument:
        return AanvraagDocument(
            aanvraag=aanvraag,
            vereist=vereist,
            mentor=mentor,
            bestand="aanvragen/document.pdf",
            opgeladen_door=werkgever,
        )

    documenten = []
    for i, criterium in enumerate(CriteriumFactory.create_batch(n, partnerschap=side.partnerschap)):
        CriteriumAntwoord.objects.create(aanvraag=aanvraag, criterium=criterium, voldaan=i % 2 == 0)
        vereist = CriteriumDocument.objects.create(criterium=criterium, naam=f"Attest {i}")
        documenten.append(opgeladen(vereist))
    for mentor in MentorFactory.create_batch(n, onderneming=side.onderneming):
        UittrekselFactory(mentor=mentor, opgeladen_door=werkgever)
        Uitzondering.objects.create(
            mentor=mentor,
            partnerschap=side.partnerschap,
            soort=UitzonderingSoort.ERVARING,
            bewijs=pdf(),
            aangevraagd_door=werkgever,
        )
        aanvraag.mentoren.add(mentor)
        documenten.append(opgeladen(per_mentor, mentor))
    AanvraagDocument.objects.bulk_create(documenten)
