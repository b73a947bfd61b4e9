"""The administrators' dashboard section: the access requests waiting for an answer. A
request made while the organisation had no administrator yet waits here for the first one."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.accounts.selectors import open_toegangsaanvragen

from .dashboard import Actiepunt, Sectie, datum, register


# One query: the employer representative's page has room for exactly one more
# (docs/architecture.md). The department's platform admins manage access in /beheer/.
@register(Rol.VERTEGENWOORDIGER, Rol.SCHOOLBEHEERDER, Rol.PARTNERSCHAPSBEHEERDER, queries=1)
def toegang_secties(actor: Actor, now: datetime) -> list[Sectie]:
    assert actor.organisatie_id is not None  # registered for roles of an organisation
    return [
        Sectie(
            titel=_("Requests for access"),
            leeg="",
            punten=[
                Actiepunt(
                    titel=f"{a.user} ({a.user.email})",
                    url=reverse("accounts:toegangsaanvraag_toekennen", args=[a.public_id]),
                    toelichting=a.toelichting or _("Asks access to your organisation."),
                    termijn=datum(a.created_at.date()),
                )
                for a in open_toegangsaanvragen(actor.organisatie_id)
            ],
            volgorde=5,
        )
    ]
