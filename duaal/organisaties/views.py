"""Thin views: look up through the access policy, validate with a form, call one service."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from duaal.access import VisibleObjectMixin, get_visible_or_404
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.http import PortalRequest
from duaal.views import pagina

from . import selectors
from .forms import VestigingForm
from .models import Onderneming, Onderwijsinstelling, Opleiding, Partnerschap, Vestiging
from .services import vestiging_toevoegen, vestiging_wijzigen


class OndernemingDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.ONDERNEMING_BEKIJKEN
    queryset = Onderneming.objects.all()
    template_name = "organisaties/onderneming_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            onderneming=self.object,
            vestigingen=list(selectors.vestigingen_van(self.object.pk)),
            timeline=timeline_for(self.object),
            mag_beheren=self.request.actor.has_perm(perms.VESTIGING_BEHEREN),
            **kwargs,
        )


class VestigingToevoegenView(VisibleObjectMixin, FormView):
    permission = perms.VESTIGING_BEHEREN
    queryset = Onderneming.objects.all()
    form_class = VestigingForm
    template_name = "organisaties/vestiging_form.html"

    def form_valid(self, form: VestigingForm) -> HttpResponse:
        vestiging = vestiging_toevoegen(
            onderneming=self.object, door=self.request.actor, gegevens=form.cleaned_data
        )
        messages.success(self.request, _("Establishment %(naam)s added.") % {"naam": vestiging})
        return HttpResponseRedirect(vestiging.get_absolute_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(onderneming=self.object, **kwargs)


class VestigingDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.ONDERNEMING_BEKIJKEN
    queryset = Vestiging.objects.select_related("onderneming")
    template_name = "organisaties/vestiging_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            vestiging=self.object,
            timeline=timeline_for(self.object),
            mag_beheren=self.request.actor.has_perm(perms.VESTIGING_BEHEREN),
            **kwargs,
        )


class VestigingWijzigenView(VisibleObjectMixin, FormView):
    permission = perms.VESTIGING_BEHEREN
    queryset = Vestiging.objects.select_related("onderneming")
    form_class = VestigingForm
    template_name = "organisaties/vestiging_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form: VestigingForm) -> HttpResponse:
        vestiging = vestiging_wijzigen(
            vestiging=self.object, door=self.request.actor, gegevens=form.cleaned_data
        )
        messages.success(self.request, _("Establishment %(naam)s saved.") % {"naam": vestiging})
        return HttpResponseRedirect(vestiging.get_absolute_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            onderneming=self.object.onderneming, vestiging=self.object, **kwargs
        )


class OnderwijsinstellingDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.ONDERWIJSINSTELLING_BEKIJKEN
    queryset = Onderwijsinstelling.objects.all()
    template_name = "organisaties/onderwijsinstelling_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(onderwijsinstelling=self.object, **kwargs)


class PartnerschapDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.PARTNERSCHAP_BEKIJKEN
    queryset = Partnerschap.objects.prefetch_related("criteria__documenten", "opleidingen")
    template_name = "organisaties/partnerschap_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(partnerschap=self.object, **kwargs)


class OpleidingListView(TemplateView):
    """The public programme catalogue (learners and schools look up official names, R6)."""

    template_name = "organisaties/opleiding_list.html"
    request: PortalRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        zoekterm = self.request.GET.get("q", "").strip()[:100]
        page = pagina(
            self.request, selectors.opleidingen_zoeken(self.request.actor, zoekterm=zoekterm), 25
        )
        # The page links keep the search (partials/paginering.html).
        query = urlencode({"q": zoekterm}) if zoekterm else ""
        return super().get_context_data(page=page, zoekterm=zoekterm, query=query, **kwargs)


class OpleidingDetailView(TemplateView):
    template_name = "organisaties/opleiding_detail.html"
    request: PortalRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opleiding = get_visible_or_404(
            Opleiding.objects.select_related("partnerschap"),
            self.request.actor,
            public_id=self.kwargs["public_id"],
        )
        return super().get_context_data(opleiding=opleiding, **kwargs)
