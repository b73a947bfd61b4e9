"""Asking the party a signature on paper names to confirm it (R59): the employer's
representatives by mail, the learner or the legal representative through a fresh personal
link; and the daily sweep that asks every party whose confirmation was never requested (the
signatures the data migration marked)."""

import datetime as dt
import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.accounts.selectors import gebruikers_van
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import send_mail
from duaal.workflow import system_sweep
from overeenkomsten.constants import (
    LINK_GELDIG_DAGEN,
    OPEN_VOOR_BEVESTIGING,
    UITNODIGING_LINK,
    Bevestiging,
    Partij,
)
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging

logger = logging.getLogger(__name__)


def _pagina(overeenkomst: Overeenkomst) -> str:
    return settings.PORTAAL_URL + overeenkomst.get_absolute_url()


def _werkgever_vragen(goedkeuring: Goedkeuring, overeenkomst: Overeenkomst) -> None:
    for werkgever in gebruikers_van(overeenkomst.onderneming_id, Rol.VERTEGENWOORDIGER):
        send_mail(
            "overeenkomsten/confirm_signature_employer",
            recipients=[werkgever],
            event_key=f"goedkeuring:{goedkeuring.pk}:bevestigen",
            context={
                "d": goedkeuring.op.date(),
                "school": str(overeenkomst.onderwijsinstelling),
                "ondertekenaar": goedkeuring.naam,
                "overeenkomst": str(overeenkomst),
                "onderneming": str(overeenkomst.onderneming),
                "start": overeenkomst.start,
                "url": _pagina(overeenkomst),
            },
        )


def _via_link_vragen(goedkeuring: Goedkeuring, overeenkomst: Overeenkomst, now: datetime) -> None:
    """A fresh personal link (the earlier one stops working), mailed by reference."""
    leerling = overeenkomst.leerling
    if goedkeuring.partij == Partij.LEERLING:
        naam, e_mail = str(leerling), leerling.e_mail
    else:
        naam, e_mail = leerling.vertegenwoordiger_naam, leerling.vertegenwoordiger_e_mail
    Uitnodiging.objects.filter(
        overeenkomst=overeenkomst, versie=goedkeuring.versie, partij=goedkeuring.partij
    ).delete()
    uitnodiging = Uitnodiging.objects.create(
        overeenkomst=overeenkomst,
        versie=goedkeuring.versie,
        partij=goedkeuring.partij,
        e_mail=e_mail,
        geldig_tot=now + dt.timedelta(days=LINK_GELDIG_DAGEN),
    )
    send_mail(
        "overeenkomsten/confirm_signature_link",
        recipients=[],
        event_key=f"goedkeuring:{goedkeuring.pk}:bevestigen:{now:%Y%m%d%H%M%S}",
        context={
            "d": goedkeuring.op.date(),
            "school": str(overeenkomst.onderwijsinstelling),
            "onderneming": str(overeenkomst.onderneming),
            "opleiding": str(overeenkomst.opleiding),
            "tot": uitnodiging.geldig_tot.date(),
        },
        e_mails={e_mail: naam},
        link=LinkVerwijzing(soort=UITNODIGING_LINK, public_id=uitnodiging.public_id),
    )


def bevestiging_vragen(goedkeuring: Goedkeuring, *, now: datetime) -> None:
    """Ask the party a recorded signature names to confirm it: the employer's representatives
    by mail, the learner or legal representative through a fresh personal link. Must run inside
    the caller's transaction, under the agreement's lock."""
    overeenkomst = goedkeuring.overeenkomst
    if goedkeuring.partij == Partij.WERKGEVER:
        _werkgever_vragen(goedkeuring, overeenkomst)
    else:
        _via_link_vragen(goedkeuring, overeenkomst, now)
    goedkeuring.bevestiging_gevraagd_op = now
    goedkeuring.save(update_fields=["bevestiging_gevraagd_op", "updated_at"])


@system_sweep
def handtekeningen_bevestiging_vragen(*, now: datetime | None = None) -> int:
    """Daily sweep: ask every party whose signature awaits its confirmation but was never
    asked (the signatures marked by the data migration), while its agreement still awaits
    approval or confirmation of that version (an ended one has nothing left to confirm).
    Idempotent: an asked signature has `bevestiging_gevraagd_op`, and one agreement's failure
    does not stop the others."""
    now = now or timezone.now()
    gevraagd = 0
    te_vragen = Goedkeuring.objects.filter(
        bevestiging=Bevestiging.TE_BEVESTIGEN,
        bevestiging_gevraagd_op__isnull=True,
        overeenkomst__status__in=OPEN_VOOR_BEVESTIGING,
        versie=F("overeenkomst__versie"),
    ).order_by("created_at")
    for goedkeuring_id, overeenkomst_id in list(te_vragen.values_list("pk", "overeenkomst_id")):
        try:
            with transaction.atomic():
                gevraagd += _vragen_als_nog_niet(goedkeuring_id, overeenkomst_id, now=now)
        except Exception:
            logger.exception("asking to confirm signature %s failed", goedkeuring_id)
    return gevraagd


def _vragen_als_nog_niet(goedkeuring_id: int, overeenkomst_id: int, *, now: datetime) -> int:
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst_id)
    goedkeuring = Goedkeuring.objects.select_for_update().get(pk=goedkeuring_id)
    # Re-checked under the lock: a concurrent run or an answer may have come first.
    if (
        goedkeuring.bevestiging != Bevestiging.TE_BEVESTIGEN
        or goedkeuring.bevestiging_gevraagd_op is not None
        or overeenkomst.status not in OPEN_VOOR_BEVESTIGING
        or goedkeuring.versie != overeenkomst.versie
    ):
        return 0
    goedkeuring.overeenkomst = overeenkomst
    bevestiging_vragen(goedkeuring, now=now)
    return 1
