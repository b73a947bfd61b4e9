"""Answering a signature on paper recorded for another party: the employer confirms it or
answers "this is not ours" on the agreement page; the competent partnership lists the
signatures awaiting confirmation or disputed for its programmes, with their scans, and may
verify one. Partnerships see no agreement beyond that (S1)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import ActorRequiredMixin
from duaal.accounts import permissions as perms
from duaal.views import pagina
from duaal.workflow import Refusals
from overeenkomsten import selectors
from overeenkomsten.forms import (
    BetwistenForm,
    HandtekeningBevestigenForm,
    HandtekeningVerifierenForm,
)
from overeenkomsten.models import Goedkeuring
from overeenkomsten.services import (
    handtekening_betwisten,
    handtekening_bevestigen,
    handtekening_verifieren,
    kan_handtekening_betwisten,
    kan_handtekening_bevestigen,
    kan_handtekening_verifieren,
)

from .basis import ActieView


class HandtekeningActieView(ActieView):
    """One answer to one recorded signature; the guard says why not (G26)."""

    queryset = Goedkeuring.objects.select_related(
        "overeenkomst__leerling",
        "overeenkomst__onderneming",
        "overeenkomst__onderwijsinstelling",
        "overeenkomst__opleiding",
        "door",
    )
    kan: Any = None

    def guard(self) -> Refusals:
        return type(self).kan(self.object, door=self.request.actor, now=timezone.now())

    def terug_url(self) -> str:
        return self.object.overeenkomst.get_absolute_url()

    def kruimels(self) -> list[tuple[Any, str]]:
        o = self.object.overeenkomst
        return [(str(o), o.get_absolute_url())]

    def samenvatting(self) -> list[tuple[Any, Any]]:
        g, o = self.object, self.object.overeenkomst
        return [
            (_("Agreement"), o),
            (_("Training provider"), o.onderwijsinstelling.naam),
            (_("Version"), g.versie),
            (_("Party"), g.get_partij_display()),
            (_("Signed by (name)"), g.naam),
            (_("Recorded by"), f"{g.door} ({g.op:%d/%m/%Y})" if g.door else ""),
            (_("Confirmation"), g.get_bevestiging_display()),
        ]


class HandtekeningBevestigenView(HandtekeningActieView):
    permission = perms.WERKGEVER_INSTEMMEN
    form_class = HandtekeningBevestigenForm
    kan = kan_handtekening_bevestigen
    titel = gettext_lazy("Confirm the signature on paper")
    uitleg = gettext_lazy(
        "The school recorded that your enterprise signed this agreement on paper. Read the scan "
        "first. Confirm it only if your enterprise really signed this version: from then on it "
        "binds your enterprise."
    )
    knop = gettext_lazy("Yes, we signed this")
    knop_klasse = "btn-success"

    def uitvoeren(self, form: HandtekeningBevestigenForm) -> Goedkeuring:
        return handtekening_bevestigen(goedkeuring=self.object, door=self.request.actor)

    def succesbericht(self, goedkeuring: Goedkeuring) -> str:
        return _("Confirmed: the signature binds your enterprise.")


class HandtekeningBetwistenView(HandtekeningActieView):
    permission = perms.WERKGEVER_INSTEMMEN
    form_class = BetwistenForm
    kan = kan_handtekening_betwisten
    fout_veld = "toelichting"
    titel = gettext_lazy("This is not ours")
    uitleg = gettext_lazy(
        "The signature becomes void and the agreement awaits your approval again. The "
        "partnership and the school are told, with your reason."
    )
    knop = gettext_lazy("This signature is not ours")
    knop_klasse = "btn-danger"

    def uitvoeren(self, form: BetwistenForm) -> Goedkeuring:
        return handtekening_betwisten(
            goedkeuring=self.object,
            toelichting=form.cleaned_data["toelichting"],
            door=self.request.actor,
        )

    def succesbericht(self, goedkeuring: Goedkeuring) -> str:
        return _("The signature is void; the partnership and the school are told.")


class HandtekeningVerifierenView(HandtekeningActieView):
    permission = perms.HANDTEKENING_VERIFIEREN
    form_class = HandtekeningVerifierenForm
    kan = kan_handtekening_verifieren
    titel = gettext_lazy("Verify the signature on paper")
    uitleg = gettext_lazy(
        "Verify only after checking with the party that it signed this version, for instance "
        "by phone or on a visit. The signature then binds that party as if it had confirmed it."
    )
    knop = gettext_lazy("The party signed this: verified")

    def terug_url(self) -> str:
        return reverse("overeenkomsten:handtekening_list")

    def kruimels(self) -> list[tuple[Any, str]]:
        return [(_("Signatures on paper"), self.terug_url())]

    def uitvoeren(self, form: HandtekeningVerifierenForm) -> Goedkeuring:
        return handtekening_verifieren(goedkeuring=self.object, door=self.request.actor)

    def succesbericht(self, goedkeuring: Goedkeuring) -> str:
        return _("Verified: the signature binds the %(partij)s.") % {
            "partij": goedkeuring.get_partij_display()
        }


class HandtekeningListView(ActorRequiredMixin, TemplateView):
    """The partnership's signatures on paper awaiting confirmation or disputed, newest first."""

    permission = perms.HANDTEKENING_VERIFIEREN
    template_name = "overeenkomsten/handtekening_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            page=pagina(self.request, selectors.handtekeningen_voor(self.request.actor), 50),
            **kwargs,
        )
