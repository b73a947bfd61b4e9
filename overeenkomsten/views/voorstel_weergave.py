"""How a proposal's addressee is shown on the school's and the employer's screens."""

from django.utils.translation import gettext as _

from overeenkomsten.constants import VoorstelStatus
from overeenkomsten.models import Voorstel


def adressaat(voorstel: Voorstel) -> str:
    """The addressee as the school may see it: a typed number stays a number until the
    employer answers, so the list never tells whether an unlisted workplace exists."""
    if voorstel.nummer and voorstel.status in (
        VoorstelStatus.VOORGESTELD,
        VoorstelStatus.VERVALLEN,
        VoorstelStatus.INGETROKKEN,
    ):
        return _("workplace number %(nummer)s") % {"nummer": voorstel.nummer}
    if voorstel.vestiging_id:
        return f"{voorstel.onderneming.naam} – {voorstel.vestiging.naam}"
    return voorstel.onderneming.naam if voorstel.onderneming_id else voorstel.nummer
