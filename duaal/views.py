"""What every screen shares: today's date, the organisation the user acts for, the breadcrumbs,
a page of rows fetched in the view, private files streamed under a name the server chose, and
one service call whose refusal is shown on the form (partials/action_form.html). Each app keeps
only its own breadcrumbs and summaries in `<app>/views/basis.py`.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.forms import Form, ModelChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django.views.generic.base import ContextMixin

from duaal import kept_uploads
from duaal.access import VisibleObjectMixin
from duaal.accounts.actor import Actor
from duaal.exceptions import DomainError, StatusTransitionError
from duaal.forms import KeptUploadsMixin
from duaal.models import WithPage
from duaal.organisaties.models import Organisatie
from duaal.termijnen import vandaag
from duaal.uploads import CONTENT_TYPES, EXTENSIES, soort_van
from duaal.workflow import Refusals, refusals

OrganisationKind = TypeVar("OrganisationKind", bound=Organisatie)

# One step of the breadcrumbs: what the link says, and where it goes.
Crumb = tuple[Any, str]


def vandaag_nu() -> dt.date:
    return vandaag(timezone.now())


def acting_organisation(actor: Actor) -> Organisatie:
    """The organisation the actor acts for now; a user acting for none has no screen here (403)."""
    if actor.membership is None:
        raise PermissionDenied
    return actor.membership.organisatie


def acts_as(actor: Actor, model: type[Organisatie]) -> bool:
    """Whether the actor acts for an organisation of `model`'s kind (e.g. `Onderneming`)."""
    return actor.organisatie_soort is not None and actor.organisatie_soort == model.SOORT


def acting_as(actor: Actor, model: type[OrganisationKind]) -> OrganisationKind:
    """The acting organisation as `model` (an `Onderneming`, a `Partnerschap`): a screen only
    that kind has (the mentor register, the review queue) is a 403 for every other kind."""
    if not acts_as(actor, model):
        raise PermissionDenied
    assert actor.organisatie_id is not None  # acts_as: the actor acts for an organisation
    # `objects` is declared on Organisatie; each kind's manager returns that kind.
    return cast(OrganisationKind, model.objects.get(pk=actor.organisatie_id))


def breadcrumbs(*steps: Crumb | Model | None) -> list[Crumb]:
    """The trail above a page's title: list pages as `(label, url)`, objects by their name and
    their page. None is left out: a list page the actor's role does not have."""
    trail: list[Crumb] = []
    for step in steps:
        if step is None:
            continue
        if isinstance(step, Model):  # a model in the trail has its own page
            step = (str(step), cast(WithPage, step).get_absolute_url())
        trail.append(step)
    return trail


if TYPE_CHECKING:
    # For the checker only: what these mixins go into (at run time they stay plain mixins).
    _ContextBase = ContextMixin
    _FormViewBase = FormView[Any]
else:
    _ContextBase = _FormViewBase = object


class BreadcrumbsMixin(_ContextBase):
    """Give the page its `kruimels()`, which partials/breadcrumbs.html shows above the title."""

    def kruimels(self) -> list[Crumb]:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("kruimels", self.kruimels())
        return super().get_context_data(**kwargs)


def pagina(request: HttpRequest, qs: QuerySet, per_pagina: int) -> Page:
    """One page of `qs`, its rows fetched here and not lazily by the template (P1).

    A deferred join: the page is chosen on the primary keys alone, then only its rows are
    fetched, with their joins and annotations. Sorting and offsetting every joined row of a
    long list (a partnership's 25,000 applications) took 0.3 to 0.7 s; the keys alone sort in
    a few milliseconds, deep pages included."""
    page = Paginator(qs.values_list("pk", flat=True), per_pagina).get_page(
        request.GET.get("pagina")
    )
    sleutels = list(page.object_list)
    rijen = {rij.pk: rij for rij in qs.filter(pk__in=sleutels)} if sleutels else {}
    page.object_list = [rijen[sleutel] for sleutel in sleutels]
    return page


def keuzes_ophalen(veld: ModelChoiceField) -> None:
    """Run a select's options query in the view: left lazy, it runs while the template renders
    the field (P1: no query from a template). Validation still checks against the queryset."""
    # iter(): list() would ask len(), a COUNT query. The stubs' getter type also holds the
    # callable the setter accepts; the getter returns the iterator (or the list set here).
    veld.choices = list(iter(veld.choices))  # type: ignore[arg-type]


def bestand_response(bestand: FieldFile, naam: str) -> FileResponse:
    """Stream a private file as a download under a name the server chose; 404 once purged.

    The Content-Type and the extension follow the file's content, never its stored name: a
    file stored before names followed the content may still be called x.html."""
    if not bestand:
        raise Http404
    assert bestand.name is not None  # a FieldFile is true only when it has a name
    try:
        handle = bestand.storage.open(bestand.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    soort = soort_van(handle) or ""  # unknown content: no extension, a generic type
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{naam}{EXTENSIES.get(soort, '')}",
        content_type=CONTENT_TYPES.get(soort, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


class FileView(VisibleObjectMixin, View):
    """Download one private file of a visible object (`veld` names it), only when the role may
    open it (`permission`), under the name `bestandsnaam()` gives."""

    http_method_names = ["get", "head"]
    veld = ""

    def bestandsnaam(self) -> str:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        return bestand_response(getattr(self.object, self.veld), self.bestandsnaam())


class ServiceFoutMixin(_FormViewBase):
    """Show a refused service call on the form: nothing typed is lost and the message says why.

    A `DomainError` goes on `fout_veld` (None: above the form), except a transition that is no
    longer possible, which always goes above the form. A `ValidationError` goes on the fields
    it names when the form has them, else on `validatiefout_veld` (e.g. the upload).

    `guard()` asks the action's guard (style.md G26): the page shows its reasons instead of
    the form, and a POST for an action the page no longer offers (the status moved on) is
    refused with the same reasons before the service is called."""

    fout_veld: str | None = None
    validatiefout_veld: str | None = None

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        # A valid upload survives an error elsewhere, for this user in this session only.
        if isinstance(form, KeptUploadsMixin) and self.request.user.is_authenticated:
            form.upload_owner = kept_uploads.owner_of(
                self.request.user.pk, self.request.session.session_key
            )
        return form

    def guard(self) -> Refusals:
        """The action's guard for the acting user now: `kan_<action>(obj, door=..., now=...)`."""
        return refusals(self.niet_mogelijk())

    def niet_mogelijk(self) -> str | None:
        """Deprecated: views override `guard()`."""
        return None

    def fout_tonen(self, form: Form, fout: Exception) -> None:
        if isinstance(fout, ValidationError):
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(self.validatiefout_veld, fout)
            return
        assert isinstance(fout, DomainError)
        plaats = None if isinstance(fout, StatusTransitionError) else self.fout_veld
        form.add_error(plaats, fout.message)

    def uitvoeren(self, form: Form) -> WithPage:
        """Call the one service this view exists for."""
        raise NotImplementedError

    def succesbericht(self, resultaat: WithPage) -> str:
        return _("Saved.")

    def succes_url(self, resultaat: WithPage) -> str:
        return resultaat.get_absolute_url()

    def form_valid(self, form: Form) -> HttpResponse:
        refused = self.guard()
        if not refused.allowed:
            for reason in refused.reasons:
                form.add_error(None, reason)
            return self.form_invalid(form)
        try:
            resultaat = self.uitvoeren(form)
        except (DomainError, ValidationError) as fout:
            self.fout_tonen(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, self.succesbericht(resultaat))
        return HttpResponseRedirect(self.succes_url(resultaat))


class ActieView(BreadcrumbsMixin, ServiceFoutMixin, VisibleObjectMixin, FormView):
    """One action on one visible object: a form page (GET), one service call (POST).

    Subclasses set `permission`, `queryset`, `form_class`, `titel` and implement `uitvoeren`;
    `guard()` returns the action's `Refusals` (the form is hidden while it refuses, its
    warnings are shown above it). Each app's subclass gives the `kruimels`; a page that adds to
    the form extends partials/action_form.html."""

    template_name = "partials/action_form.html"
    titel: Any = ""
    uitleg: Any = ""
    knop: Any = gettext_lazy("Save")
    knop_klasse = "btn-primary"

    def succes_url(self, resultaat: WithPage) -> str:
        return self.terug_url()

    def terug_url(self) -> str:
        url: str = self.object.get_absolute_url()
        return url

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        refused = self.guard()
        context: dict[str, Any] = {
            "object": self.object,
            "titel": self.titel,
            "uitleg": self.uitleg,
            "knop": self.knop,
            "knop_klasse": self.knop_klasse,
            # The page shows every reason at once and hides the form (G26).
            "niet_mogelijk": None if refused.allowed else refused.message,
            "weigeringen": refused.reasons,
            "waarschuwingen": refused.warnings,
            "samenvatting": self.samenvatting(),
            "terug_url": self.terug_url(),
        }
        # What the view passes wins (e.g. the warnings of a check it ran itself).
        context.update(kwargs)
        return super().get_context_data(**context)
