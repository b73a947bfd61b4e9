"""The personal approval link of the learner and the legal representative (R59, R61): no
account, the signed token is the key. A link that expired, was used or names an older version
answers 410 Gone and says to ask the coach for a new one.

The token is in the URL only once: opening the link exchanges it for a short session that holds
the invitation's public id (never the token) and redirects to a URL without it, so access logs,
browser history and Referer headers never carry it. Every later page and action works from that
session; `LinkSessieMixin` is the one place that resolves it.
"""

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from duaal.exceptions import DomainError
from duaal.views import bestand_response
from overeenkomsten.constants import Partij
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.forms import BetwistenForm
from overeenkomsten.models import OvereenkomstDocument, Uitnodiging
from overeenkomsten.partijen import (
    te_bevestigen_van,
    uitnodiging_uit_link,
    uitnodiging_voor_kopie,
)
from overeenkomsten.presenter import presenteer
from overeenkomsten.services.link import (
    betwisten_via_sessie,
    goedkeuren_via_sessie,
    kopie_uit_sessie,
    uitnodiging_uit_sessie,
)

from .overeenkomst import referentie

SESSIE_SLEUTEL = "overeenkomsten.links"
# Long enough to read the agreement; renewed on every page of the session.
SESSIE_DUUR = dt.timedelta(minutes=30)
# The hidden field that carries the session's own key in the forms of the link pages.
FORMULIER_SLEUTEL = "sleutel"


def _prive(response: HttpResponse) -> HttpResponse:
    # The pages carry personal data: keep them out of caches and search engines, and send no
    # Referer to anyone (defence in depth: these URLs hold no token any more).
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _ongeldig(
    request: HttpRequest, fout: DomainError, *, opnieuw_openen: bool = False
) -> HttpResponse:
    if opnieuw_openen:
        status = 403
    else:
        status = 410 if isinstance(fout, OngeldigeLink) else 409
    context = {"melding": fout.message, "opnieuw_openen": opnieuw_openen}
    return _prive(render(request, "overeenkomsten/link_ongeldig.html", context, status=status))


def _sessies(request: HttpRequest) -> dict[str, dict[str, str]]:
    return request.session.get(SESSIE_SLEUTEL, {})


def _sessie_bewaren(request: HttpRequest, public_id: str, sleutel: str) -> None:
    sessies = {
        pid: s
        for pid, s in _sessies(request).items()
        if dt.datetime.fromisoformat(s["tot"]) > timezone.now()
    }
    sessies[public_id] = {"tot": (timezone.now() + SESSIE_DUUR).isoformat(), "sleutel": sleutel}
    request.session[SESSIE_SLEUTEL] = sessies


def _sessie_sluiten(request: HttpRequest, public_id: str) -> None:
    sessies = _sessies(request)
    if public_id in sessies:
        del sessies[public_id]
        request.session[SESSIE_SLEUTEL] = sessies


class LinkOpenenView(View):
    """The URL in the mail: check the token, open the session, leave the token's URL."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            uitnodiging = uitnodiging_uit_link(token)
        except OngeldigeLink as fout:
            # Signed by every party: the same link now offers the signed copy.
            try:
                uitnodiging = uitnodiging_voor_kopie(token)
            except OngeldigeLink:
                return _ongeldig(request, fout)
        public_id = str(uitnodiging.public_id)
        bestaand = _sessies(request).get(public_id)
        _sessie_bewaren(
            request, public_id, bestaand["sleutel"] if bestaand else secrets.token_urlsafe(32)
        )
        pagina = reverse("overeenkomsten:link_pagina", args=[uitnodiging.public_id])
        return _prive(HttpResponseRedirect(pagina))


def _signed_copy(public_id: str) -> Uitnodiging | None:
    try:
        return kopie_uit_sessie(public_id)
    except OngeldigeLink:
        return None


class GeenLinkSessie(OvereenkomstFout):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This page only opens for a short while after you open your personal link. "
                "Open the link in your e-mail again."
            )
        )


# The forms of these pages carry the session's own key instead of Django's CSRF token: with
# "Referrer-Policy: no-referrer" the browser sends "Origin: null" with every POST, which the CSRF
# check refuses. The key is random per session and only ever in the page, so another site can
# no more forge the POST than with the CSRF token (and the session cookie is SameSite=Lax).
@method_decorator(csrf_exempt, name="dispatch")
class LinkSessieMixin(View):
    """Resolves the session's invitation for every page and action of the personal link:
    `self.uitnodiging` is set, checked as the link itself would be, before the handler runs."""

    uitnodiging: Uitnodiging
    sleutel: str
    # Once every party signed, the session opens the signed copy only: the pages that show
    # it say so; the actions answer as for a link that was used (410).
    kopie: bool = False
    opent_kopie = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        public_id = str(kwargs["public_id"])
        sessie = _sessies(request).get(public_id)
        if sessie is None or dt.datetime.fromisoformat(sessie["tot"]) <= timezone.now():
            return _ongeldig(request, GeenLinkSessie(), opnieuw_openen=True)
        if request.method == "POST" and not constant_time_compare(
            request.POST.get(FORMULIER_SLEUTEL, ""), sessie["sleutel"]
        ):
            return _ongeldig(request, GeenLinkSessie(), opnieuw_openen=True)
        try:
            self.uitnodiging = uitnodiging_uit_sessie(public_id)
        except OngeldigeLink as fout:
            kopie = _signed_copy(public_id)
            if kopie is None:
                _sessie_sluiten(request, public_id)
            if kopie is None or not self.opent_kopie:
                return _ongeldig(request, fout)
            self.uitnodiging, self.kopie = kopie, True
        self.sleutel = sessie["sleutel"]
        _sessie_bewaren(request, public_id, self.sleutel)
        return _prive(super().dispatch(request, *args, **kwargs))

    def link_context(self) -> dict[str, Any]:
        """What every form of a link page needs: the invitation and the session's key."""
        return {"uitnodiging": self.uitnodiging, "sleutel": self.sleutel}


class LinkPaginaView(LinkSessieMixin):
    """The agreement the link names, with the approval button; once signed, the signed copy."""

    http_method_names = ["get", "head"]
    opent_kopie = True

    def get(self, request: HttpRequest, public_id: str) -> HttpResponse:
        uitnodiging = self.uitnodiging
        overeenkomst = uitnodiging.overeenkomst
        documenten = OvereenkomstDocument.objects.filter(
            overeenkomst=overeenkomst, versie=uitnodiging.versie
        )
        if self.kopie:
            # Signed: the copy to offer is the signed one (made after the last approval).
            documenten = documenten.exclude(getekend_sha256="")
        context = {
            **presenteer(overeenkomst).context(),
            **self.link_context(),
            "partij": Partij(uitnodiging.partij).label,
            "met_pdf": documenten.exists(),
            "kopie": self.kopie,
            # A signature on paper recorded in the holder's name: approving confirms it.
            "te_bevestigen": te_bevestigen_van(overeenkomst, uitnodiging.partij),
        }
        template = "link_kopie.html" if self.kopie else "link_goedkeuren.html"
        return render(request, f"overeenkomsten/{template}", context)


class LinkGoedkeurenView(LinkSessieMixin):
    """The learner or the legal representative approves the version the link names."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, public_id: str) -> HttpResponse:
        try:
            goedkeuring = goedkeuren_via_sessie(public_id=self.uitnodiging.public_id)
        except DomainError as fout:
            return _ongeldig(request, fout)
        ondertekend = goedkeuring.overeenkomst.ondertekend_op
        # The last approval signed it: the session stays open for the signed copy.
        if not ondertekend:
            _sessie_sluiten(request, str(self.uitnodiging.public_id))
        context = {
            "goedkeuring": goedkeuring,
            "ondertekend": ondertekend,
            "uitnodiging": self.uitnodiging,
        }
        return render(request, "overeenkomsten/link_bedankt.html", context)


class LinkBetwistenView(LinkSessieMixin):
    """ "Not mine": the signature on paper recorded in the holder's name is void."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, public_id: str) -> HttpResponse:
        form = BetwistenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why this signature is not yours."))
            return HttpResponseRedirect(
                reverse("overeenkomsten:link_pagina", args=[self.uitnodiging.public_id])
            )
        try:
            goedkeuring = betwisten_via_sessie(
                public_id=self.uitnodiging.public_id, toelichting=form.cleaned_data["toelichting"]
            )
        except DomainError as fout:
            return _ongeldig(request, fout)
        _sessie_sluiten(request, str(self.uitnodiging.public_id))
        context = {"goedkeuring": goedkeuring, "betwist": True}
        return render(request, "overeenkomsten/link_bedankt.html", context)


class LinkPdfView(LinkSessieMixin):
    """The PDF of the version the link names, for the learner who has no account; once every
    party signed, the signed copy."""

    http_method_names = ["get", "head"]
    opent_kopie = True

    def get(self, request: HttpRequest, public_id: str) -> HttpResponse:
        uitnodiging = self.uitnodiging
        document = OvereenkomstDocument.objects.filter(
            overeenkomst_id=uitnodiging.overeenkomst_id, versie=uitnodiging.versie
        ).first()
        pagina = reverse("overeenkomsten:link_pagina", args=[uitnodiging.public_id])
        if self.kopie:
            if document is None or not document.getekend_sha256:
                # Made after the last approval: the session's page says it is being prepared.
                return HttpResponseRedirect(pagina)
            naam = f"overeenkomst-{referentie(uitnodiging.overeenkomst)}-v{document.versie}"
            return bestand_response(document.getekend_bestand, f"{naam}-ondertekend")
        if document is None:
            raise Http404  # rendered after commit; a moment later it is there
        naam = f"overeenkomst-{referentie(uitnodiging.overeenkomst)}-v{document.versie}"
        return bestand_response(document.bestand, naam)
