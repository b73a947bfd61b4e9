"""Learners and their agreements (one each) of the scale seed."""

from datetime import date, timedelta
from decimal import Decimal

from duaal.insz import insz_voor
from duaal.organisaties.constants import Overeenkomsttype
from overeenkomsten.constants import (
    Advies,
    AdviesDoor,
    BeeindigingReden,
    LeerlingStatus,
    OvereenkomstStatus,
    Situatie,
)

from .dossiers import BASE, PER_DAG, toewijzing_plaats
from .organisaties import opleiding_soort_en_uren
from .plan import SCHOLEN, Plan, kopieer


def leerling_insz(a: int) -> tuple[str, date]:
    geboren = date(2006, 1, 1) + timedelta(days=a // PER_DAG)
    return insz_voor(geboren, a % PER_DAG + 1), geboren


# Agreement status -> the learner's status; mostly signed, some history, some in progress.
STATUSSEN = (
    *(6 * [(OvereenkomstStatus.ONDERTEKEND, LeerlingStatus.WERKPLEK_GOEDGEKEURD)]),
    (OvereenkomstStatus.AFGELOPEN, LeerlingStatus.WERKPLEK_GOEDGEKEURD),
    (OvereenkomstStatus.BEEINDIGD, LeerlingStatus.GOEDGEKEURD),
    (OvereenkomstStatus.TER_GOEDKEURING, LeerlingStatus.WERKPLEK_GOEDGEKEURD),
    (OvereenkomstStatus.ONTWERP, LeerlingStatus.WERKPLEK_GOEDGEKEURD),
)

# Not yet signed: no signature date.
BEZIG = (OvereenkomstStatus.ONTWERP, OvereenkomstStatus.TER_GOEDKEURING)


def _overeenkomst(plan: Plan, a: int) -> tuple[tuple, tuple]:
    """The learner row and the agreement row of agreement a (one learner each)."""
    m = a % plan.mentoren
    vestiging, opleiding = toewijzing_plaats(plan, m)
    soort, uren = opleiding_soort_en_uren(opleiding)
    status, leerling_status = STATUSSEN[a % len(STATUSSEN)]
    school = a % SCHOLEN
    insz, geboren = leerling_insz(a)
    start = plan.dag - timedelta(days=plan.rng.randint(0, 900))
    if status == OvereenkomstStatus.AFGELOPEN:
        start -= timedelta(days=800)
    einde = start + timedelta(days=365 * (1 + a % 3))
    verstuurd = None if status == OvereenkomstStatus.ONTWERP else plan.now - timedelta(days=5)
    getekend = verstuurd if status not in BEZIG else None
    beeindigd = start + timedelta(days=60) if status == OvereenkomstStatus.BEEINDIGD else None
    situatie = list(Situatie)[a % 3].value
    oao = soort != Overeenkomsttype.DA
    leerling = (
        plan.id("overeenkomsten_leerling", a),
        plan.uuid(),
        plan.now,
        plan.now,
        "Schoolstraat",
        str(1 + a % 200),
        "9000",
        "Gent",
        f"Leerling{a % 89}",
        f"Achternaam {a:06d}",
        insz,
        geboren,
        f"leerling{a}@scale.duaal.be",
        start - timedelta(days=20),
        situatie,
        "",
        "",
        Advies.POSITIEF.value,
        AdviesDoor.KLASSENRAAD.value,
        "",
        leerling_status.value,
        start - timedelta(days=30),
        plan.school_id(school),
        plan.id("organisaties_opleiding", opleiding),
        plan.coach_id(school),
        plan.id("organisaties_vestiging", vestiging),
    )
    overeenkomst = (
        plan.id("overeenkomsten_overeenkomst", a),
        plan.uuid(),
        plan.now,
        plan.now,
        soort,
        status.value,
        1,
        start,
        einde,
        Decimal(min(uren, 38)),
        "Opleidingsplan volgens het standaardtraject.",
        "",
        situatie if oao else "",
        Decimal("650.00") if oao else None,
        None if oao else Decimal("1900.00"),
        False,
        verstuurd,
        getekend,
        beeindigd,
        BeeindigingReden.MATCH.value if beeindigd else "",
        "",
        plan.id("overeenkomsten_leerling", a),
        plan.onderneming_id(plan.vestiging_onderneming(vestiging)),
        plan.school_id(school),
        plan.id("organisaties_opleiding", opleiding),
        plan.id("mentors_mentortoewijzing", m),
        plan.coach_id(school),
        plan.id("organisaties_vestiging", vestiging),
    )
    return leerling, overeenkomst


LEERLING_KOLOMMEN = (
    *BASE,
    "straat",
    "huisnummer",
    "postcode",
    "gemeente",
    "voornaam",
    "achternaam",
    "insz",
    "geboortedatum",
    "e_mail",
    "start_lessen",
    "situatie",
    "vertegenwoordiger_naam",
    "vertegenwoordiger_e_mail",
    "advies",
    "advies_door",
    "advies_toelichting",
    "status",
    "intake_op",
    "onderwijsinstelling_id",
    "opleiding_id",
    "trajectbegeleider_id",
    "werkplek_id",
)
OVEREENKOMST_KOLOMMEN = (
    *BASE,
    "soort",
    "status",
    "versie",
    "start",
    "einde",
    "werkplekuren_per_week",
    "opleidingsplan",
    "vakantiebijlage",
    "situatie",
    "leervergoeding",
    "loon_sectorschaal",
    "met_vertegenwoordiger",
    "verstuurd_op",
    "ondertekend_op",
    "beeindigd_op",
    "beeindiging_reden",
    "beeindiging_toelichting",
    "leerling_id",
    "onderneming_id",
    "onderwijsinstelling_id",
    "opleiding_id",
    "toewijzing_id",
    "trajectbegeleider_id",
    "vestiging_id",
)


def overeenkomsten_kopieren(plan: Plan) -> None:
    # Generated once and copied in two passes: the learners must exist before their agreements
    # when the foreign keys are checked.
    rijen = [_overeenkomst(plan, a) for a in range(plan.overeenkomsten)]
    kopieer("overeenkomsten_leerling", LEERLING_KOLOMMEN, (leerling for leerling, _ in rijen))
    kopieer("overeenkomsten_overeenkomst", OVEREENKOMST_KOLOMMEN, (ovk for _, ovk in rijen))
