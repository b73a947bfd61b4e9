"""Actions on an agreement: send, approve, paper signature, new link, cancel (R59-R61), and on a
signed one: suspension (R73) and early termination (R74, R76)."""

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts import permissions as perms
from duaal.exceptions import DomainError
from duaal.forms import ConfirmForm
from duaal.workflow import Refusals
from overeenkomsten.constants import PARTIJEN_MET_LINK, BeeindigingReden
from overeenkomsten.forms import (
    BeeindigenForm,
    GoedkeurenForm,
    LinkOpnieuwForm,
    PapierForm,
    SchorsingForm,
)
from overeenkomsten.models import Goedkeuring, Overeenkomst, Schorsing, Uitnodiging
from overeenkomsten.partijen import open_partijen
from overeenkomsten.services import (
    goedkeuring_op_papier,
    kan_annuleren,
    kan_beeindigen,
    kan_goedkeuren,
    kan_op_papier_vastleggen,
    kan_schorsen,
    kan_uitnodiging_opnieuw_versturen,
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    overeenkomst_goedkeuren,
    schorsing_registreren,
    uitnodiging_opnieuw_versturen,
)

from .basis import OvereenkomstActieView


class GoedkeurenView(OvereenkomstActieView):
    """Approve the version the user read; the form carries that version."""

    permission = perms.OVEREENKOMST_GOEDKEUREN
    form_class = GoedkeurenForm
    titel = gettext_lazy("Approve the agreement")
    knop = gettext_lazy("I approve this agreement")
    knop_klasse = "btn-success"

    @property
    def uitleg(self) -> str:
        return _(
            "You approve version %(v)s as shown on the agreement page and in its PDF, for your "
            "organisation."
        ) % {"v": self.object.versie}

    def guard(self) -> Refusals:
        return kan_goedkeuren(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        return {"versie": self.object.versie}

    def form_valid(self, form: GoedkeurenForm) -> HttpResponse:
        try:
            overeenkomst_goedkeuren(
                overeenkomst=self.object,
                versie=form.cleaned_data["versie"],
                door=self.request.actor,
            )
        except DomainError as fout:
            # Reload rather than re-show: the hidden field must carry the current version.
            messages.error(self.request, fout.message)
            return HttpResponseRedirect(self.request.path)
        messages.success(self.request, _("Your approval is recorded."))
        return HttpResponseRedirect(self.terug_url())


class PapierView(OvereenkomstActieView):
    """A party signed on paper: the coach uploads the scan (signed outside the portal)."""

    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = PapierForm
    titel = gettext_lazy("Signed outside the portal")
    uitleg = gettext_lazy(
        "Upload the scan of the agreement a party signed on paper. For the school it is its "
        "approval of the current version; for any other party it counts only once that party "
        "confirms it (it is asked at once) or the partnership verifies it."
    )
    knop = gettext_lazy("Upload the scan")

    def guard(self) -> Refusals:
        return kan_op_papier_vastleggen(self.object, door=self.request.actor, now=timezone.now())

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partijen": open_partijen(self.object)}

    def get_initial(self) -> dict[str, Any]:
        return {"versie": self.object.versie}

    def uitvoeren(self, form: PapierForm) -> Goedkeuring:
        return goedkeuring_op_papier(
            overeenkomst=self.object,
            versie=form.cleaned_data["versie"],
            partij=form.cleaned_data["partij"],
            naam=form.cleaned_data["naam"],
            scan=form.cleaned_data["scan"],
            door=self.request.actor,
        )

    def succesbericht(self, goedkeuring: Goedkeuring) -> str:
        return _("Recorded: %(partij)s signed outside the portal.") % {
            "partij": goedkeuring.get_partij_display()
        }


class LinkOpnieuwView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = LinkOpnieuwForm
    titel = gettext_lazy("Send a new personal link")
    uitleg = gettext_lazy("The earlier link stops working; the new one is valid for 14 days.")
    knop = gettext_lazy("Send the link")

    def partijen(self) -> list[str]:
        return [p for p in open_partijen(self.object) if p in PARTIJEN_MET_LINK]

    def guard(self) -> Refusals:
        return kan_uitnodiging_opnieuw_versturen(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partijen": self.partijen()}

    def uitvoeren(self, form: LinkOpnieuwForm) -> Uitnodiging:
        return uitnodiging_opnieuw_versturen(
            overeenkomst=self.object, partij=form.cleaned_data["partij"], door=self.request.actor
        )

    def succesbericht(self, uitnodiging: Uitnodiging) -> str:
        return _("A new link was sent to %(e_mail)s.") % {"e_mail": uitnodiging.e_mail}


class AnnulerenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = ConfirmForm
    titel = gettext_lazy("Withdraw the agreement")
    uitleg = gettext_lazy("Nobody can approve a withdrawn agreement; the employer is told.")
    knop = gettext_lazy("Withdraw")
    knop_klasse = "btn-danger"

    def guard(self) -> Refusals:
        return kan_annuleren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: Form) -> Overeenkomst:
        return overeenkomst_annuleren(overeenkomst=self.object, door=self.request.actor)

    def succesbericht(self, o: Overeenkomst) -> str:
        return _("The agreement is withdrawn.")


class SchorsenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPVOLGEN
    form_class = SchorsingForm
    titel = gettext_lazy("Record a suspension")
    uitleg = gettext_lazy(
        "The learner keeps the allowance, except during a disciplinary suspension. Longer than "
        "14 days, the coach is told."
    )

    def guard(self) -> Refusals:
        return kan_schorsen(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: SchorsingForm) -> Schorsing:
        gegevens = form.cleaned_data
        return schorsing_registreren(
            overeenkomst=self.object,
            reden=gegevens["reden"],
            van=gegevens["van"],
            tot=gegevens["tot"],
            toelichting=gegevens["toelichting"],
            door=self.request.actor,
        )

    def succesbericht(self, schorsing: Schorsing) -> str:
        return _("Suspension recorded: %(schorsing)s.") % {"schorsing": schorsing}


class BeeindigenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPVOLGEN
    form_class = BeeindigenForm
    titel = gettext_lazy("End the agreement early")
    uitleg = gettext_lazy(
        "The reason is recorded and both parties are told. Unless the learner completed the "
        "training, a new agreement is due within 20 training days."
    )
    knop = gettext_lazy("End the agreement")
    knop_klasse = "btn-danger"

    def guard(self) -> Refusals:
        return kan_beeindigen(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        if self.object.te_beeindigen_sinds:
            return {"reden": BeeindigingReden.ERKENNING}
        return {}

    def uitvoeren(self, form: BeeindigenForm) -> Overeenkomst:
        gegevens = form.cleaned_data
        return overeenkomst_beeindigen(
            overeenkomst=self.object,
            reden=gegevens["reden"],
            laatste_dag=gegevens["laatste_dag"],
            toelichting=gegevens["toelichting"],
            door=self.request.actor,
        )

    def succesbericht(self, o: Overeenkomst) -> str:
        return _("The agreement ends on %(d)s.") % {"d": o.beeindigd_op.strftime("%d/%m/%Y")}
