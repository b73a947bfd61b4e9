"""Proposals: the coach proposes a learner from the learner's page; the employer reads the
minimum about the learner and accepts or refuses; the coach may withdraw (R48)."""

from typing import Any

from django.forms import Form
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.forms import ConfirmForm
from duaal.views import keuzes_ophalen, pagina, vandaag_nu
from duaal.workflow import Refusals
from overeenkomsten import selectors
from overeenkomsten.forms_voorstel import AanvaardenForm, VoorstelForm, WeigerenForm
from overeenkomsten.models import Voorstel
from overeenkomsten.services import (
    kan_beantwoorden,
    kan_intrekken,
    kan_voorstellen,
    voorstel_aanvaarden,
    voorstel_doen,
    voorstel_doen_op_nummer,
    voorstel_intrekken,
    voorstel_weigeren,
)

from .basis import ActieView, LeerlingActieView
from .leerling import DOSSIER
from .voorstel_weergave import adressaat

# Everyone of the school or enterprise who may see learners sees the proposals they concern.
LEZEN = perms.LEERLING_BEKIJKEN


def kruimels_voorstel(voorstel: Voorstel | None = None) -> list[tuple[Any, str]]:
    kruimels: list[tuple[Any, str]] = [
        (gettext_lazy("Proposals"), reverse("overeenkomsten:voorstel_list"))
    ]
    if voorstel is not None:
        kruimels.append((str(voorstel), voorstel.get_absolute_url()))
    return kruimels


def _minimum(voorstel: Voorstel) -> list[tuple[Any, Any]]:
    """What the employer may know before accepting: name, programme, start of lessons (no
    INSZ, no address, no date of birth)."""
    leerling = voorstel.leerling
    return [
        (gettext_lazy("Learner"), f"{leerling.voornaam} {leerling.achternaam}"),
        (gettext_lazy("Programme"), voorstel.opleiding.officiele_naam),
        (gettext_lazy("Start of lessons"), leerling.start_lessen.strftime("%d/%m/%Y")),
        (gettext_lazy("Proposed by"), voorstel.onderwijsinstelling.naam),
        (gettext_lazy("Answer by"), voorstel.vervalt_op.strftime("%d/%m/%Y")),
    ]


class VoorstelDoenView(LeerlingActieView):
    permission = DOSSIER
    form_class = VoorstelForm
    titel = gettext_lazy("Propose to a workplace")
    uitleg = gettext_lazy(
        "The employer reads the learner's name, programme and start of lessons, and accepts "
        "or refuses. Only once it accepts is the learner approved for the workplace and can "
        "the agreement be drafted."
    )
    knop = gettext_lazy("Send the proposal")

    def guard(self) -> Refusals:
        return kan_voorstellen(self.object, door=self.request.actor, now=timezone.now())

    def get_form_kwargs(self) -> dict[str, Any]:
        leerling = self.object
        vestigingen = selectors.werkplekken_voor(
            leerling.opleiding,
            onderwijsinstelling_id=leerling.onderwijsinstelling_id,
            op=vandaag_nu(),
        )
        return {**super().get_form_kwargs(), "vestigingen": vestigingen}

    def get_form(self, form_class=None) -> Form:
        form = super().get_form(form_class)
        keuzes_ophalen(form.fields["vestiging"])
        return form

    def uitvoeren(self, form: VoorstelForm) -> Voorstel:
        gegevens = form.cleaned_data
        if gegevens["vestiging"] is not None:
            return voorstel_doen(
                leerling=self.object,
                vestiging=gegevens["vestiging"],
                bericht=gegevens["bericht"],
                door=self.request.actor,
            )
        return voorstel_doen_op_nummer(
            leerling=self.object,
            nummer=gegevens["nummer"],
            bericht=gegevens["bericht"],
            door=self.request.actor,
        )

    def succes_url(self, voorstel: Voorstel) -> str:
        return self.object.get_absolute_url()

    def succesbericht(self, voorstel: Voorstel) -> str:
        # The same words whatever the number named (see voorstel_doen_op_nummer).
        return _("Proposal sent. You are told as soon as the employer answers.")


class VoorstelListView(ActorRequiredMixin, TemplateView):
    """The school's proposals, or those addressed to the enterprise, open ones first."""

    permission = LEZEN
    template_name = "overeenkomsten/voorstel_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = pagina(self.request, selectors.voorstellen_voor(self.request.actor), 50)
        return super().get_context_data(
            page=page,
            rijen=[(v, adressaat(v)) for v in page.object_list],
            **kwargs,
        )


class VoorstelDetailView(VisibleObjectMixin, TemplateView):
    permission = LEZEN
    template_name = "overeenkomsten/voorstel_detail.html"
    queryset = Voorstel.objects.select_related(
        "leerling", "opleiding", "onderwijsinstelling", "onderneming", "vestiging"
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        voorstel, door, now = self.object, self.request.actor, timezone.now()
        actor = self.request.actor
        beantwoorden = intrekken = None
        if actor.has_perm(perms.WERKGEVER_INSTEMMEN):
            beantwoorden = kan_beantwoorden(voorstel, door=door, now=now)
        if actor.has_perm(perms.LEERLING_BEHEREN):
            intrekken = kan_intrekken(voorstel, door=door, now=now)
        return super().get_context_data(
            voorstel=voorstel,
            minimum=_minimum(voorstel),
            adressaat=adressaat(voorstel),
            beantwoorden=beantwoorden,
            intrekken=intrekken,
            school=actor.organisatie_id == voorstel.onderwijsinstelling_id,
            kruimels=kruimels_voorstel(),
            **kwargs,
        )


class VoorstelActieView(ActieView):
    queryset = Voorstel.objects.select_related(
        "leerling__werkplek", "opleiding", "onderwijsinstelling", "onderneming", "vestiging"
    )

    def kruimels(self) -> list[tuple[Any, str]]:
        return kruimels_voorstel(self.object)

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return _minimum(self.object)

    def now(self):
        return timezone.now()


class VoorstelAanvaardenView(VoorstelActieView):
    permission = perms.WERKGEVER_INSTEMMEN
    form_class = AanvaardenForm
    titel = gettext_lazy("Accept the proposal")
    uitleg = gettext_lazy(
        "After your intake interview you choose this learner: the learner is then "
        "approved for your workplace and the school drafts the agreement, which you approve."
    )
    knop = gettext_lazy("Accept")

    def guard(self) -> Refusals:
        return kan_beantwoorden(self.object, door=self.request.actor, now=self.now())

    def get_form_kwargs(self) -> dict[str, Any]:
        voorstel = self.object
        vestigingen = None
        if not voorstel.vestiging_id:
            vestigingen = (
                selectors.erkend_voor(voorstel.opleiding, op=vandaag_nu())
                .filter(onderneming_id=voorstel.onderneming_id)
                .select_related("onderneming")
                .order_by("naam", "pk")
            )
        return {**super().get_form_kwargs(), "vestigingen": vestigingen}

    def get_form(self, form_class=None) -> Form:
        form = super().get_form(form_class)
        if "vestiging" in form.fields:
            keuzes_ophalen(form.fields["vestiging"])
        return form

    def uitvoeren(self, form: AanvaardenForm) -> Voorstel:
        return voorstel_aanvaarden(
            voorstel=self.object,
            vestiging=form.cleaned_data.get("vestiging"),
            intake_op=form.cleaned_data["intake_op"],
            door=self.request.actor,
        )

    def succesbericht(self, voorstel: Voorstel) -> str:
        return _("You accepted the proposal. The school now drafts the agreement.")


class VoorstelWeigerenView(VoorstelActieView):
    permission = perms.WERKGEVER_INSTEMMEN
    form_class = WeigerenForm
    titel = gettext_lazy("Refuse the proposal")
    uitleg = gettext_lazy("The school's coach reads your reason and looks for another workplace.")
    knop = gettext_lazy("Refuse")
    knop_klasse = "btn-danger"
    fout_veld = "reden"

    def guard(self) -> Refusals:
        return kan_beantwoorden(self.object, door=self.request.actor, now=self.now())

    def uitvoeren(self, form: WeigerenForm) -> Voorstel:
        return voorstel_weigeren(
            voorstel=self.object, reden=form.cleaned_data["reden"], door=self.request.actor
        )

    def succesbericht(self, voorstel: Voorstel) -> str:
        return _("You refused the proposal; the school is told your reason.")


class VoorstelIntrekkenView(VoorstelActieView):
    permission = DOSSIER
    form_class = ConfirmForm
    titel = gettext_lazy("Withdraw the proposal")
    uitleg = gettext_lazy("The employer can no longer accept it.")
    knop = gettext_lazy("Withdraw")
    knop_klasse = "btn-outline-danger"

    def guard(self) -> Refusals:
        return kan_intrekken(self.object, door=self.request.actor, now=self.now())

    def uitvoeren(self, form: Form) -> Voorstel:
        return voorstel_intrekken(voorstel=self.object, door=self.request.actor)

    def succesbericht(self, voorstel: Voorstel) -> str:
        return _("The proposal is withdrawn.")


__all__ = [
    "VoorstelAanvaardenView",
    "VoorstelDetailView",
    "VoorstelDoenView",
    "VoorstelIntrekkenView",
    "VoorstelListView",
    "VoorstelWeigerenView",
    "adressaat",
]
