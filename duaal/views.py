"""What every screen shares: today's date, a page of rows fetched in the view, private files
streamed under a name the server chose, and one service call whose refusal is shown on the
form. Each app keeps its template and breadcrumbs in a thin subclass (`<app>/views/basis.py`).
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.forms import Form, ModelChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from duaal.access import VisibleObjectMixin
from duaal.exceptions import DomainError, StatusTransitionError
from duaal.termijnen import vandaag
from duaal.uploads import CONTENT_TYPES, EXTENSIES, soort_van


def vandaag_nu() -> dt.date:
    return vandaag(timezone.now())


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
    veld.choices = list(iter(veld.choices))  # iter(): list() would ask len(), a COUNT query


def bestand_response(bestand: FieldFile, naam: str) -> FileResponse:
    """Stream a private file as a download under a name the server chose; 404 once purged.

    The Content-Type and the extension follow the file's content, never its stored name: a
    file stored before names followed the content may still be called x.html."""
    if not bestand:
        raise Http404
    try:
        handle = bestand.storage.open(bestand.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    soort = soort_van(handle)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{naam}{EXTENSIES.get(soort, '')}",
        content_type=CONTENT_TYPES.get(soort, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


class ServiceFoutMixin:
    """Show a refused service call on the form: nothing typed is lost and the message says why.

    A `DomainError` goes on `fout_veld` (None: above the form), except a transition that is no
    longer possible, which always goes above the form. A `ValidationError` goes on the fields
    it names when the form has them, else on `validatiefout_veld` (e.g. the upload).

    With `niet_mogelijk_weigeren`, a POST for an action the page no longer offers (the status
    moved on) is refused with `niet_mogelijk()`'s reason before the service is called, rather
    than handing the service arguments that no longer fit."""

    fout_veld: str | None = None
    validatiefout_veld: str | None = None
    niet_mogelijk_weigeren = False

    def niet_mogelijk(self) -> str | None:
        """Why the action cannot be taken now; None when it can."""
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
        veld = None if isinstance(fout, StatusTransitionError) else self.fout_veld
        form.add_error(veld, fout.message)

    def uitvoeren(self, form: Form) -> Model:
        """Call the one service this view exists for."""
        raise NotImplementedError

    def succesbericht(self, resultaat: Model) -> str:
        return _("Saved.")

    def succes_url(self, resultaat: Model) -> str:
        return resultaat.get_absolute_url()

    def form_valid(self, form: Form) -> HttpResponse:
        if self.niet_mogelijk_weigeren and (reden := self.niet_mogelijk()):
            form.add_error(None, reden)
            return self.form_invalid(form)
        try:
            resultaat = self.uitvoeren(form)
        except (DomainError, ValidationError) as fout:
            self.fout_tonen(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, self.succesbericht(resultaat))
        return HttpResponseRedirect(self.succes_url(resultaat))


class ActieView(ServiceFoutMixin, VisibleObjectMixin, FormView):
    """One action on one visible object: a form page (GET), one service call (POST).

    Subclasses set `permission`, `queryset`, `form_class`, `titel` and implement `uitvoeren`;
    `niet_mogelijk()` returns why the action cannot be taken now (the form is then hidden).
    Each app's subclass names the `template_name` and the `kruimels`."""

    titel: Any = ""
    uitleg: Any = ""
    knop: Any = gettext_lazy("Save")
    knop_klasse = "btn-primary"

    def succes_url(self, resultaat: Model) -> str:
        return self.terug_url()

    def terug_url(self) -> str:
        return self.object.get_absolute_url()

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return []

    def kruimels(self) -> list[tuple[Any, str]]:
        raise NotImplementedError

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
