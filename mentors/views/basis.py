"""What is the mentor register's own: who opens the evidence files, the breadcrumbs, and one
action on one visible mentor record, back to the mentor."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal import views as shared
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.models import Onderneming
from mentors.models import Mentor

__all__ = [
    "BESTAND_OPENEN",
    "ActieView",
    "BestandView",
    "eigen_onderneming",
    "is_onderneming",
    "kruimels_voor",
]

# Evidence files (extract, proof of prior education, training certificate) hold personal data:
# only the employer's representative and the reviewing partnership's team open them; read-only
# staff and platform admins see that a file exists, not its content (S7).
BESTAND_OPENEN = perms.UITTREKSEL_BEKIJKEN


def is_onderneming(actor: Actor) -> bool:
    return shared.acts_as(actor, Onderneming)


def eigen_onderneming(actor: Actor) -> Onderneming:
    """The enterprise the actor acts for; other organisations have no mentor register (403)."""
    return shared.acting_as(actor, Onderneming)


def kruimels_voor(actor: Actor, mentor: Mentor | None = None) -> list[shared.Crumb]:
    """Breadcrumbs: the register (enterprises only: others have none), then the mentor."""
    register = (_("Mentors"), reverse("mentors:mentor_list")) if is_onderneming(actor) else None
    return shared.breadcrumbs(register, mentor)


class ActieView(shared.ActieView):
    """One action on one visible mentor record (designation, evidence, training); back to the
    mentor."""

    def terug_url(self) -> str:
        return self.mentor().get_absolute_url()

    def mentor(self) -> Mentor:
        return self.object.mentor

    def kruimels(self) -> list[shared.Crumb]:
        return kruimels_voor(self.request.actor, self.mentor())


class BestandView(shared.FileView):
    """One evidence file, opened only by the roles that may see its content."""

    permission = BESTAND_OPENEN
