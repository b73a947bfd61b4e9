"""What every mentor screen shares: refused service calls shown on the form, private files."""

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import Onderneming
from duaal.termijnen import vandaag
from mentors.exceptions import MentorFout, OngeldigeStatusOvergang
from mentors.models import Mentor

# Evidence files (extract, proof of prior education, training certificate) hold personal data:
# only the employer's representative and the reviewing partnership's team open them; read-only
# staff and platform admins see that a file exists, not its content (S7).
BESTAND_OPENEN = perms.UITTREKSEL_BEKIJKEN


def vandaag_nu() -> dt.date:
    return vandaag(timezone.now())


def is_onderneming(actor: Actor) -> bool:
    membership = actor.membership
    return membership is not None and membership.organisatie.soort == OrganisatieSoort.ONDERNEMING


def eigen_onderneming(actor: Actor) -> Onderneming:
    """The enterprise the actor acts for; other organisations have no mentor register (403)."""
    if not is_onderneming(actor):
        raise PermissionDenied
    return Onderneming.objects.get(pk=actor.organisatie_id)


def kruimels_voor(actor: Actor, mentor: Mentor | None = None) -> list[tuple[Any, str]]:
    """Breadcrumbs: the register (enterprises only: others have none), then the mentor."""
    kruimels: list[tuple[Any, str]] = []
    if is_onderneming(actor):
        kruimels.append((_("Mentors"), reverse("mentors:mentor_list")))
    if mentor is not None:
        kruimels.append((str(mentor), mentor.get_absolute_url()))
    return kruimels


class ServiceFoutMixin:
    """Show a refused service call on the form: nothing typed is lost and the message says why.

    A `MentorFout` goes on `mentorfout_veld` (None: above the form), except a transition that
    is no longer possible, which always goes above the form. A `ValidationError` goes on the
    fields it names when the form has them, else on `validatiefout_veld` (e.g. the upload)."""

    mentorfout_veld: str | None = None
    validatiefout_veld: str | None = None

    def fout_tonen(self, form: Form, fout: Exception) -> None:
        if isinstance(fout, ValidationError):
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(self.validatiefout_veld, fout)
            return
        assert isinstance(fout, MentorFout)
        veld = None if isinstance(fout, OngeldigeStatusOvergang) else self.mentorfout_veld
        form.add_error(veld, fout.message)

    def uitvoeren(self, form: Form) -> Model:
        """Call the one service this view exists for."""
        raise NotImplementedError

    def succesbericht(self, resultaat: Model) -> str:
        return str(_("Saved."))

    def succes_url(self, resultaat: Model) -> str:
        return resultaat.get_absolute_url()

    def form_valid(self, form: Form) -> HttpResponse:
        try:
            resultaat = self.uitvoeren(form)
        except (MentorFout, ValidationError) as fout:
            self.fout_tonen(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, self.succesbericht(resultaat))
        return HttpResponseRedirect(self.succes_url(resultaat))


class ActieView(ServiceFoutMixin, VisibleObjectMixin, FormView):
    """One action on one visible object: a form page (GET), one service call (POST).

    Subclasses set `permission`, `queryset`, `form_class`, `titel` and implement `uitvoeren`;
    `niet_mogelijk()` returns why the action cannot be taken now (the form is then hidden)."""

    template_name = "mentors/actie_form.html"
    titel: Any = ""
    uitleg: Any = ""
    knop: Any = _("Save")
    knop_klasse = "btn-primary"

    def succes_url(self, resultaat: Model) -> str:
        return self.terug_url()

    def terug_url(self) -> str:
        return self.mentor().get_absolute_url()

    def mentor(self) -> Mentor:
        return self.object.mentor

    def niet_mogelijk(self) -> str | None:
        return None

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            titel=self.titel,
            uitleg=self.uitleg,
            knop=self.knop,
            knop_klasse=self.knop_klasse,
            niet_mogelijk=self.niet_mogelijk(),
            samenvatting=self.samenvatting(),
            terug_url=self.terug_url(),
            kruimels=kruimels_voor(self.request.actor, self.mentor()),
            **kwargs,
        )


def bestand_response(bestand: FieldFile, naam: str) -> FileResponse:
    """Stream a private file as a download under a name the server chose; 404 once purged."""
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


class BestandView(VisibleObjectMixin, View):
    """Download one evidence file, only after the object is visible and the role may open it."""

    permission = BESTAND_OPENEN
    http_method_names = ["get", "head"]
    veld = ""

    def bestandsnaam(self) -> str:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        return bestand_response(getattr(self.object, self.veld), self.bestandsnaam())
