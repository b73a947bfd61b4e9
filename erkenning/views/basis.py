"""What every recognition screen shares: refused service calls shown on the form, private
files streamed only after the access check, the acting organisation."""

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.forms import Form, ModelChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import Organisatie, Partnerschap
from duaal.termijnen import vandaag
from erkenning.constants import BEWERKBAAR, AanvraagStatus
from erkenning.exceptions import ErkenningFout, OngeldigeStatusOvergang
from erkenning.models import Aanvraag, Machtiging
from erkenning.selectors import dagen_over
from mentors.exceptions import MentorFout

# Application documents may hold a mentor's 596.2 extract (R8): like the mentor evidence, only
# the employer's representative and the deciding partnership open them (S7).
BESTAND_OPENEN = perms.UITTREKSEL_BEKIJKEN


def vandaag_nu() -> dt.date:
    return vandaag(timezone.now())


def soort_van(actor: Actor) -> str | None:
    return actor.membership.organisatie.soort if actor.membership else None


def is_onderneming(actor: Actor) -> bool:
    return soort_van(actor) == OrganisatieSoort.ONDERNEMING


def eigen_organisatie(actor: Actor) -> Organisatie:
    if actor.membership is None:
        raise PermissionDenied
    return actor.membership.organisatie


def eigen_partnerschap(actor: Actor) -> Partnerschap:
    """The partnership the actor acts for; other organisations have none (403)."""
    if soort_van(actor) != OrganisatieSoort.PARTNERSCHAP:
        raise PermissionDenied
    return Partnerschap.objects.get(pk=actor.organisatie_id)


def pagina(request: HttpRequest, qs: QuerySet, per_pagina: int) -> Page:
    page = Paginator(qs, per_pagina).get_page(request.GET.get("pagina"))
    # A page's rows are a lazy slice: fetch them here, not in the template's {% if %} (P1).
    page.object_list = list(page.object_list)
    return page


def keuzes_ophalen(veld: ModelChoiceField) -> None:
    """Run a select's options query in the view: left lazy, it runs while the template renders
    the field (P1: no query from a template). Validation still checks against the queryset."""
    veld.choices = list(iter(veld.choices))  # iter(): list() would ask len(), a COUNT query


class ServiceFoutMixin:
    """Show a refused service call on the form: nothing typed is lost and the message says why.

    An `ErkenningFout` or `MentorFout` goes on `fout_veld` (None: above the form), except a
    transition that is no longer possible, which always goes above the form. A
    `ValidationError` goes on the fields it names when the form has them, else on
    `validatiefout_veld` (e.g. the upload)."""

    fout_veld: str | None = None
    validatiefout_veld: str | None = None

    def fout_tonen(self, form: Form, fout: Exception) -> None:
        if isinstance(fout, ValidationError):
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(self.validatiefout_veld, fout)
            return
        veld = None if isinstance(fout, OngeldigeStatusOvergang) else self.fout_veld
        form.add_error(veld, fout.message)

    def uitvoeren(self, form: Form) -> Model:
        """Call the one service this view exists for."""
        raise NotImplementedError

    def succesbericht(self, resultaat: Model) -> str:
        return _("Saved.")

    def succes_url(self, resultaat: Model) -> str:
        return resultaat.get_absolute_url()

    def form_valid(self, form: Form) -> HttpResponse:
        try:
            resultaat = self.uitvoeren(form)
        except (ErkenningFout, MentorFout, ValidationError) as fout:
            self.fout_tonen(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, self.succesbericht(resultaat))
        return HttpResponseRedirect(self.succes_url(resultaat))


def kruimels_voor(actor: Actor, *extra: tuple[Any, str]) -> list[tuple[Any, str]]:
    """Breadcrumbs: the list the actor works from, then the objects passed."""
    if (
        actor.has_perm(perms.AANVRAAG_BEOORDELEN)
        and soort_van(actor) == OrganisatieSoort.PARTNERSCHAP
    ):
        start = [(gettext_lazy("Queue"), reverse("erkenning:wachtrij"))]
    else:
        start = [(gettext_lazy("Applications"), reverse("erkenning:aanvraag_list"))]
    return start + list(extra)


class ActieView(ServiceFoutMixin, VisibleObjectMixin, FormView):
    """One action on one visible object: a form page (GET), one service call (POST).

    Subclasses set `permission`, `queryset`, `form_class`, `titel` and implement `uitvoeren`;
    `niet_mogelijk()` returns why the action cannot be taken now (the form is then hidden)."""

    template_name = "erkenning/actie_form.html"
    titel: Any = ""
    uitleg: Any = ""
    knop: Any = gettext_lazy("Save")
    knop_klasse = "btn-primary"

    def succes_url(self, resultaat: Model) -> str:
        return self.terug_url()

    def terug_url(self) -> str:
        return self.object.get_absolute_url()

    def niet_mogelijk(self) -> str | None:
        return None

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return []

    def kruimels(self) -> list[tuple[Any, str]]:
        return kruimels_voor(self.request.actor, (str(self.object), self.terug_url()))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            object=self.object,
            titel=self.titel,
            uitleg=self.uitleg,
            knop=self.knop,
            knop_klasse=self.knop_klasse,
            niet_mogelijk=self.niet_mogelijk(),
            samenvatting=self.samenvatting(),
            terug_url=self.terug_url(),
            kruimels=self.kruimels(),
            **kwargs,
        )


class BeoordelaarMixin:
    """Review actions: only the partnership the application is routed to (R12). Another
    partnership that sees the file under the enterprise's mandate may not review it (403)."""

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        if request.actor.organisatie_id != self.object.partnerschap_id:
            raise PermissionDenied


def bestand_response(bestand: FieldFile, naam: str) -> FileResponse:
    """Stream a private file as a download under a name the server chose; 404 once gone."""
    if not bestand:
        raise Http404
    try:
        handle = bestand.storage.open(bestand.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    suffix = PurePath(bestand.name).suffix.lower()
    response = FileResponse(handle, as_attachment=True, filename=f"{naam}{suffix}")
    response["Cache-Control"] = "private, no-store"
    return response


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
    ).exists()


class IndienerMixin:
    """Filing actions: only for whom `handelt_voor` the enterprise (else 403)."""

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        if not handelt_voor(request.actor, self.object):
            raise PermissionDenied


class BewerkbaarMixin:
    def niet_mogelijk(self) -> str | None:
        if self.object.status not in BEWERKBAAR:
            return _("The application can no longer be changed: it is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        return None
