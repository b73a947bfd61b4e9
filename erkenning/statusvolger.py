"""The status trackers of an application and of a recognition (duaal.statusvolger), built from
what their pages already loaded: the file with its partnership, and its timeline."""

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from duaal.audit.models import Event
from duaal.statusvolger import Statusvolger, Termijn, dag_van, laatst, statusvolger, termijn
from erkenning.constants import (
    AANVRAAG_OVERGANGEN,
    ERKENNING_OVERGANGEN,
    HERNIEUWING_HERINNERINGEN,
    LOPEND,
    AanvraagStatus,
    AuditVerb,
    ErkenningStatus,
)
from erkenning.models import Aanvraag, Erkenning


def _aanvraag_termijn(aanvraag: Aanvraag, *, op: dt.date) -> Termijn | None:
    """R16: the decision term of a complete file, due soon once the partnership's reminder
    is due; R27: the appeal term of a refusal, while it runs."""
    if aanvraag.status == AanvraagStatus.VOLLEDIG and aanvraag.beslissing_uiterlijk_op:
        herinnering = aanvraag.partnerschap.herinnering_dagen_voor_termijn
        return termijn(
            aanvraag.beslissing_uiterlijk_op,
            label=_("decision due by %(d)s"),
            op=op,
            nadert_tot=op + dt.timedelta(days=herinnering),
        )
    uiterlijk = aanvraag.beroep_uiterlijk_op
    if aanvraag.status == AanvraagStatus.AFGEWEZEN and uiterlijk and uiterlijk >= op:
        return termijn(uiterlijk, label=_("appeal possible until %(d)s"), op=op)
    return None


def aanvraag_volger(aanvraag: Aanvraag, *, timeline: Sequence[Event], op: dt.date) -> Statusvolger:
    """Draft, submitted, complete, approved; with the detour for missing information and the
    exits refused and withdrawn."""
    beslist = dag_van(aanvraag.beslist_op)
    return statusvolger(
        transitions=AANVRAAG_OVERGANGEN,
        start=AanvraagStatus.ONTWERP,
        einde=AanvraagStatus.GOEDGEKEURD,
        status=aanvraag.status,
        labels=dict(AanvraagStatus.choices),
        gedaan_op={
            AanvraagStatus.ONTWERP: laatst(timeline, AuditVerb.AANVRAAG_AANGEMAAKT)
            or dag_van(aanvraag.created_at),
            AanvraagStatus.INGEDIEND: dag_van(aanvraag.ingediend_op),
            AanvraagStatus.ONVOLLEDIG: laatst(timeline, AuditVerb.AANVRAAG_ONVOLLEDIG),
            AanvraagStatus.VOLLEDIG: aanvraag.volledig_op,
            AanvraagStatus.GOEDGEKEURD: beslist,
            AanvraagStatus.AFGEWEZEN: beslist,
            AanvraagStatus.INGETROKKEN: laatst(timeline, AuditVerb.AANVRAAG_INGETROKKEN),
        },
        termijn=_aanvraag_termijn(aanvraag, op=op),
    )


def erkenning_volger(
    erkenning: Erkenning, *, timeline: Sequence[Event], op: dt.date
) -> Statusvolger:
    """Active until it expires (R19), with the detour without a valid mentor (R43) and the
    exits lifted and excluded (R24); the validity runs as the current step's deadline, due
    soon from the first renewal reminder (R20)."""
    einde = dag_van(erkenning.beeindigd_op)
    loopt = erkenning.status in LOPEND
    return statusvolger(
        transitions=ERKENNING_OVERGANGEN,
        start=ErkenningStatus.ACTIEF,
        einde=ErkenningStatus.VERLOPEN,
        status=erkenning.status,
        labels=dict(ErkenningStatus.choices),
        gedaan_op={
            ErkenningStatus.ACTIEF: erkenning.geldig_van,
            ErkenningStatus.ZONDER_GELDIGE_MENTOR: laatst(
                timeline, AuditVerb.ERKENNING_ZONDER_GELDIGE_MENTOR
            ),
            ErkenningStatus.VERLOPEN: einde or erkenning.geldig_tot,
            ErkenningStatus.OPGEHEVEN: einde,
            ErkenningStatus.UITGESLOTEN: einde,
        },
        termijn=termijn(
            erkenning.geldig_tot,
            label=_("valid until %(d)s"),
            op=op,
            nadert_tot=op + dt.timedelta(days=max(HERNIEUWING_HERINNERINGEN)),
        )
        if loopt
        else None,
    )
