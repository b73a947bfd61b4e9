"""The learner approves their agreement from their own dossier ("Mijn dossier"): logged in with
the government login, they act in their own person, without a membership; the account's
national number makes them the agreement's learner. Recording is the personal link's own
(goedkeuring_vastleggen, or confirming a signature on paper recorded in their name)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts.actor import Actor
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten.constants import OPEN_VOOR_BEVESTIGING, OvereenkomstStatus, Partij
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging
from overeenkomsten.partijen import heeft_goedgekeurd, te_bevestigen_van

from .common import andere_partij_weigering, is_de_leerling
from .goedkeuring import gelezen_versie
from .ondertekenen import goedkeuring_vastleggen

# Why it is not the learner's turn, by the agreement's status (awaiting approval: see below).
_NIET_AAN_DE_BEURT: dict[str, str | Promise] = {
    OvereenkomstStatus.ONTWERP: gettext_lazy(
        "The school has not sent this agreement for approval yet."
    ),
    OvereenkomstStatus.TE_BEVESTIGEN: gettext_lazy(
        "Every party approved; a signature recorded on paper still awaits its party's confirmation."
    ),
    OvereenkomstStatus.ONDERTEKEND: gettext_lazy("This agreement is already signed."),
    OvereenkomstStatus.BEEINDIGD: gettext_lazy("This agreement has ended."),
    OvereenkomstStatus.AFGELOPEN: gettext_lazy("This agreement has ended."),
    OvereenkomstStatus.GEANNULEERD: gettext_lazy("This agreement was cancelled."),
}


def _aan_de_beurt(overeenkomst: Overeenkomst, opgenomen: Goedkeuring | None) -> str | None:
    """Why the learner has nothing to approve now, or None. A signature on paper recorded in
    their name is theirs to confirm while the agreement is open for it."""
    if opgenomen is not None and overeenkomst.status in OPEN_VOOR_BEVESTIGING:
        return None
    if overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING:
        return str(
            _NIET_AAN_DE_BEURT.get(
                overeenkomst.status, gettext_lazy("This agreement is not awaiting approval.")
            )
        )
    return refuse_if(
        heeft_goedgekeurd(overeenkomst, Partij.LEERLING),
        _("You already approved this version. The other parties still have to approve it."),
    )


def kan_goedkeuren_als_leerling(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this person may not approve, as the learner, the current version now:
    it must be their own agreement, and their turn (sent, awaiting approval, not approved by
    them yet; or a signature on paper recorded in their name to confirm), and they never acted
    for another party of it."""
    persoon = door.user
    if persoon is None or not is_de_leerling(persoon, overeenkomst):
        return refusals(_("Only the learner of this agreement approves it here."))
    return refusals(
        _aan_de_beurt(overeenkomst, te_bevestigen_van(overeenkomst, Partij.LEERLING)),
        andere_partij_weigering(door, overeenkomst, Partij.LEERLING),
    )


@guarded_by(kan_goedkeuren_als_leerling)
@transaction.atomic
def goedkeuren_als_leerling(
    *, overeenkomst: Overeenkomst, versie: int, door: Actor, now: datetime | None = None
) -> Goedkeuring:
    """The learner approves the version they read in their dossier. When a signature on paper
    was recorded in their name, approving is confirming it, as through the personal link."""
    # Imported here: the confirmation services build on the recording module.
    from .bevestiging import bevestiging_vastleggen

    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_goedkeuren_als_leerling(overeenkomst, door=door, now=now))
    gelezen_versie(overeenkomst, versie)
    # The learner's personal link for this version has done its work: its page would offer an
    # approval that is refused now (after signing it still offers the signed copy).
    Uitnodiging.objects.filter(
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        partij=Partij.LEERLING,
        gebruikt_op__isnull=True,
    ).update(gebruikt_op=now)
    if (opgenomen := te_bevestigen_van(overeenkomst, Partij.LEERLING)) is not None:
        return bevestiging_vastleggen(opgenomen, overeenkomst, door=door, now=now)
    return goedkeuring_vastleggen(
        overeenkomst, partij=Partij.LEERLING, naam=str(overeenkomst.leerling), door=door, now=now
    )
