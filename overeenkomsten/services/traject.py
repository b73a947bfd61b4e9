"""The trajectory's state changes: an agreement joins the learner's trajectory when it is
drafted for a phase, and the end of a phase opens the 20-training-day window (R48) only when
no later phase is signed. The rules themselves: overeenkomsten/traject.py."""

import datetime as dt
from datetime import datetime

from duaal.accounts.actor import SYSTEM
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Overeenkomst, Traject
from overeenkomsten.traject import heeft_latere_fase, volgende_fase_ondertekend


def traject_koppelen(overeenkomst: Overeenkomst, fase_volgorde: int | None) -> None:
    """The first phase's agreement creates the trajectory; the next phases join it. Called
    inside the drafting transaction, under the learner's lock, so two drafts never make two
    trajectories."""
    if fase_volgorde is None:
        return
    traject = (
        Traject.objects.filter(
            leerling_id=overeenkomst.leerling_id, opleiding_id=overeenkomst.opleiding_id
        )
        .order_by("pk")
        .first()
    )
    if traject is None:
        traject = Traject.objects.create(
            leerling_id=overeenkomst.leerling_id, opleiding_id=overeenkomst.opleiding_id
        )
    overeenkomst.traject = traject
    overeenkomst.fase_volgorde = fase_volgorde
    overeenkomst.save(update_fields=["traject", "fase_volgorde", "updated_at"])


def opent_venster(overeenkomst: Overeenkomst) -> bool:
    """R48: the end of an agreement opens a new window, unless a later phase of the same
    trajectory is already signed (the learner goes on under that agreement)."""
    return not volgende_fase_ondertekend(overeenkomst)


def fases_afgelopen(ids: list[int], *, now: datetime) -> int:
    """Called by the end-of-term sweep for the agreements it just closed: a phase that ended
    normally while the programme has a later phase and none is signed leaves the learner
    without an agreement, so the 20-training-day window opens from the next day (R48). An
    agreement without phases, or the last phase, ends the training: no window, as before.
    Runs in the sweep's transaction, once per agreement (the sweep claims each by status)."""
    from .verloop import _venster_herstarten

    geopend = 0
    fases = Overeenkomst.objects.filter(
        pk__in=ids, fase_volgorde__isnull=False, status=OvereenkomstStatus.AFGELOPEN
    ).select_related("leerling")
    for overeenkomst in fases:
        if not heeft_latere_fase(overeenkomst) or volgende_fase_ondertekend(overeenkomst):
            continue
        _venster_herstarten(
            overeenkomst.leerling,
            overeenkomst.einde + dt.timedelta(days=1),
            overeenkomst=overeenkomst,
            door=SYSTEM,
            now=now,
        )
        geopend += 1
    return geopend


__all__ = ["fases_afgelopen", "opent_venster", "traject_koppelen"]
