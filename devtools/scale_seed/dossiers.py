"""Applications, recognitions, mentors and their designations of the scale seed."""

from collections.abc import Iterator
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from duaal.insz import insz_voor
from duaal.termijnen import BESLISSING, einde
from erkenning.constants import AanvraagSoort, AanvraagStatus, ErkenningStatus
from mentors.constants import ToewijzingStatus

from .plan import Plan, kopieer

BASE = ("id", "public_id", "created_at", "updated_at")
AANVRAAG_KOLOMMEN = (
    *BASE,
    "soort",
    "status",
    "verklaring_op_eer_op",
    "ingediend_op",
    "ontbrekend",
    "volledig_op",
    "beslissing_uiterlijk_op",
    "plaatsbezoek_verslag",
    "beslist_op",
    "motivering",
    "aangemaakt_door_id",
    "beslist_door_id",
    "onderneming_id",
    "opleiding_id",
    "partnerschap_id",
    "vestiging_id",
)
# insz_voor takes a 3-digit sequence number per birth date (001-997 here).
PER_DAG = 997


def _plaats(plan: Plan, vestiging: int, opleiding: int) -> tuple[int, int, int, int]:
    """onderneming_id, opleiding_id, partnerschap_id, vestiging_id of one place."""
    return (
        plan.onderneming_id(plan.vestiging_onderneming(vestiging)),
        plan.id("organisaties_opleiding", opleiding),
        plan.partnerschap_id(plan.opleiding_partnerschap(opleiding)),
        plan.id("organisaties_vestiging", vestiging),
    )


def goedgekeurde_aanvragen(plan: Plan) -> int:
    """The first applications are the approved ones behind recognitions 0..n-1."""
    return min(plan.erkenningen, plan.aanvragen - plan.open_aanvragen)


def _aanvraag(plan: Plan, n: int, status: str, vestiging: int, opleiding: int) -> tuple:
    plaats = _plaats(plan, vestiging, opleiding)
    rng, dag = plan.rng, plan.dag
    open_ = status in (AanvraagStatus.INGEDIEND, AanvraagStatus.ONVOLLEDIG, AanvraagStatus.VOLLEDIG)
    leeftijd = rng.randint(0, 20) if open_ else rng.randint(30, 6 * 365)
    ingediend = plan.now - timedelta(days=leeftijd)
    volledig = beslist = beslisser = None
    uiterlijk = None
    if status == AanvraagStatus.VOLLEDIG:
        # The clock (R16) runs 14 days from completeness; kept inside the term, so the
        # deadline sweep finds nothing to escalate straight after seeding.
        volledig = dag - timedelta(days=rng.randint(0, 13))
        uiterlijk = einde(BESLISSING, volledig)
    elif not open_:
        volledig = (ingediend + timedelta(days=3)).date()
        beslist = ingediend + timedelta(days=10)
        beslisser = plan.consulent_id(plan.opleiding_partnerschap(opleiding))
    ontbrekend = "Attest RSZ ontbreekt." if status == AanvraagStatus.ONVOLLEDIG else ""
    motivering = "Voldoet aan de criteria." if beslist else ""
    return (
        plan.id("erkenning_aanvraag", n),
        plan.uuid(),
        ingediend,
        beslist or ingediend,
        AanvraagSoort.NIEUW.value,
        str(status),
        ingediend,
        ingediend,
        ontbrekend,
        volledig,
        uiterlijk,
        "",
        beslist,
        motivering,
        plan.import_user_id(),
        beslisser,
        *plaats,
    )


def _aanvraag_rijen(plan: Plan) -> Iterator[tuple]:
    goedgekeurd = goedgekeurde_aanvragen(plan)
    gesloten = plan.aanvragen - plan.open_aanvragen
    open_statussen = (AanvraagStatus.INGEDIEND, AanvraagStatus.ONVOLLEDIG, AanvraagStatus.VOLLEDIG)
    for n in range(plan.aanvragen):
        if n < goedgekeurd:
            status = AanvraagStatus.GOEDGEKEURD
            vestiging, opleiding = plan.plaats_van_erkenning(n)
        else:
            if n < gesloten:
                status = AanvraagStatus.AFGEWEZEN if n % 3 else AanvraagStatus.INGETROKKEN
            else:
                status = open_statussen[n % 3]
            vestiging = plan.rng.randrange(plan.vestigingen)
            opleiding = plan.rng.randrange(plan.opleidingen)
        yield _aanvraag(plan, n, status, vestiging, opleiding)


def _erkenning_rijen(plan: Plan) -> Iterator[tuple]:
    goedgekeurd = goedgekeurde_aanvragen(plan)
    lopend: set[tuple[int, int]] = set()
    for k in range(plan.erkenningen):
        vestiging, opleiding = plan.plaats_van_erkenning(k)
        kans = plan.rng.random()
        status = ErkenningStatus.ACTIEF if kans < 0.85 else ErkenningStatus.VERLOPEN
        if 0.85 <= kans < 0.88:
            status = ErkenningStatus.ZONDER_GELDIGE_MENTOR
        # One running recognition per place (constraint erkenning_een_lopende): a place seen
        # before (tiny scales wrap around) gets a historical one.
        if status != ErkenningStatus.VERLOPEN and (vestiging, opleiding) in lopend:
            status = ErkenningStatus.VERLOPEN
        if status == ErkenningStatus.VERLOPEN:
            van = plan.dag - timedelta(days=5 * 365 + plan.rng.randint(1, 1000))
            beeindigd = plan.now - timedelta(days=plan.rng.randint(1, 900))
        else:
            lopend.add((vestiging, opleiding))
            van = plan.dag - timedelta(days=plan.rng.randint(0, 5 * 365 - 1))
            beeindigd = None
        yield (
            plan.id("erkenning_erkenning", k),
            plan.uuid(),
            plan.now,
            plan.now,
            str(status),
            van,
            van + relativedelta(years=5),
            beeindigd,
            k % 3 == 0,
            k % 5 == 0,
            plan.id("erkenning_aanvraag", k) if k < goedgekeurd else None,
            *_plaats(plan, vestiging, opleiding),
        )


def erkenningen_kopieren(plan: Plan) -> None:
    kopieer("erkenning_aanvraag", AANVRAAG_KOLOMMEN, _aanvraag_rijen(plan))
    kopieer(
        "erkenning_erkenning",
        (
            *BASE,
            "status",
            "geldig_van",
            "geldig_tot",
            "beeindigd_op",
            "publiek_zichtbaar",
            "plaatsen_beschikbaar",
            "aanvraag_id",
            "onderneming_id",
            "opleiding_id",
            "partnerschap_id",
            "vestiging_id",
        ),
        _erkenning_rijen(plan),
    )


def mentor_insz(m: int) -> tuple[str, date]:
    geboren = date(1965, 1, 1) + timedelta(days=m // PER_DAG)
    return insz_voor(geboren, m % PER_DAG + 1), geboren


def toewijzing_plaats(plan: Plan, m: int) -> tuple[int, int]:
    """Mentor m is designated where recognition m (round 0) is: a recognised place."""
    return plan.plaats_van_erkenning(plan.mentor_vestiging(m))


def mentoren_kopieren(plan: Plan) -> None:
    def mentoren() -> Iterator[tuple]:
        for m in range(plan.mentoren):
            insz, geboren = mentor_insz(m)
            vestiging, _ = toewijzing_plaats(plan, m)
            yield (
                plan.id("mentors_mentor", m),
                plan.uuid(),
                plan.now,
                plan.now,
                f"Mentor{m % 97}",
                f"Achternaam {m:06d}",
                insz,
                geboren,
                "Ploegleider",
                5 + m % 25,
                f"mentor{m}@scale.duaal.be",
                "",
                plan.onderneming_id(plan.vestiging_onderneming(vestiging)),
            )

    def toewijzingen() -> Iterator[tuple]:
        for m in range(plan.mentoren):
            vestiging, opleiding = toewijzing_plaats(plan, m)
            aangesteld = plan.dag - timedelta(days=plan.rng.randint(30, 1500))
            yield (
                plan.id("mentors_mentortoewijzing", m),
                plan.uuid(),
                plan.now,
                plan.now,
                aangesteld,
                ToewijzingStatus.AANVAARD.value,
                True,
                "",
                plan.now - timedelta(days=(plan.dag - aangesteld).days - 7),
                plan.consulent_id(plan.opleiding_partnerschap(opleiding)),
                plan.id("mentors_mentor", m),
                plan.id("organisaties_opleiding", opleiding),
                plan.id("organisaties_vestiging", vestiging),
            )

    kopieer(
        "mentors_mentor",
        (
            *BASE,
            "voornaam",
            "achternaam",
            "insz",
            "geboortedatum",
            "functie",
            "jaren_ervaring",
            "e_mail",
            "telefoon",
            "onderneming_id",
        ),
        mentoren(),
    )
    kopieer(
        "mentors_mentortoewijzing",
        (
            *BASE,
            "aangesteld_op",
            "status",
            "actief",
            "motivatie",
            "beslist_op",
            "beslist_door_id",
            "mentor_id",
            "opleiding_id",
            "vestiging_id",
        ),
        toewijzingen(),
    )
