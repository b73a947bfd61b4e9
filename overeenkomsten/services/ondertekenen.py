"""Recording an approval and signing: an agreement is signed once every required party has an
approval that binds it (R59, R61); a recorded signature that still awaits its party's
confirmation leaves it awaiting confirmation. Also the personal link's claim, used once."""

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from duaal.accounts.actor import Actor
from duaal.audit.models import VIA_PERSOONLIJKE_LINK
from duaal.audit.services import audit_record
from duaal.workflow import refusals, refuse_unless
from erkenning.selectors import mag_overeenkomst_starten
from overeenkomsten.constants import (
    BEVESTIGING_TELT,
    AuditVerb,
    Bevestiging,
    GoedkeuringWijze,
    OvereenkomstStatus,
    Partij,
)
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging
from overeenkomsten.partijen import link_werkt, uitnodiging_uit_link, vereiste_partijen
from overeenkomsten.selectors import werkgever_heeft_aanvaard

from .common import (
    overgang,
)
from .document import pdf_na_aanvaarding
from .ondertekend_melden import ondertekend_melden
from .opstellen import pdf_na_commit


def _wacht_op_bevestiging(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    voor = overeenkomst.status
    if voor == OvereenkomstStatus.TE_BEVESTIGEN:
        return
    refuse_unless(
        refusals(
            overgang(voor, OvereenkomstStatus.TE_BEVESTIGEN, overeenkomst.get_status_display())
        )
    )
    overeenkomst.status = OvereenkomstStatus.TE_BEVESTIGEN
    overeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_TE_BEVESTIGEN,
        door=None,
        organisatie=overeenkomst.onderwijsinstelling,
        before={"status": voor},
        after={"status": overeenkomst.status, "versie": overeenkomst.versie},
        now=now,
    )


def ondertekenen_als_volledig(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    """Sign once every required party has an approval that binds it. Nobody is bound without
    acting: while a signature recorded for a party still awaits that party's confirmation (or
    the partnership's verification), the agreement awaits confirmation, binds nobody and does
    not count toward the mentor's cap (R40)."""
    bevestigingen = dict(
        overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .values_list("partij", "bevestiging")
    )
    if not set(vereiste_partijen(overeenkomst)) <= set(bevestigingen):
        return
    if not set(bevestigingen.values()) <= set(BEVESTIGING_TELT):
        _wacht_op_bevestiging(overeenkomst, now=now)
        return
    voor = overeenkomst.status
    refuse_unless(
        refusals(overgang(voor, OvereenkomstStatus.ONDERTEKEND, overeenkomst.get_status_display()))
    )
    # The recognition may have ended while the parties were approving (R24): no signature then.
    mag, reden = mag_overeenkomst_starten(
        overeenkomst.vestiging, overeenkomst.opleiding, op=overeenkomst.start
    )
    if not mag:
        raise OvereenkomstFout(
            _("The agreement cannot be signed: %(reden)s The coach will contact you.")
            % {"reden": reden}
        )
    overeenkomst.status = OvereenkomstStatus.ONDERTEKEND
    overeenkomst.ondertekend_op = now
    overeenkomst.save(update_fields=["status", "ondertekend_op", "updated_at"])
    # R48: the learner has an agreement; the 20-training-day window closes.
    leerling = overeenkomst.leerling
    leerling.overeenkomst_uiterlijk = None
    leerling.termijn_herinnerd_op = None
    leerling.termijn_verstreken_op = None
    leerling.save(
        update_fields=[
            "overeenkomst_uiterlijk",
            "termijn_herinnerd_op",
            "termijn_verstreken_op",
            "updated_at",
        ]
    )
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_ONDERTEKEND,
        door=None,
        organisatie=overeenkomst.onderwijsinstelling,
        before={"status": voor},
        after={"status": overeenkomst.status, "versie": overeenkomst.versie},
        now=now,
    )
    ondertekend_melden(overeenkomst, now=now)
    # The signed copy: the approved PDF with the record of the approvals, after commit.
    pdf_na_commit(overeenkomst)


def goedkeuring_vastleggen(
    overeenkomst: Overeenkomst,
    *,
    partij: str,
    naam: str,
    door: Actor,
    now: datetime,
    wijze: str = GoedkeuringWijze.PORTAAL,
    scan: UploadedFile | None = None,
    bevestiging: str = Bevestiging.EIGEN,
    via_link: bool = False,
) -> Goedkeuring:
    """Store one party's approval of the current version. `bevestiging`: the party's own act
    (EIGEN) binds it; one recorded for it by someone else awaits its confirmation. Under the
    agreement's lock, after the action's guard; `door` is the system for a personal link
    (`via_link`), and the audit trail names the link's holder, `naam`, instead."""
    if overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING:
        raise OvereenkomstFout(_("This agreement is not awaiting approval."))
    if partij not in vereiste_partijen(overeenkomst):
        raise OvereenkomstFout(_("This party does not sign this agreement."))
    aanvaarding = (
        partij == Partij.WERKGEVER
        and bevestiging in BEVESTIGING_TELT
        and not werkgever_heeft_aanvaard(overeenkomst)
    )
    try:
        with transaction.atomic():
            goedkeuring = Goedkeuring.objects.create(
                overeenkomst=overeenkomst,
                versie=overeenkomst.versie,
                partij=partij,
                naam=naam,
                door=door.audit_user,
                op=now,
                wijze=wijze,
                scan=scan or "",
                bevestiging=bevestiging,
            )
    except IntegrityError:
        raise OvereenkomstFout(_("This party already approved this version.")) from None
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_GOEDGEKEURD,
        door=door,
        organisatie=None,
        after={
            "partij": partij,
            "versie": overeenkomst.versie,
            "wijze": wijze,
            "bevestiging": bevestiging,
        }
        | ({"via": VIA_PERSOONLIJKE_LINK} if via_link else {}),
        note=naam,
        now=now,
        actor_label=naam if via_link else "",
    )
    if aanvaarding:
        pdf_na_aanvaarding(overeenkomst)
    ondertekenen_als_volledig(overeenkomst, now=now)
    return goedkeuring


def link_claimen(token: str, *, now: datetime) -> tuple[Uitnodiging, Overeenkomst]:
    """Check a personal link, lock its agreement and use the link up (once). Must run inside
    the caller's transaction."""
    uitnodiging = uitnodiging_uit_link(token, now=now)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=uitnodiging.overeenkomst_id)
    # The link was checked before the lock: a change committed in between made a new version,
    # and this link must not approve a version its holder never saw.
    if not link_werkt(uitnodiging, overeenkomst):
        raise OngeldigeLink
    # Claim the link: a double click or a replayed link approves once.
    if not Uitnodiging.objects.filter(pk=uitnodiging.pk, gebruikt_op__isnull=True).update(
        gebruikt_op=now
    ):
        raise OngeldigeLink
    return uitnodiging, overeenkomst
