"""What every mentor screen shares: the acting enterprise, the breadcrumbs, one action on one
visible mentor record, the evidence files."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from duaal import views as shared
from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import Onderneming
from duaal.views import bestand_response
from mentors.models import Mentor

# Evidence files (extract, proof of prior education, training certificate) hold personal data:
# only the employer's representative and the reviewing partnership's team open them; read-only
# staff and platform admins see that a file exists, not its content (S7).
BESTAND_OPENEN = perms.UITTREKSEL_BEKIJKEN


def is_onderneming(actor: Actor) -> bool:
    membership = actor.membership
    return membership is not None and membership.organisatie.soort == OrganisatieSoort.ONDERNEMING


def eigen_onderneming(actor: Actor) -> Onderneming:
    """The enterprise the actor acts for; other organisations have no mentor register (403)."""
    if not is_onderneming(actor):
        raise PermissionDenied
    return Onderneming.objects.get(pk=actor.organisatie_id)


def kruimels_voor(actor: Actor, mentor: Mentor | None = None) -> list[tuple[Any, str]]:
    """Breadcrumbs: the register (enterprises only: others have none), then the mentor."""
    kruimels: list[tuple[Any, str]] = []
    if is_onderneming(actor):
        kruimels.append((_("Mentors"), reverse("mentors:mentor_list")))
    if mentor is not None:
        kruimels.append((str(mentor), mentor.get_absolute_url()))
    return kruimels


class ActieView(shared.ActieView):
    """One action on one visible mentor record (designation, evidence, training); back to the
    mentor."""

    template_name = "mentors/actie_form.html"

    def terug_url(self) -> str:
        return self.mentor().get_absolute_url()

    def mentor(self) -> Mentor:
        return self.object.mentor

    def kruimels(self) -> list[tuple[Any, str]]:
        return kruimels_voor(self.request.actor, self.mentor())


class BestandView(VisibleObjectMixin, View):
    """Download one evidence file, only after the object is visible and the role may open it."""

    permission = BESTAND_OPENEN
    http_method_names = ["get", "head"]
    veld = ""

    def bestandsnaam(self) -> str:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        return bestand_response(getattr(self.object, self.veld), self.bestandsnaam())
