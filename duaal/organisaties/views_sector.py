"""The employer declares its sector to a partnership; the partnership confirms or refuses it
(duaal/organisaties/sector.py). Thin views: the guard decides what the page offers."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import AUTHENTICATED, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.forms import PortalForm, text_field
from duaal.views import ActieView, Crumb
from duaal.workflow import Refusals

from .models import Onderneming, Partnerschap
from .opleidingsregels import Sector, SectorVerklaring
from .sector import (
    kan_sector_beoordelen,
    kan_sector_verklaren,
    sector_bevestigen,
    sector_verklaren,
    sector_weigeren,
)


class SectorVerklarenForm(PortalForm):
    partnerschap = forms.ModelChoiceField(
        label=gettext_lazy("Partnership"),
        queryset=Partnerschap.objects.order_by("naam", "pk"),
        to_field_name="public_id",
        help_text=gettext_lazy("The partnership of the programme whose alternative you need."),
        error_messages={"required": gettext_lazy("Choose the partnership.")},
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("Sector"),
        choices=[("", "---------"), *Sector.choices],
        error_messages={"required": gettext_lazy("Choose your sector.")},
    )


class SectorBevestigenForm(PortalForm):
    bevestigd = forms.BooleanField(
        label=gettext_lazy("I checked that the enterprise belongs to this sector"),
        error_messages={"required": gettext_lazy("Tick the box to confirm the sector.")},
    )


class SectorWeigerenForm(PortalForm):
    reden = text_field(gettext_lazy("Why the sector is refused"), "", required=True, rows=3)


class SectorVerklarenView(ActieView):
    """On the enterprise page: declare the sector to a partnership."""

    permission = perms.ONDERNEMING_BEHEREN
    queryset = Onderneming.objects.all()
    form_class = SectorVerklarenForm
    titel = gettext_lazy("Declare your sector")
    uitleg = gettext_lazy(
        "Some programmes allow another contract type for employers of named sectors (for "
        "example a part-time employment contract funded by the Sociale Maribel). The "
        "partnership confirms your sector first; you get a mail with its answer."
    )
    knop = gettext_lazy("Declare the sector")

    def kruimels(self) -> list[Crumb]:
        return [(self.object.naam, self.object.get_absolute_url())]

    def guard(self) -> Refusals:
        form = getattr(self, "_form", None)
        gegevens = form.cleaned_data if form is not None and hasattr(form, "cleaned_data") else {}
        return kan_sector_verklaren(
            self.object,
            partnerschap=gegevens.get("partnerschap"),
            sector=gegevens.get("sector"),
            door=self.request.actor,
            now=timezone.now(),
        )

    def get_form(self, form_class: Any = None) -> Any:
        self._form = super().get_form(form_class)
        return self._form

    def uitvoeren(self, form: forms.Form) -> SectorVerklaring:
        return sector_verklaren(
            onderneming=self.object,
            partnerschap=form.cleaned_data["partnerschap"],
            sector=form.cleaned_data["sector"],
            door=self.request.actor,
        )

    def succes_url(self, resultaat: Any) -> str:
        return str(self.object.get_absolute_url())

    def succesbericht(self, resultaat: Any) -> str:
        return _("Sector declared to %(partnerschap)s; it confirms or refuses it.") % {
            "partnerschap": resultaat.partnerschap
        }


class SectorVerklaringDetailView(VisibleObjectMixin, TemplateView):
    """The declaration and its answer; the enterprise and the partnership see it (the queryset
    decides), the partnership's reviewers find the buttons to answer here."""

    permission = AUTHENTICATED
    queryset = SectorVerklaring.objects.select_related("onderneming", "partnerschap")
    template_name = "organisaties/sectorverklaring_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            verklaring=self.object,
            beoordelen=kan_sector_beoordelen(
                self.object, door=self.request.actor, now=timezone.now()
            ).allowed,
            **kwargs,
        )


class _BeoordelenView(ActieView):
    permission = perms.AANVRAAG_BEOORDELEN
    queryset = SectorVerklaring.objects.select_related("onderneming", "partnerschap")

    def kruimels(self) -> list[Crumb]:
        return [(_("Sector declaration"), self.object.get_absolute_url())]

    def guard(self) -> Refusals:
        return kan_sector_beoordelen(self.object, door=self.request.actor, now=timezone.now())

    def samenvatting(self) -> list[tuple[Any, Any]]:
        v = self.object
        return [
            (gettext_lazy("Enterprise"), v.onderneming.naam),
            (gettext_lazy("Sector"), v.get_sector_display()),
            (gettext_lazy("Declared at"), timezone.localtime(v.verklaard_op).strftime("%d/%m/%Y")),
        ]


class SectorBevestigenView(_BeoordelenView):
    form_class = SectorBevestigenForm
    titel = gettext_lazy("Confirm the sector")
    knop = gettext_lazy("Confirm")

    def uitvoeren(self, form: forms.Form) -> SectorVerklaring:
        return sector_bevestigen(verklaring=self.object, door=self.request.actor)

    def succesbericht(self, resultaat: Any) -> str:
        return _("Sector confirmed; the employer was mailed.")


class SectorWeigerenView(_BeoordelenView):
    form_class = SectorWeigerenForm
    titel = gettext_lazy("Refuse the sector")
    knop = gettext_lazy("Refuse")
    knop_klasse = "btn-danger"

    def uitvoeren(self, form: forms.Form) -> SectorVerklaring:
        return sector_weigeren(
            verklaring=self.object, reden=form.cleaned_data["reden"], door=self.request.actor
        )

    def succesbericht(self, resultaat: Any) -> str:
        return _("Sector refused; the employer was mailed the reason.")
