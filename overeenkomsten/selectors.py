"""Reads for the learner and agreement screens and the dashboard: fixed query counts."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import NegatedExpression
from django.utils.functional import Promise

from duaal.accounts.actor import Actor
from duaal.organisaties.models import Opleiding, Vestiging
from duaal.termijnen import OVEREENKOMST_SLUITEN_HERINNERING, einde
from erkenning.constants import LOPEND
from erkenning.models import Erkenning, Machtiging

from .constants import (
    BEVESTIGING_TELT,
    PARTIJEN_MET_LINK,
    Bevestiging,
    LeerlingStatus,
    OvereenkomstStatus,
    Partij,
    VoorstelStatus,
)
from .evaluaties import dashboard_grens, eerste_open_evaluatie
from .models import (
    Goedkeuring,
    Leerling,
    Overeenkomst,
    OvereenkomstDocument,
    Uitnodiging,
    Voorstel,
)
from .regelcontrole import dimona_ontbreekt_filter


def termijn_grens(op: dt.date) -> dt.date:
    """The last deadline that counts as "due soon": five training days from `op` (R48)."""
    return einde(OVEREENKOMST_SLUITEN_HERINNERING, op)


def leerlingen_voor(actor: Actor) -> QuerySet[Leerling]:
    """The learners the list shows, with the programme in the same query."""
    return (
        Leerling.objects.visible_to(actor)
        .select_related("opleiding", "werkplek")
        .order_by("achternaam", "voornaam", "pk")
    )


def overeenkomsten_voor(actor: Actor) -> QuerySet[Overeenkomst]:
    """The agreements the list shows, newest start first, with their parties."""
    return (
        Overeenkomst.objects.visible_to(actor)
        .select_related("leerling", "onderneming", "vestiging", "opleiding", "onderwijsinstelling")
        .order_by("-start", "-pk")
    )


def erkend_voor(opleiding: Opleiding, *, op: dt.date) -> QuerySet[Vestiging]:
    """Establishments holding a running recognition for the programme, not expired on `op`
    (R1, R17); the agreement's own guard checks it runs on the start date."""
    erkend = Erkenning.objects.filter(
        vestiging_id=OuterRef("pk"),
        opleiding=opleiding,
        status__in=LOPEND,
        geldig_tot__gte=op,
    )
    return Vestiging.objects.filter(Exists(erkend))


def lopende_machtiging(onderwijsinstelling_id: int, **reikwijdte: bool) -> QuerySet[Machtiging]:
    """The running mandates enterprises gave this school, of the scope `reikwijdte` names."""
    return Machtiging.objects.filter(
        gemachtigde_id=onderwijsinstelling_id, ingetrokken_op__isnull=True, **reikwijdte
    )


def werkplekken_voor(
    opleiding: Opleiding, *, onderwijsinstelling_id: int, op: dt.date
) -> QuerySet[Vestiging]:
    """The recognised workplaces the school's coach may propose a learner to: those whose
    recognition for the programme is published (R3), and those of employers that already
    work with the school: a running mandate, an agreement it sent them (not cancelled), or a
    proposal they accepted. Other recognised workplaces are reached only by typing their
    number (a proposal answered "sent", whether or not it exists)."""
    gepubliceerd = Erkenning.objects.filter(
        vestiging_id=OuterRef("pk"),
        opleiding=opleiding,
        status__in=LOPEND,
        publiek_zichtbaar=True,
    )
    relatie = (
        Q(
            Exists(
                lopende_machtiging(onderwijsinstelling_id).filter(
                    onderneming_id=OuterRef("onderneming_id")
                )
            )
        )
        | Q(
            Exists(
                Overeenkomst.objects.filter(
                    onderwijsinstelling_id=onderwijsinstelling_id,
                    onderneming_id=OuterRef("onderneming_id"),
                    verstuurd_op__isnull=False,
                ).exclude(status__in=[OvereenkomstStatus.ONTWERP, OvereenkomstStatus.GEANNULEERD])
            )
        )
        | Q(
            Exists(
                Voorstel.objects.filter(
                    onderwijsinstelling_id=onderwijsinstelling_id,
                    onderneming_id=OuterRef("onderneming_id"),
                    status=VoorstelStatus.AANVAARD,
                )
            )
        )
    )
    return (
        erkend_voor(opleiding, op=op)
        .filter(Q(Exists(gepubliceerd)) | relatie)
        .select_related("onderneming")
        .order_by("onderneming__naam", "naam", "pk")
    )


def aanvaard_voorstel(*, leerling_ref: Any, vestiging_ref: Any) -> Exists:
    """An accepted proposal for this learner and establishment: the company chose them (R48)."""
    return Exists(
        Voorstel.objects.filter(
            leerling_id=leerling_ref, vestiging_id=vestiging_ref, status=VoorstelStatus.AANVAARD
        )
    )


def werkgever_stemt_in(leerling: Leerling, vestiging: Vestiging) -> bool:
    """The employer consented to this match: it accepted a proposal of this learner for this
    establishment, or it mandated the learner's school for learners and agreements."""
    if Voorstel.objects.filter(
        leerling=leerling, vestiging=vestiging, status=VoorstelStatus.AANVAARD
    ).exists():
        return True
    return (
        lopende_machtiging(leerling.onderwijsinstelling_id, voor_leerlingen=True)
        .filter(onderneming_id=vestiging.onderneming_id)
        .exists()
    )


def werkplekken_met_instemming(leerling: Leerling, *, op: dt.date) -> QuerySet[Vestiging]:
    """Recognised workplaces whose employer consented to take this learner (see above)."""
    return (
        erkend_voor(leerling.opleiding, op=op)
        .filter(
            Q(aanvaard_voorstel(leerling_ref=leerling.pk, vestiging_ref=OuterRef("pk")))
            | Q(
                Exists(
                    lopende_machtiging(
                        leerling.onderwijsinstelling_id, voor_leerlingen=True
                    ).filter(onderneming_id=OuterRef("onderneming_id"))
                )
            )
        )
        .select_related("onderneming")
        .order_by("onderneming__naam", "naam", "pk")
    )


def werkgever_aanvaard() -> ExpressionWrapper:
    """An expression over Overeenkomst rows: the employer itself accepted this agreement, by an
    approval of any version that binds it (given in the portal, or confirmed or verified), or
    by accepting the school's proposal of this learner for this establishment. Only then does
    it count toward the mentor's cap (R40) and may the parties download the PDF with the
    mentor's full INSZ (R63)."""
    goedgekeurd = Exists(
        Goedkeuring.objects.filter(
            overeenkomst_id=OuterRef("pk"),
            partij=Partij.WERKGEVER,
            bevestiging__in=BEVESTIGING_TELT,
        )
    )
    gekozen = aanvaard_voorstel(
        leerling_ref=OuterRef("leerling_id"), vestiging_ref=OuterRef("vestiging_id")
    )
    # Wrapped: usable both in filter() and annotate(), like the Exists it used to be.
    return ExpressionWrapper(Q(goedgekeurd) | Q(gekozen), output_field=BooleanField())


def handtekeningen_voor(actor: Actor) -> QuerySet[Goedkeuring]:
    """The signatures on paper awaiting their party's confirmation or disputed, that the
    partnership may see (those of its programmes), latest first."""
    return (
        Goedkeuring.objects.visible_to(actor)
        .filter(bevestiging__in=[Bevestiging.TE_BEVESTIGEN, Bevestiging.BETWIST])
        .select_related(
            "overeenkomst__leerling",
            "overeenkomst__onderneming",
            "overeenkomst__onderwijsinstelling",
            "overeenkomst__opleiding",
            "door",
        )
        .order_by("-op", "-pk")
    )


def werkgever_heeft_aanvaard(overeenkomst: Overeenkomst) -> bool:
    return Overeenkomst.objects.filter(pk=overeenkomst.pk).filter(werkgever_aanvaard()).exists()


def _goedkeuring_van(partij: str) -> QuerySet[Goedkeuring]:
    # A disputed (void) signature is no approval: the party still has to approve.
    return Goedkeuring.objects.filter(
        overeenkomst_id=OuterRef("pk"), versie=OuterRef("versie"), partij=partij
    ).exclude(bevestiging=Bevestiging.BETWIST)


def _zonder_goedkeuring(partij: str) -> NegatedExpression:
    return ~Exists(_goedkeuring_van(partij))


def wacht_op_school(onderwijsinstelling_id: int) -> QuerySet[Overeenkomst]:
    """Agreements awaiting approval that the school has not approved in this version yet."""
    return (
        Overeenkomst.objects.filter(
            onderwijsinstelling_id=onderwijsinstelling_id,
            status=OvereenkomstStatus.TER_GOEDKEURING,
        )
        .filter(_zonder_goedkeuring(Partij.SCHOOL))
        .select_related("leerling", "onderneming")
        .order_by("verstuurd_op", "pk")
    )


def werkgever_aandacht(onderneming_id: int, *, op: dt.date | None = None) -> QuerySet[Overeenkomst]:
    """In one query (the employer's dashboard is at its budget): agreements awaiting the
    employer's approval of the current version, those with a signature recorded for the
    employer that awaits its confirmation (`werkgever_te_bevestigen`), signed ones a lifted
    recognition ends, and (given `op`) signed ones started without a Dimona
    (`dimona_ontbreekt`, R71)."""
    zonder_dimona = dimona_ontbreekt_filter(op) if op is not None else None
    aandacht = (
        Q(status=OvereenkomstStatus.TER_GOEDKEURING, wacht_op_werkgever=True)
        | Q(
            status__in=[OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.TE_BEVESTIGEN],
            werkgever_te_bevestigen=True,
        )
        | Q(status=OvereenkomstStatus.ONDERTEKEND, te_beeindigen_sinds__isnull=False)
    )
    if op is not None:
        # A required evaluation not met yet, due within the dashboard's horizon or overdue.
        aandacht |= Q(
            status=OvereenkomstStatus.ONDERTEKEND,
            evaluatie_uiterlijk__lte=dashboard_grens(op),
        )
    return (
        Overeenkomst.objects.filter(onderneming_id=onderneming_id)
        .annotate(
            evaluatie_uiterlijk=eerste_open_evaluatie(),
            wacht_op_werkgever=_zonder_goedkeuring(Partij.WERKGEVER),
            werkgever_te_bevestigen=Exists(
                _goedkeuring_van(Partij.WERKGEVER).filter(bevestiging=Bevestiging.TE_BEVESTIGEN)
            ),
            dimona_ontbreekt=(
                ExpressionWrapper(zonder_dimona, output_field=BooleanField())
                if zonder_dimona is not None
                else Value(False)
            ),
        )
        .filter(aandacht | zonder_dimona if zonder_dimona is not None else aandacht)
        .select_related("leerling", "onderneming", "vestiging", "onderwijsinstelling")
        .order_by("verstuurd_op", "pk")
    )


def te_beeindigen(**organisatie: int) -> QuerySet[Overeenkomst]:
    """Signed agreements whose recognition ended: a party must end them early (R24, R74).
    Pass `onderwijsinstelling_id=` or `onderneming_id=`."""
    return (
        Overeenkomst.objects.filter(
            status=OvereenkomstStatus.ONDERTEKEND, te_beeindigen_sinds__isnull=False, **organisatie
        )
        .select_related("leerling", "onderneming", "vestiging")
        .order_by("te_beeindigen_sinds", "pk")
    )


def termijn_nadert(onderwijsinstelling_id: int, *, tot: dt.date) -> QuerySet[Leerling]:
    """Learners of the school whose agreement is due by `tot` or overdue (R48)."""
    return (
        Leerling.objects.filter(
            onderwijsinstelling_id=onderwijsinstelling_id,
            overeenkomst_uiterlijk__isnull=False,
            overeenkomst_uiterlijk__lte=tot,
        )
        .exclude(status=LeerlingStatus.GESTOPT)
        .select_related("opleiding")
        .order_by("overeenkomst_uiterlijk", "pk")
    )


@dataclass(frozen=True)
class Stand:
    """Where one required party stands with the current version."""

    partij: str
    label: str | Promise  # the party's translated name, lazily
    goedkeuring: Goedkeuring | None
    uitnodiging: Uitnodiging | None

    @property
    def via_link(self) -> bool:
        return self.partij in PARTIJEN_MET_LINK


def goedkeuringsstand(overeenkomst: Overeenkomst, partijen: list[str]) -> list[Stand]:
    """Each required party's approval and personal link for the current version. Two
    queries."""
    versie = overeenkomst.versie
    goedkeuringen = {
        g.partij: g
        for g in overeenkomst.goedkeuringen.filter(versie=versie)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .select_related("door")
    }
    uitnodigingen = {u.partij: u for u in overeenkomst.uitnodigingen.filter(versie=versie)}
    return [Stand(p, Partij(p).label, goedkeuringen.get(p), uitnodigingen.get(p)) for p in partijen]


def voorstellen_voor(actor: Actor) -> QuerySet[Voorstel]:
    """The proposals the list shows: open ones first, then the newest."""
    return (
        Voorstel.objects.visible_to(actor)
        .select_related("leerling", "opleiding", "onderwijsinstelling", "onderneming", "vestiging")
        .annotate(
            afgehandeld=ExpressionWrapper(
                ~Q(status=VoorstelStatus.VOORGESTELD), output_field=BooleanField()
            )
        )
        .order_by("afgehandeld", "-created_at", "-pk")
    )


def voorstellen_te_beantwoorden(onderneming_id: int, *, op: dt.date) -> QuerySet[Voorstel]:
    """Open proposals addressed to the enterprise that can still be answered: one query (the
    employer's dashboard)."""
    return (
        Voorstel.objects.filter(
            onderneming_id=onderneming_id, status=VoorstelStatus.VOORGESTELD, vervalt_op__gte=op
        )
        .select_related("leerling", "opleiding", "onderwijsinstelling", "vestiging")
        .order_by("vervalt_op", "pk")
    )


def voorstellen_van_leerling(leerling: Leerling) -> list[Voorstel]:
    """The learner's proposals, newest first, for the learner's page."""
    return list(
        leerling.voorstellen.select_related("onderneming", "vestiging").order_by(
            "-created_at", "-pk"
        )
    )


def ontbrekende_pdfs() -> list[tuple[int, int]]:
    """Agreements sent to the parties whose current version has no PDF yet, and signed ones
    whose PDF has no signed copy yet (a lost task)."""
    heeft = OvereenkomstDocument.objects.filter(
        overeenkomst_id=OuterRef("pk"), versie=OuterRef("versie")
    )
    return list(
        Overeenkomst.objects.filter(
            Q(
                ~Exists(heeft),
                status__in=[OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND],
            )
            # Signed before the copy existed, or since ended: every signed version gets one.
            | Q(Exists(heeft.filter(getekend_sha256="")), ondertekend_op__isnull=False)
        ).values_list("pk", "versie")
    )


# The statuses in which the current version has (or is about to have) its PDF.
_MET_DOCUMENT = [
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.TE_BEVESTIGEN,
    OvereenkomstStatus.ONDERTEKEND,
]


def document_wordt_gemaakt(o: Overeenkomst, documenten: list[OvereenkomstDocument]) -> bool:
    """The current version's PDF, or once signed its signed copy, is still being made (after
    commit, by a worker or the demo's background thread). `documenten`: the agreement's."""
    huidig = next((d for d in documenten if d.versie == o.versie), None)
    if huidig is None:
        return o.status in _MET_DOCUMENT
    return o.ondertekend_op is not None and not huidig.getekend_sha256
