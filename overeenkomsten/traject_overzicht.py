"""The trajectory as the agreement page and the model agreement show it: each phase with the
agreement covering it, and the model's phase line. The rules: traject.py."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from duaal.organisaties.models import OpleidingsFase
from duaal.organisaties.programmaregels import opleidingsregels_voor

from .constants import OvereenkomstStatus
from .models import Overeenkomst
from .traject import STAANDE


def datum(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class FaseRegel:
    """One phase of the trajectory as the agreement page shows it."""

    volgorde: int
    naam: str
    context: str
    overeenkomst: Overeenkomst | None
    zichtbaar: bool
    huidig: bool


def traject_overzicht(
    overeenkomst: Overeenkomst, zichtbaar: QuerySet[Overeenkomst]
) -> list[FaseRegel]:
    """The trajectory's phases with the agreement covering each; `zichtbaar` are the
    agreements the viewer may see (an employer sees another employer's phase only as
    covered, never who or what)."""
    if overeenkomst.traject_id is None:
        return []
    regels = opleidingsregels_voor(
        overeenkomst.opleiding, op=overeenkomst.verstuurd_op or timezone.now()
    )
    overeenkomsten = list(
        Overeenkomst.objects.filter(traject_id=overeenkomst.traject_id)
        .filter(Q(status__in=STAANDE) | Q(status=OvereenkomstStatus.BEEINDIGD))
        .select_related("onderneming", "vestiging")
        .order_by("fase_volgorde", "start")
    )
    mag = set(zichtbaar.filter(pk__in=[o.pk for o in overeenkomsten]).values_list("pk", flat=True))
    rijen = []
    for fase in regels.fases:
        van_fase = [o for o in overeenkomsten if o.fase_volgorde == fase.volgorde]
        o = van_fase[-1] if van_fase else None
        rijen.append(
            FaseRegel(
                volgorde=fase.volgorde,
                naam=fase.naam,
                context=fase.context_label,
                overeenkomst=o,
                zichtbaar=o is not None and o.pk in mag,
                huidig=o is not None and o.pk == overeenkomst.pk,
            )
        )
    return rijen


def fase_tekst(overeenkomst: Overeenkomst) -> str:
    """The model agreement's line for its phase, in the model's language (Dutch):
    "Fase 1 van 2: residentiële setting, van 01/09/2026 tot 31/01/2027"."""
    if overeenkomst.fase_volgorde is None:
        return ""
    fases = OpleidingsFase.objects.filter(regels__opleiding_id=overeenkomst.opleiding_id)
    if overeenkomst.regelversie_id:
        fases = fases.filter(regels_id=overeenkomst.regelversie_id)
        rijen = list(fases.order_by("volgorde"))
    else:
        regels = opleidingsregels_voor(
            overeenkomst.opleiding, op=overeenkomst.verstuurd_op or timezone.now()
        )
        rijen = [f for f in fases.filter(regels_id=regels.versie_id).order_by("volgorde")]
    fase = next((f for f in rijen if f.volgorde == overeenkomst.fase_volgorde), None)
    if fase is None:
        return ""
    naam = fase.naam[:1].lower() + fase.naam[1:]
    return (
        f"Fase {fase.volgorde} van {len(rijen)}: {naam}, "
        f"van {datum(overeenkomst.start)} tot {datum(overeenkomst.einde)}"
    )
