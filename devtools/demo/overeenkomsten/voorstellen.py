"""The demo's open proposal: Sara, still looking, is proposed to Woonzorgcentrum De Linde Gent
and awaits the employer's answer (R48)."""

from overeenkomsten.constants import LeerlingStatus, VoorstelStatus
from overeenkomsten.models import Leerling, Voorstel
from overeenkomsten.services import voorstel_doen_op_nummer

from .basis import Demo


def sara_voorgesteld(demo: Demo) -> None:
    """Proposed yesterday by the coach; idempotent (one proposal is enough)."""
    sara = Leerling.objects.filter(
        onderwijsinstelling=demo.school, e_mail="sara.elamrani@leerling.demo.duaal.be"
    ).first()
    if sara is None or sara.status != LeerlingStatus.GOEDGEKEURD:
        return
    if Voorstel.objects.filter(leerling=sara, status=VoorstelStatus.VOORGESTELD).exists():
        return
    voorstel_doen_op_nummer(
        leerling=sara,
        nummer=demo.gent.vestigingseenheidsnummer,
        bericht="Sara zoekt een werkplek in de ouderenzorg en kan meteen starten.",
        door=demo.coach,
        now=demo.t(-1),
    )
