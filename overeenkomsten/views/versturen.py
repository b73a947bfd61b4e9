"""Sending an agreement for approval: check your answers (every part of the content with a link
to change it), send from that page, then a receipt with the reference, the date, what happens
next and the term that runs. The receipt never waits for the PDF: it links to the agreement
page, which shows the document once it is made."""

from typing import Any

from django.forms import Form
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.forms import ConfirmForm
from duaal.organisaties.constants import Overeenkomsttype
from duaal.samenvatting import Antwoord, Rubriek, SamenvattingMixin
from duaal.views import vandaag_nu
from duaal.workflow import Refusals
from overeenkomsten.constants import PARTIJEN_MET_LINK, Partij
from overeenkomsten.controles import is_minderjarig
from overeenkomsten.models import Overeenkomst, Uitnodiging
from overeenkomsten.presenter import euro
from overeenkomsten.services import kan_versturen, overeenkomst_versturen

from .basis import OvereenkomstActieView, kruimels_overeenkomst


def _datum(d: Any) -> str:
    return d.strftime("%d/%m/%Y") if d else "–"


def _partijen(o: Overeenkomst) -> Rubriek:
    leerling = o.leerling
    partijen = Rubriek(
        _("Parties"),
        [
            Antwoord(_("Learner"), str(leerling)),
            Antwoord(_("Enterprise"), f"{o.onderneming.naam} – {o.vestiging.naam}"),
            Antwoord(_("Training provider"), str(o.onderwijsinstelling)),
        ],
    )
    if is_minderjarig(leerling, o.start or vandaag_nu()):
        partijen.antwoorden.append(
            Antwoord(str(Partij.VERTEGENWOORDIGER.label), leerling.vertegenwoordiger_naam or "–")
        )
    return partijen


def _inhoud(o: Overeenkomst, bewerken: str) -> Rubriek:
    inhoud = Rubriek(
        _("Content"),
        [
            Antwoord(_("Agreement type"), o.get_soort_display()),
            Antwoord(_("Mentor"), str(o.toewijzing.mentor), f"{bewerken}#id_toewijzing"),
            Antwoord(_("Start date"), _datum(o.start), f"{bewerken}#id_start"),
            Antwoord(_("End date"), _datum(o.einde), f"{bewerken}#id_einde"),
            Antwoord(
                _("Workplace hours per week"),
                f"{o.werkplekuren_per_week:.1f}".replace(".", ","),
                f"{bewerken}#id_werkplekuren_per_week",
            ),
            Antwoord(_("Training plan"), o.opleidingsplan, f"{bewerken}#id_opleidingsplan"),
            Antwoord(
                _("School-holiday annex"),
                o.vakantiebijlage or "–",
                f"{bewerken}#id_vakantiebijlage",
            ),
        ],
    )
    if o.soort == Overeenkomsttype.DA:
        inhoud.antwoorden.append(
            Antwoord(
                _("Monthly wage"),
                euro(o.loon_sectorschaal) if o.loon_sectorschaal else "–",
                f"{bewerken}#id_loon_sectorschaal",
            )
        )
    elif o.leervergoeding is not None:
        inhoud.antwoorden.append(Antwoord(_("Learning allowance"), euro(o.leervergoeding)))
    return inhoud


def _periodes(o: Overeenkomst, bewerken: str) -> Rubriek:
    """A timetable in periods: each period, its dates and its week on one line."""
    blokken: dict[int, list[str]] = {}
    for r in o.uurrooster.exclude(periode=None).order_by("dag", "van"):
        tekst = f"{r.get_dag_display()} {r.van:%H:%M}–{r.tot:%H:%M} {r.get_plaats_display()}"
        blokken.setdefault(r.periode_id, []).append(tekst)
    rubriek = Rubriek(
        _("Annex: timetable in periods"),
        [
            Antwoord(
                f"{p.get_soort_display()} {p.van:%d/%m/%Y}–{p.tot:%d/%m/%Y}",
                "; ".join(blokken.get(p.pk, [])) or "–",
                f"{bewerken}#id_periode-{i}-soort",
            )
            for i, p in enumerate(o.roosterperiodes.all())
        ],
    )
    if not rubriek.antwoorden:
        rubriek.antwoorden.append(
            Antwoord(_("Timetable"), _("empty"), f"{bewerken}#id_periode-0-soort")
        )
    return rubriek


def _uurrooster(o: Overeenkomst, bewerken: str) -> Rubriek:
    if o.roostersoort == "periodes":
        return _periodes(o, bewerken)
    rijen = list(o.uurrooster.order_by("dag", "van"))
    rubriek = Rubriek(
        _("Annex: weekly timetable"),
        [
            Antwoord(
                r.get_dag_display(),
                f"{r.get_plaats_display()}: {r.van:%H:%M}–{r.tot:%H:%M}",
                f"{bewerken}#id_blok-{i}-dag",
            )
            for i, r in enumerate(rijen)
        ],
    )
    if not rijen:
        rubriek.antwoorden.append(Antwoord(_("Timetable"), _("empty"), f"{bewerken}#id_blok-0-dag"))
    return rubriek


def samenvatting(o: Overeenkomst) -> list[Rubriek]:
    """Every part of the agreement the parties will approve."""
    bewerken = reverse("overeenkomsten:overeenkomst_bewerken", kwargs={"public_id": o.public_id})
    return [_partijen(o), _inhoud(o, bewerken), _uurrooster(o, bewerken)]


class VersturenView(SamenvattingMixin, OvereenkomstActieView):
    """Check the content and send it to the parties; the guard lists every objection."""

    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = ConfirmForm
    template_name = "overeenkomsten/overeenkomst_versturen.html"
    titel = gettext_lazy("Check and send for approval")
    uitleg = gettext_lazy(
        "Check every part below; change what is not right. Sending checks everything again, "
        "the timetable included. The employer is notified; the learner, and the legal "
        "representative of a minor, receive a personal link."
    )
    knop = gettext_lazy("Send to the parties")

    def guard(self) -> Refusals:
        # Every check of the content is in the guard: the page lists all of them at once.
        return kan_versturen(self.object, door=self.request.actor, now=timezone.now())

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return []  # the check-your-answers sections show it all

    def rubrieken(self) -> list[Rubriek]:
        return samenvatting(self.object)

    def uitvoeren(self, form: Form) -> Overeenkomst:
        return overeenkomst_versturen(overeenkomst=self.object, door=self.request.actor)

    def succesbericht(self, o: Overeenkomst) -> str:
        return _("Sent for approval. The parties are notified.")

    def succes_url(self, o: Overeenkomst) -> str:
        return reverse("overeenkomsten:overeenkomst_verstuurd", kwargs={"public_id": o.public_id})


class OvereenkomstVerstuurdView(VisibleObjectMixin, TemplateView):
    """The receipt of a sent agreement: reference, date, who approves how, and the terms."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    template_name = "overeenkomsten/overeenkomst_verstuurd.html"
    queryset = Overeenkomst.objects.select_related("leerling", "onderneming", "vestiging")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        o = self.object
        if o.verstuurd_op is None:
            raise Http404  # not sent: no receipt
        links = Uitnodiging.objects.filter(
            overeenkomst=o, versie=o.versie, partij__in=PARTIJEN_MET_LINK
        ).order_by("geldig_tot")
        eerste = links.first()
        return super().get_context_data(
            overeenkomst=o,
            link_geldig_tot=eerste.geldig_tot if eerste else None,
            met_vertegenwoordiger=o.met_vertegenwoordiger,
            kruimels=kruimels_overeenkomst(o),
            **kwargs,
        )


__all__ = ["OvereenkomstVerstuurdView", "VersturenView", "samenvatting"]
