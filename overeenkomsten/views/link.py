"""The personal approval link of the learner and the legal representative (R59, R61): no
account, the signed token is the key. A link that expired, was used or names an older version
answers 410 Gone and says to ask the coach for a new one."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from duaal.views import bestand_response
from overeenkomsten.constants import Partij
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.models import OvereenkomstDocument, Uitnodiging
from overeenkomsten.presenter import presenteer
from overeenkomsten.services import goedkeuren_via_link, uitnodiging_uit_link

from .overeenkomst import referentie


def _prive(response: HttpResponse) -> HttpResponse:
    # The page carries personal data and the URL a bearer token: keep both out of caches and
    # search engines. (Not "no-referrer": the browser would then send "Origin: null" with the
    # approval POST and the CSRF check would refuse it.)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _ongeldig(request: HttpRequest, fout: OvereenkomstFout) -> HttpResponse:
    status = 410 if isinstance(fout, OngeldigeLink) else 409
    context = {"melding": fout.message}
    return _prive(render(request, "overeenkomsten/link_ongeldig.html", context, status=status))


class LinkGoedkeurenView(View):
    http_method_names = ["get", "post", "head"]

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            uitnodiging = uitnodiging_uit_link(token)
        except OngeldigeLink as fout:
            return _ongeldig(request, fout)
        return _prive(
            render(
                request, "overeenkomsten/link_goedkeuren.html", self._context(uitnodiging, token)
            )
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            goedkeuring = goedkeuren_via_link(token=token)
        except OvereenkomstFout as fout:
            return _ongeldig(request, fout)
        context = {
            "goedkeuring": goedkeuring,
            "ondertekend": goedkeuring.overeenkomst.ondertekend_op,
        }
        return _prive(render(request, "overeenkomsten/link_bedankt.html", context))

    @staticmethod
    def _context(uitnodiging: Uitnodiging, token: str) -> dict[str, Any]:
        overeenkomst = uitnodiging.overeenkomst
        return {
            **presenteer(overeenkomst).context(),
            "uitnodiging": uitnodiging,
            "partij": Partij(uitnodiging.partij).label,
            "token": token,
            "met_pdf": OvereenkomstDocument.objects.filter(
                overeenkomst=overeenkomst, versie=uitnodiging.versie
            ).exists(),
        }


class LinkPdfView(View):
    """The PDF of the version the link names, for the learner who has no account."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            uitnodiging = uitnodiging_uit_link(token)
        except OngeldigeLink as fout:
            return _ongeldig(request, fout)
        document = OvereenkomstDocument.objects.filter(
            overeenkomst_id=uitnodiging.overeenkomst_id, versie=uitnodiging.versie
        ).first()
        if document is None:
            raise Http404  # rendered after commit; a moment later it is there
        naam = f"overeenkomst-{referentie(uitnodiging.overeenkomst)}-v{document.versie}"
        return _prive(bestand_response(document.bestand, naam))
