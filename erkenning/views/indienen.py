"""Submitting an application: check your answers (every answer with a link to change it),
sign and submit from that page, then a receipt with the reference, the date, what happens
next and the term that runs."""

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.samenvatting import Antwoord, Rubriek, SamenvattingMixin
from duaal.workflow import Refusals
from erkenning import selectors
from erkenning.constants import AanvraagStatus
from erkenning.forms import IndienenForm
from erkenning.models import Aanvraag
from erkenning.services import aanvraag_indienen, kan_aanvraag_bewerken, kan_aanvraag_indienen

from .basis import AanvraagActieView, IndienerMixin, kruimels_voor
from .documenten import documenten_per_vereiste


def samenvatting(aanvraag: Aanvraag) -> list[Rubriek]:
    """Every answer of the application as the partnership will read it."""
    bewerken = reverse("erkenning:aanvraag_bewerken", kwargs={"public_id": aanvraag.public_id})
    document = reverse("erkenning:aanvraag_document", kwargs={"public_id": aanvraag.public_id})
    criteriaset = selectors.criteria_van(aanvraag)
    mentoren = list(aanvraag.mentoren.order_by("achternaam", "voornaam", "pk"))
    algemeen = Rubriek(
        _("Application"),
        [
            Antwoord(_("Kind"), aanvraag.get_soort_display()),
            Antwoord(_("Enterprise"), str(aanvraag.onderneming)),
            Antwoord(_("Establishment"), str(aanvraag.vestiging)),
            Antwoord(_("Programme"), str(aanvraag.opleiding)),
            Antwoord(_("Competent partnership"), str(aanvraag.partnerschap)),
        ],
    )
    criteria = Rubriek(
        _("Criteria"),
        [
            Antwoord(
                str(a.criterium.omschrijving),
                (_("Met") if a.voldaan else _("Not met"))
                + (f" – {a.toelichting}" if a.toelichting else ""),
                f"{bewerken}#id_voldaan_{a.criterium_id}",
            )
            for a in selectors.antwoorden_van(aanvraag, criteriaset)
        ],
    )
    namen = ", ".join(str(m) for m in mentoren) or _("none yet")
    mentorrubriek = Rubriek(
        _("Mentors"), [Antwoord(_("Named mentors"), namen, f"{bewerken}#id_mentoren_0")]
    )
    documenten = Rubriek(_("Documents"))
    for rij in documenten_per_vereiste(
        criteriaset.vereisten, list(aanvraag.documenten.select_related("mentor")), mentoren
    ):
        opgeladen = [
            f"{d.mentor}: {_('uploaded')}" if d.mentor_id else _("uploaded")
            for d in rij["opgeladen"]
        ]
        ontbreekt = [_("missing: %(wat)s") % {"wat": w} for w in rij["ontbreekt"]]
        documenten.antwoorden.append(
            Antwoord(
                str(rij["vereist"].naam),
                "; ".join(opgeladen + ontbreekt),
                f"{document}#id_vereist",
            )
        )
    return [algemeen, criteria, mentorrubriek, *([documenten] if documenten.antwoorden else [])]


class AanvraagIndienenView(SamenvattingMixin, IndienerMixin, AanvraagActieView):
    """Check your answers, sign the declaration on honour and submit, or resubmit after a
    request (R4, R7). The guard is the one check; a stale summary is shown again."""

    permission = perms.AANVRAAG_INDIENEN
    form_class = IndienenForm
    template_name = "erkenning/aanvraag_indienen.html"
    titel = gettext_lazy("Check your answers and submit")
    uitleg = gettext_lazy(
        "Check every answer below; change what is not right. The application then goes to "
        "the competent partnership, which first checks whether the file is complete. The "
        "decision term starts once it is."
    )
    knop = gettext_lazy("Sign and submit")

    def tekorten(self) -> list[str]:
        if not hasattr(self, "_tekorten"):
            self._tekorten = selectors.ontbrekende_onderdelen(self.object)
        return self._tekorten

    def rubrieken(self) -> list[Rubriek]:
        if not kan_aanvraag_bewerken(
            self.object, door=self.request.actor, now=timezone.now()
        ).allowed:
            return []  # submitted or decided: nothing to check any more
        return samenvatting(self.object)

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return []  # the check-your-answers sections show it all

    def guard(self) -> Refusals:
        return kan_aanvraag_indienen(self.object, door=self.request.actor, now=timezone.now())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        bewerkbaar = kan_aanvraag_bewerken(
            self.object, door=self.request.actor, now=timezone.now()
        ).allowed
        return super().get_context_data(
            tekorten=self.tekorten() if bewerkbaar else [],
            ontbrekend=self.object.ontbrekend
            if self.object.status == AanvraagStatus.ONVOLLEDIG
            else "",
            **kwargs,
        )

    def uitvoeren(self, form: IndienenForm) -> Aanvraag:
        return aanvraag_indienen(
            aanvraag=self.object,
            door=self.request.actor,
            verklaring_op_eer=form.cleaned_data["verklaring_op_eer"],
        )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Application submitted to %(partnerschap)s.") % {
            "partnerschap": aanvraag.partnerschap
        }

    def succes_url(self, aanvraag: Aanvraag) -> str:
        return reverse("erkenning:aanvraag_bevestiging", kwargs={"public_id": aanvraag.public_id})


class AanvraagBevestigingView(VisibleObjectMixin, TemplateView):
    """The receipt of a submitted application: reference, date, what happens next, the term."""

    permission = perms.AANVRAAG_BEKIJKEN
    template_name = "erkenning/aanvraag_bevestiging.html"
    queryset = Aanvraag.objects.select_related("partnerschap", "vestiging", "opleiding")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        aanvraag = self.object
        if aanvraag.ingediend_op is None:
            raise Http404  # nothing submitted yet: no receipt
        return super().get_context_data(
            aanvraag=aanvraag,
            dagen=aanvraag.partnerschap.beslistermijn_dagen,
            kruimels=kruimels_voor(
                self.request.actor, (str(aanvraag), aanvraag.get_absolute_url())
            ),
            **kwargs,
        )


__all__ = ["AanvraagBevestigingView", "AanvraagIndienenView", "samenvatting"]
