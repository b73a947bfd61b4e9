"""Sending an agreement to its parties (R59, R61): the employer hears of it, the learner and
the legal representative of a minor receive a personal link; after a substantive change every
party is asked again, and the coach may send a new link."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.selectors import coaches, werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import page_url, send_mail
from duaal.termijnen import leeftijd_op, vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten.constants import (
    LINK_GELDIG_DAGEN,
    PARTIJEN_MET_LINK,
    UITNODIGING_LINK,
    AuditVerb,
    OvereenkomstStatus,
    Partij,
)
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.models import Overeenkomst, Uitnodiging
from overeenkomsten.partijen import heeft_goedgekeurd, open_partijen, vereiste_partijen
from overeenkomsten.regelcontrole import regels_van

from .common import (
    leerling_en_mentor_vergrendelen,
    overgang,
)
from .opstellen import pdf_na_commit


def _uitnodigen(overeenkomst: Overeenkomst, partij: str, *, now: datetime) -> Uitnodiging:
    leerling = overeenkomst.leerling
    e_mail = leerling.e_mail if partij == Partij.LEERLING else leerling.vertegenwoordiger_e_mail
    uitnodiging, _nieuw = Uitnodiging.objects.update_or_create(
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        partij=partij,
        defaults={"e_mail": e_mail, "geldig_tot": now + dt.timedelta(days=LINK_GELDIG_DAGEN)},
    )
    # The token is not stored: the row names the invitation, delivery builds the link.
    naam = str(leerling) if partij == Partij.LEERLING else leerling.vertegenwoordiger_naam
    send_mail(
        "overeenkomsten/approval_link",
        recipients=[],
        event_key=f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:link:{partij}:{now:%Y%m%d%H%M%S}",
        context={
            "onderneming": str(overeenkomst.onderneming),
            "opleiding": str(overeenkomst.opleiding),
            "d": uitnodiging.geldig_tot.date(),
        },
        e_mails={e_mail: naam},
        link=LinkVerwijzing(soort=UITNODIGING_LINK, public_id=uitnodiging.public_id),
    )
    return uitnodiging


def _partijen_uitnodigen(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    for partij in vereiste_partijen(overeenkomst):
        if partij in PARTIJEN_MET_LINK:
            _uitnodigen(overeenkomst, partij, now=now)


def kan_versturen(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not send the draft to the parties now: who acts, the
    status, and every check the content must pass (controles.py), all at once; the checks'
    warnings come along without refusing."""
    naar = overgang(
        overeenkomst.status, OvereenkomstStatus.TER_GOEDKEURING, overeenkomst.get_status_display()
    )
    controle = controleren_overeenkomst(overeenkomst, now=now) if naar is None else None
    return refusals(
        door.may(
            perms.OVEREENKOMST_OPSTELLEN,
            overeenkomst,
            reason=_("Only a trajectory coach of the learner's school can do this."),
        ),
        refuse_if(naar is not None, _("Only a draft is sent for approval.")),
        controle.fouten if controle else None,
        warnings=controle.waarschuwingen if controle else (),
    )


@guarded_by(kan_versturen)
@transaction.atomic
def overeenkomst_versturen(
    *, overeenkomst: Overeenkomst, door: Actor, now: datetime | None = None
) -> Overeenkomst:
    """Send the draft to the parties: every guard again, the timetable included."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    # Sending makes the agreement occupy the learner (overlap, R48) and the mentor (cap, R40):
    # both are locked before the guard reads them.
    leerling_en_mentor_vergrendelen(overeenkomst)
    refuse_unless(kan_versturen(overeenkomst, door=door, now=now))
    voor = overeenkomst.status
    overeenkomst.status = OvereenkomstStatus.TER_GOEDKEURING
    overeenkomst.verstuurd_op = now
    # The version of the programme's rules in force now governs the agreement from here on.
    overeenkomst.regelversie_id = regels_van(overeenkomst.opleiding, verstuurd_op=now).versie_id
    overeenkomst.met_vertegenwoordiger = (
        leeftijd_op(overeenkomst.leerling.geboortedatum, vandaag(now)) < 18
    )
    overeenkomst.save()
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_VERSTUURD,
        door=door,
        organisatie=overeenkomst.onderwijsinstelling,
        before={"status": voor},
        after={"status": overeenkomst.status, "versie": overeenkomst.versie},
        now=now,
    )
    _partijen_uitnodigen(overeenkomst, now=now)
    send_mail(
        "overeenkomsten/sent_to_employer",
        recipients=werkgevers(overeenkomst.onderneming_id),
        event_key=f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:werkgever",
        context={
            "school": str(overeenkomst.onderwijsinstelling),
            "overeenkomst": str(overeenkomst),
            "d": overeenkomst.start,
            "url": page_url(overeenkomst),
        },
    )
    _ontvangstbewijs(overeenkomst, door=door, now=now)
    pdf_na_commit(overeenkomst)
    return overeenkomst


def _ontvangstbewijs(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> None:
    """The sender's receipt: the reference, the date, who approves how and the terms."""
    uiterlijk = overeenkomst.leerling.overeenkomst_uiterlijk
    send_mail(
        "overeenkomsten/sent_receipt",
        recipients=[door.person],
        event_key=f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:ontvangstbewijs",
        context={
            "overeenkomst": str(overeenkomst),
            "referentie": overeenkomst.referentie,
            "op": vandaag(now),
            "onderneming": str(overeenkomst.onderneming),
            "met_vertegenwoordiger": overeenkomst.met_vertegenwoordiger,
            "links_tot": vandaag(now + dt.timedelta(days=LINK_GELDIG_DAGEN)),
            "uiterlijk": uiterlijk or "",
            "url": page_url(overeenkomst),
        },
    )


def nieuwe_versie_voorleggen(
    overeenkomst: Overeenkomst, *, gewijzigd: list[str], now: datetime
) -> None:
    """After a substantive change: new links, new PDF, and every party hears what changed."""
    _partijen_uitnodigen(overeenkomst, now=now)
    leerling = overeenkomst.leerling
    e_mails = {leerling.e_mail: str(leerling)}
    if overeenkomst.met_vertegenwoordiger:
        e_mails[leerling.vertegenwoordiger_e_mail] = leerling.vertegenwoordiger_naam
    send_mail(
        "overeenkomsten/new_version",
        recipients=werkgevers(overeenkomst.onderneming_id)
        + coaches(overeenkomst.onderwijsinstelling_id),
        event_key=f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:gewijzigd",
        context={
            "overeenkomst": str(overeenkomst),
            "wat": ", ".join(str(w) for w in gewijzigd),
            "versie": overeenkomst.versie,
            "url": page_url(overeenkomst),
        },
        e_mails=e_mails,
    )
    pdf_na_commit(overeenkomst)


def kan_uitnodiging_opnieuw_versturen(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime, partij: str | None = None
) -> Refusals:
    """Every reason why this actor may not send `partij` (without one: any party still to
    approve through a link) a new personal link now."""
    ter_goedkeuring = overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING
    return refusals(
        door.may(
            perms.OVEREENKOMST_OPSTELLEN,
            overeenkomst,
            reason=_("Only a trajectory coach of the learner's school can do this."),
        ),
        refuse_if(not ter_goedkeuring, _("This agreement is not awaiting approval.")),
        refuse_if(
            partij is not None
            and (partij not in PARTIJEN_MET_LINK or partij not in vereiste_partijen(overeenkomst)),
            _("This party does not approve through a link."),
        ),
        refuse_if(
            ter_goedkeuring
            and partij is not None
            and partij in PARTIJEN_MET_LINK
            and heeft_goedgekeurd(overeenkomst, partij),
            _("This party already approved this version."),
        ),
        refuse_if(
            ter_goedkeuring
            and partij is None
            and not any(p in PARTIJEN_MET_LINK for p in open_partijen(overeenkomst)),
            _("The learner's side approved this version already."),
        ),
    )


@guarded_by(kan_uitnodiging_opnieuw_versturen)
@transaction.atomic
def uitnodiging_opnieuw_versturen(
    *, overeenkomst: Overeenkomst, partij: str, door: Actor, now: datetime | None = None
) -> Uitnodiging:
    """A new link for a learner whose link expired or got lost; the old one stops working."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(
        kan_uitnodiging_opnieuw_versturen(overeenkomst, partij=partij, door=door, now=now)
    )
    # A new row (new public id) makes every earlier link for this version invalid.
    Uitnodiging.objects.filter(
        overeenkomst=overeenkomst, versie=overeenkomst.versie, partij=partij
    ).delete()
    return _uitnodigen(overeenkomst, partij, now=now)
