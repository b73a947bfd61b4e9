"""What is recognition's own: who opens application documents, the breadcrumbs from the
queue or the list, one action on one visible application, who may file and who may review."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal import views as shared
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.models import Organisatie, Partnerschap
from duaal.workflow import Refusals, refusals
from erkenning.constants import BEWERKBAAR, AanvraagStatus
from erkenning.models import Aanvraag, Machtiging
from erkenning.selectors import dagen_over

__all__ = [
    "BESTAND_OPENEN",
    "INTREKBAAR",
    "AanvraagActieView",
    "ActieView",
    "BeoordelaarMixin",
    "BewerkbaarMixin",
    "IndienerMixin",
    "eigen_organisatie",
    "eigen_partnerschap",
    "handelt_voor",
    "kruimels_voor",
    "met_dagen",
    "soort_van",
]

# Application documents may hold a mentor's 596.2 extract (R8): like the mentor evidence, only
# the employer's representative and the deciding partnership open them (S7).
BESTAND_OPENEN = perms.UITTREKSEL_BEKIJKEN


def soort_van(actor: Actor) -> str | None:
    """The kind of organisation the actor acts for (None: none)."""
    return actor.organisatie_soort


def eigen_organisatie(actor: Actor) -> Organisatie:
    return shared.acting_organisation(actor)


def eigen_partnerschap(actor: Actor) -> Partnerschap:
    """The partnership the actor acts for; other organisations have none (403)."""
    return shared.acting_as(actor, Partnerschap)


def kruimels_voor(actor: Actor, *extra: shared.Crumb) -> list[shared.Crumb]:
    """Breadcrumbs: the list the actor works from, then the objects passed."""
    if actor.has_perm(perms.AANVRAAG_BEOORDELEN) and shared.acts_as(actor, Partnerschap):
        start = (gettext_lazy("Queue"), reverse("erkenning:wachtrij"))
    else:
        start = (gettext_lazy("Applications"), reverse("erkenning:aanvraag_list"))
    return shared.breadcrumbs(start, *extra)


class ActieView(shared.ActieView):
    """One action on one visible application, recognition or sanction; back to the object."""

    def kruimels(self) -> list[shared.Crumb]:
        return kruimels_voor(self.request.actor, (str(self.object), self.terug_url()))


class BeoordelaarMixin:
    """Review actions: only the partnership the application is routed to (R12). Another
    partnership that sees the file under the enterprise's mandate may not review it (403)."""

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        if request.actor.organisatie_id != self.object.partnerschap_id:
            raise PermissionDenied


def met_dagen(aanvragen, *, op: dt.date) -> list[tuple[Aanvraag, int | None, int | None]]:
    """Rows with the days left (negative: overdue) and their distance, for the badges."""
    rijen = []
    for aanvraag in aanvragen:
        dagen = dagen_over(aanvraag, op=op)
        rijen.append((aanvraag, dagen, abs(dagen) if dagen is not None else None))
    return rijen


INTREKBAAR = [AanvraagStatus.ONTWERP, AanvraagStatus.INGEDIEND, AanvraagStatus.ONVOLLEDIG]


class AanvraagActieView(ActieView):
    queryset = Aanvraag.objects.select_related(
        "onderneming", "vestiging", "opleiding", "partnerschap", "ingediend_namens"
    )

    def samenvatting(self) -> list[tuple[Any, Any]]:
        a = self.object
        rijen = [
            (gettext_lazy("Enterprise"), a.onderneming),
            (gettext_lazy("Establishment"), a.vestiging),
            (gettext_lazy("Programme"), f"{a.opleiding.officiele_naam} ({a.opleiding.code})"),
            (gettext_lazy("Competent partnership"), a.partnerschap),
            (gettext_lazy("Status"), a.get_status_display()),
        ]
        if a.ingediend_namens_id:
            rijen.append((gettext_lazy("Filed under mandate by"), a.ingediend_namens))
        return rijen


def handelt_voor(actor: Actor, aanvraag: Aanvraag) -> bool:
    """The enterprise itself, or a school or partnership holding its live mandate (R4). A
    revoked mandate still shows what the organisation filed, but no longer lets it act."""
    if actor.organisatie_id == aanvraag.onderneming_id:
        return True
    return Machtiging.objects.filter(
        onderneming_id=aanvraag.onderneming_id,
        gemachtigde_id=actor.organisatie_id,
        ingetrokken_op__isnull=True,
        voor_aanvragen=True,
    ).exists()


class IndienerMixin:
    """Filing actions: only for whom `handelt_voor` the enterprise (else 403)."""

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        if not handelt_voor(request.actor, self.object):
            raise PermissionDenied


class BewerkbaarMixin:
    """Changes to the file (data, documents) only while the application is editable."""

    def guard(self) -> Refusals:
        bewerkbaar = None
        if self.object.status not in BEWERKBAAR:
            bewerkbaar = _("The application can no longer be changed: it is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        return refusals(bewerkbaar, super().guard())
