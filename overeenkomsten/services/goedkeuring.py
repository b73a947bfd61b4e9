"""Tripartite approval: employer, school and learner (and the legal representative of a minor)
approve the current version; a party may sign on paper instead (R59, R61). Sending and links:
versturen.py; recording and signing: ondertekenen.py."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, Actor
from duaal.uploads import controleer_bewijsstuk
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten.constants import Bevestiging, GoedkeuringWijze, OvereenkomstStatus, Partij
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging
from overeenkomsten.partijen import (
    heeft_goedgekeurd,
    open_partijen,
    partij_van,
    te_bevestigen_van,
    vereiste_partijen,
)
from overeenkomsten.regelcontrole import werkgever_formaliteiten
from overeenkomsten.selectors import werkgever_heeft_aanvaard

from .common import (
    andere_partij_weigering,
    leerling_handelde_voor_andere_partij,
    mentor_plaats_weigering,
)
from .ondertekenen import goedkeuring_vastleggen, link_claimen


def gelezen_versie(overeenkomst: Overeenkomst, versie: int) -> None:
    if versie != overeenkomst.versie:
        raise OvereenkomstFout(
            _("The agreement changed since you opened it. Read version %(v)s and approve that.")
            % {"v": overeenkomst.versie}
        )


def _ter_goedkeuring(overeenkomst: Overeenkomst) -> str | None:
    return refuse_if(
        overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING,
        _("This agreement is not awaiting approval."),
    )


def _formaliteiten(overeenkomst: Overeenkomst) -> list[str] | None:
    if overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING:
        return None
    return werkgever_formaliteiten(overeenkomst)


def kan_goedkeuren(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not approve the current version, for the party it acts
    for (the employer's representative or the school's coach), now."""
    partij = partij_van(door, overeenkomst)
    return refusals(
        door.may(
            perms.OVEREENKOMST_GOEDKEUREN,
            overeenkomst,
            reason=_("Only the employer's representative or the school's coach approve here."),
        ),
        _ter_goedkeuring(overeenkomst),
        refuse_if(
            partij is not None and heeft_goedgekeurd(overeenkomst, partij),
            _("This party already approved this version."),
        ),
        # One person never acts for two parties: whoever drafted it or proposed its learner
        # acted for the school and cannot approve it for the employer.
        andere_partij_weigering(door, overeenkomst, partij) if partij else None,
        # The employer's formalities the programme asks before the start (R71, R72).
        _formaliteiten(overeenkomst) if partij == Partij.WERKGEVER else None,
    )


@guarded_by(kan_goedkeuren)
@transaction.atomic
def overeenkomst_goedkeuren(
    *, overeenkomst: Overeenkomst, versie: int, door: Actor, now: datetime | None = None
) -> Goedkeuring:
    """The employer's representative or the school's coach approves the version they read."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_goedkeuren(overeenkomst, door=door, now=now))
    gelezen_versie(overeenkomst, versie)
    partij = partij_van(door, overeenkomst)
    # The employer's approval makes the agreement count toward the mentor's cap (R40) when no
    # accepted proposal did already: the cap guard runs again now (learner, then mentor lock).
    if partij == Partij.WERKGEVER and not werkgever_heeft_aanvaard(overeenkomst):
        if (vol := mentor_plaats_weigering(overeenkomst)) is not None:
            raise OvereenkomstFout(vol)
    assert partij is not None  # kan_goedkeuren: the actor acts for the employer or the school
    persoon = door.person
    return goedkeuring_vastleggen(
        overeenkomst, partij=partij, naam=persoon.naam or persoon.email, door=door, now=now
    )


def kan_goedkeuren_via_link(uitnodiging: Uitnodiging, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the holder of this personal link may not approve now. The signed token
    proves who the holder is (they have no account), so `door` is the system acting on the
    link; what is asked here is whether the link's party still has something to approve."""
    overeenkomst = uitnodiging.overeenkomst
    partij = uitnodiging.partij
    # One person never acts for two parties, across capacities: the learner who also acted
    # for the employer (an account with the learner's national number) does not approve here.
    als_ander = (
        leerling_handelde_voor_andere_partij(overeenkomst) if partij == Partij.LEERLING else None
    )
    if te_bevestigen_van(overeenkomst, partij) is not None:
        return refusals(als_ander)  # approving is confirming the signature recorded for them
    return refusals(
        als_ander,
        _ter_goedkeuring(overeenkomst),
        refuse_if(
            partij not in vereiste_partijen(overeenkomst),
            _("This party does not sign this agreement."),
        ),
        refuse_if(
            heeft_goedgekeurd(overeenkomst, partij), _("This party already approved this version.")
        ),
    )


@guarded_by(kan_goedkeuren_via_link)
@transaction.atomic
def goedkeuren_via_link(*, token: str, now: datetime | None = None) -> Goedkeuring:
    """The learner or the legal representative approves through their personal link. When a
    signature on paper was recorded in their name, approving is confirming it."""
    # Imported here: the confirmation services build on the recording module.
    from .bevestiging import bevestiging_vastleggen

    now = now or timezone.now()
    uitnodiging, overeenkomst = link_claimen(token, now=now)
    uitnodiging.overeenkomst = overeenkomst
    refuse_unless(kan_goedkeuren_via_link(uitnodiging, door=SYSTEM, now=now))
    if (opgenomen := te_bevestigen_van(overeenkomst, uitnodiging.partij)) is not None:
        return bevestiging_vastleggen(opgenomen, overeenkomst, door=SYSTEM, now=now)
    leerling = overeenkomst.leerling
    naam = (
        str(leerling) if uitnodiging.partij == Partij.LEERLING else leerling.vertegenwoordiger_naam
    )
    return goedkeuring_vastleggen(
        overeenkomst, partij=uitnodiging.partij, naam=naam, door=SYSTEM, now=now, via_link=True
    )


def kan_op_papier_vastleggen(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime, partij: str | None = None
) -> Refusals:
    """Every reason why this coach may not record `partij`'s signature on paper now (without
    a party: anyone's, so some party must still have to approve)."""
    return refusals(
        door.may(
            perms.OVEREENKOMST_OPSTELLEN,
            overeenkomst,
            reason=_("Only a trajectory coach of the learner's school can do this."),
        ),
        _ter_goedkeuring(overeenkomst),
        refuse_if(
            partij is not None and partij not in vereiste_partijen(overeenkomst),
            _("This party does not sign this agreement."),
        ),
        refuse_if(
            partij is not None and heeft_goedgekeurd(overeenkomst, partij),
            _("This party already approved this version."),
        ),
        _formaliteiten(overeenkomst) if partij == Partij.WERKGEVER else None,
        refuse_if(
            partij is None
            and overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING
            and not open_partijen(overeenkomst),
            _("Every party approved this version."),
        ),
    )


@guarded_by(kan_op_papier_vastleggen)
@transaction.atomic
def goedkeuring_op_papier(
    *,
    overeenkomst: Overeenkomst,
    partij: str,
    naam: str,
    scan: UploadedFile,
    door: Actor,
    versie: int | None = None,
    now: datetime | None = None,
) -> Goedkeuring:
    """The coach uploads a party's wet-signed scan of version `versie` (default: the current
    one): "signed outside the portal". For the school that is its own act; for any other party
    it binds only once that party confirms it (or the partnership verifies it), and the party
    is asked at once."""
    # Imported here: asking for the confirmation builds on the recording module.
    from .bevestiging_vragen import bevestiging_vragen

    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_op_papier_vastleggen(overeenkomst, partij=partij, door=door, now=now))
    if versie is not None:
        gelezen_versie(overeenkomst, versie)
    naam = (naam or "").strip()
    if not naam:
        raise OvereenkomstFout(_("Give the name of the person who signed."))
    try:
        soort = controleer_bewijsstuk(scan)
    except ValidationError as fout:
        raise OvereenkomstFout(" ".join(fout.messages)) from None
    scan.name = f"scan.{soort}"
    goedkeuring = goedkeuring_vastleggen(
        overeenkomst,
        partij=partij,
        naam=naam,
        door=door,
        now=now,
        wijze=GoedkeuringWijze.PAPIER,
        scan=scan,
        bevestiging=(Bevestiging.EIGEN if partij == Partij.SCHOOL else Bevestiging.TE_BEVESTIGEN),
    )
    if goedkeuring.bevestiging == Bevestiging.TE_BEVESTIGEN:
        bevestiging_vragen(goedkeuring, now=now)
    return goedkeuring
