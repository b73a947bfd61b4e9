"""Actions on an agreement: send, approve, paper signature, new link, cancel (R59-R61), and on a
signed one: suspension (R73) and early termination (R74, R76)."""

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts import permissions as perms
from overeenkomsten.constants import (
    PARTIJEN_MET_LINK,
    BeeindigingReden,
    Bevestiging,
    OvereenkomstStatus,
)
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.forms import (
    BeeindigenForm,
    BevestigenForm,
    GoedkeurenForm,
    LinkOpnieuwForm,
    PapierForm,
    SchorsingForm,
)
from overeenkomsten.models import Goedkeuring, Overeenkomst, Schorsing, Uitnodiging
from overeenkomsten.services import (
    goedkeuring_op_papier,
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    overeenkomst_goedkeuren,
    overeenkomst_versturen,
    schorsing_registreren,
    uitnodiging_opnieuw_versturen,
    vereiste_partijen,
)

from .basis import OvereenkomstActieView
from .overeenkomst import eigen_partij


def _niet_ter_goedkeuring(o: Overeenkomst) -> str | None:
    if o.status != OvereenkomstStatus.TER_GOEDKEURING:
        return _("The agreement is not awaiting approval: it is “%(status)s”.") % {
            "status": o.get_status_display()
        }
    return None


def _open_partijen(o: Overeenkomst) -> list[str]:
    """The required parties that have not approved the current version yet."""
    gedaan = set(
        o.goedkeuringen.filter(versie=o.versie)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .values_list("partij", flat=True)
    )
    return [p for p in vereiste_partijen(o) if p not in gedaan]


class VersturenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = BevestigenForm
    titel = gettext_lazy("Send for approval")
    uitleg = gettext_lazy(
        "Every guard is checked again, the timetable included. The employer is notified; the "
        "learner, and the legal representative of a minor, receive a personal link."
    )
    knop = gettext_lazy("Send to the parties")

    def niet_mogelijk(self) -> str | None:
        if self.object.status != OvereenkomstStatus.ONTWERP:
            return _("Only a draft is sent for approval.")
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # What would block sending, before the coach presses the button.
        if self.niet_mogelijk() is None and "form" not in kwargs:
            controle = controleren_overeenkomst(self.object)
            kwargs["bezwaren"] = controle.fouten
            kwargs["waarschuwingen"] = controle.waarschuwingen
        return super().get_context_data(**kwargs)

    def uitvoeren(self, form: Form) -> Overeenkomst:
        return overeenkomst_versturen(overeenkomst=self.object, door=self.request.user)

    def succesbericht(self, o: Overeenkomst) -> str:
        return _("Sent for approval. The parties are notified.")


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

    def niet_mogelijk(self) -> str | None:
        if reden := _niet_ter_goedkeuring(self.object):
            return reden
        partij = eigen_partij(self.request.actor, self.object)
        if partij is not None and partij not in _open_partijen(self.object):
            return _("Your organisation already approved this version.")
        return None

    def get_initial(self) -> dict[str, Any]:
        return {"versie": self.object.versie}

    def form_valid(self, form: GoedkeurenForm) -> HttpResponse:
        try:
            overeenkomst_goedkeuren(
                overeenkomst=self.object,
                versie=form.cleaned_data["versie"],
                door=self.request.user,
            )
        except OvereenkomstFout as fout:
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

    def niet_mogelijk(self) -> str | None:
        if reden := _niet_ter_goedkeuring(self.object):
            return reden
        if not _open_partijen(self.object):
            return _("Every party approved this version.")
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partijen": _open_partijen(self.object)}

    def get_initial(self) -> dict[str, Any]:
        return {"versie": self.object.versie}

    def uitvoeren(self, form: PapierForm) -> Goedkeuring:
        return goedkeuring_op_papier(
            overeenkomst=self.object,
            versie=form.cleaned_data["versie"],
            partij=form.cleaned_data["partij"],
            naam=form.cleaned_data["naam"],
            scan=form.cleaned_data["scan"],
            door=self.request.user,
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
        return [p for p in _open_partijen(self.object) if p in PARTIJEN_MET_LINK]

    def niet_mogelijk(self) -> str | None:
        if reden := _niet_ter_goedkeuring(self.object):
            return reden
        if not self.partijen():
            return _("The learner's side approved this version already.")
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partijen": self.partijen()}

    def uitvoeren(self, form: LinkOpnieuwForm) -> Uitnodiging:
        return uitnodiging_opnieuw_versturen(
            overeenkomst=self.object, partij=form.cleaned_data["partij"], door=self.request.user
        )

    def succesbericht(self, uitnodiging: Uitnodiging) -> str:
        return _("A new link was sent to %(e_mail)s.") % {"e_mail": uitnodiging.e_mail}


class AnnulerenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = BevestigenForm
    titel = gettext_lazy("Withdraw the agreement")
    uitleg = gettext_lazy("Nobody can approve a withdrawn agreement; the employer is told.")
    knop = gettext_lazy("Withdraw")
    knop_klasse = "btn-danger"

    def niet_mogelijk(self) -> str | None:
        if self.object.status not in (
            OvereenkomstStatus.ONTWERP,
            OvereenkomstStatus.TER_GOEDKEURING,
        ):
            return _("Only an agreement nobody signed yet can be withdrawn.")
        return None

    def uitvoeren(self, form: Form) -> Overeenkomst:
        return overeenkomst_annuleren(overeenkomst=self.object, door=self.request.user)

    def succesbericht(self, o: Overeenkomst) -> str:
        return _("The agreement is withdrawn.")


def _niet_ondertekend(o: Overeenkomst) -> str | None:
    if o.status != OvereenkomstStatus.ONDERTEKEND:
        return _("Only a signed, running agreement can be suspended or ended early.")
    return None


class SchorsenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPVOLGEN
    form_class = SchorsingForm
    titel = gettext_lazy("Record a suspension")
    uitleg = gettext_lazy(
        "The learner keeps the allowance, except during a disciplinary suspension. Longer than "
        "14 days, the coach is told (R73)."
    )

    def niet_mogelijk(self) -> str | None:
        return _niet_ondertekend(self.object)

    def uitvoeren(self, form: SchorsingForm) -> Schorsing:
        return schorsing_registreren(
            overeenkomst=self.object, door=self.request.user, **form.cleaned_data
        )

    def succesbericht(self, schorsing: Schorsing) -> str:
        return _("Suspension recorded: %(schorsing)s.") % {"schorsing": schorsing}


class BeeindigenView(OvereenkomstActieView):
    permission = perms.OVEREENKOMST_OPVOLGEN
    form_class = BeeindigenForm
    titel = gettext_lazy("End the agreement early")
    uitleg = gettext_lazy(
        "The reason is recorded and both parties are told. Unless the learner completed the "
        "training, a new agreement is due within 20 training days (R48, R74)."
    )
    knop = gettext_lazy("End the agreement")
    knop_klasse = "btn-danger"

    def niet_mogelijk(self) -> str | None:
        return _niet_ondertekend(self.object)

    def get_initial(self) -> dict[str, Any]:
        if self.object.te_beeindigen_sinds:
            return {"reden": BeeindigingReden.ERKENNING}
        return {}

    def uitvoeren(self, form: BeeindigenForm) -> Overeenkomst:
        return overeenkomst_beeindigen(
            overeenkomst=self.object, door=self.request.user, **form.cleaned_data
        )

    def succesbericht(self, o: Overeenkomst) -> str:
        return _("The agreement ends on %(d)s.") % {"d": o.beeindigd_op.strftime("%d/%m/%Y")}
