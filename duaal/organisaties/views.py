"""Thin views: look up through the access policy, validate with a form, call one service."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from duaal.access import VisibleObjectMixin, get_visible_or_404
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.exceptions import DomainError
from duaal.http import PortalRequest
from duaal.views import pagina

from . import selectors
from .forms import CriteriumForm, RegelsForm, VestigingForm
from .models import Criterium, Onderneming, Onderwijsinstelling, Opleiding, Partnerschap, Vestiging
from .programmaregels import opleidingsregels_voor
from .regels import REGEL_VELDEN
from .regels_in_woorden import in_woorden
from .sector import kan_sector_verklaren, open_verklaringen, verklaringen_van
from .services import (
    criterium_schrappen,
    criterium_toevoegen,
    criterium_wijzigen,
    kan_criteria_wijzigen,
    kan_opleidingsregels_wijzigen,
    regels_wijzigen,
    vestiging_toevoegen,
    vestiging_wijzigen,
)


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
            sectorverklaringen=list(verklaringen_van(self.object)),
            mag_sector_verklaren=kan_sector_verklaren(
                self.object,
                partnerschap=None,
                sector=None,
                door=self.request.actor,
                now=timezone.now(),
            ).allowed,
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
    queryset = Partnerschap.objects.prefetch_related("opleidingen")
    template_name = "organisaties/partnerschap_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partnerschap, now = self.object, timezone.now()
        return super().get_context_data(
            partnerschap=partnerschap,
            criteria=selectors.criteria_voor(partnerschap.pk, op=now).criteria,
            regels=selectors.regels_voor(partnerschap, op=now),
            mag_beheren=kan_criteria_wijzigen(
                partnerschap, door=self.request.actor, now=now
            ).allowed,
            # Only the partnership's reviewers: the page itself is public to every user.
            open_sectorverklaringen=list(open_verklaringen(partnerschap))
            if self.request.actor.may(perms.AANVRAAG_BEOORDELEN, partnerschap).allowed
            else [],
            **kwargs,
        )


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
        now = timezone.now()
        regels = opleidingsregels_voor(opleiding, op=now)
        return super().get_context_data(
            opleiding=opleiding,
            regels=regels,
            regels_in_woorden=in_woorden(regels),
            mag_regels_wijzigen=kan_opleidingsregels_wijzigen(
                opleiding, door=self.request.actor, now=now
            ).allowed,
            **kwargs,
        )


class PartnerschapBeheerMixin(VisibleObjectMixin):
    """The partnership admin's own pages on its rules: 404 for what one cannot see, 403 for
    anyone but an admin of this partnership (the guard of the changes says so)."""

    permission = perms.PARTNERSCHAP_BEHEREN
    queryset = Partnerschap.objects.all()

    def check_access(self, request: PortalRequest) -> None:
        super().check_access(request)
        if not kan_criteria_wijzigen(self.object, door=request.actor, now=timezone.now()).allowed:
            raise PermissionDenied

    def regels_url(self) -> str:
        return reverse(
            "organisaties:partnerschap_regels", kwargs={"public_id": self.object.public_id}
        )


class PartnerschapRegelsView(PartnerschapBeheerMixin, FormView):
    """The rules in force now (cap, training deadline, escalation address), the criteria in
    force with their documents, and every earlier version with its date and author."""

    form_class = RegelsForm
    template_name = "organisaties/partnerschap_regels.html"

    def get_initial(self) -> dict[str, Any]:
        regels = selectors.regels_voor(self.object, op=timezone.now())
        return {veld: getattr(regels, veld) for veld in REGEL_VELDEN}

    def form_valid(self, form: RegelsForm) -> HttpResponse:
        try:
            regels_wijzigen(partnerschap=self.object, door=self.request.actor, **form.cleaned_data)
        except DomainError as fout:
            form.add_error(None, fout.message)
            return self.form_invalid(form)
        except ValidationError as fout:
            form.add_error(None, fout.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("The rules were saved; they apply from now on."))
        return HttpResponseRedirect(self.regels_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partnerschap = self.object
        return super().get_context_data(
            partnerschap=partnerschap,
            criteriaset=selectors.criteria_voor(partnerschap.pk, op=timezone.now()),
            criteriaversies=selectors.criteriaversies_van(partnerschap.pk),
            regelversies=selectors.regelversies_van(partnerschap),
            **kwargs,
        )


class CriteriumBewerkenView(PartnerschapBeheerMixin, FormView):
    """Add a criterion, or change or remove the one in `?criterium=`; each save is a new
    version of the criteria from now on."""

    form_class = CriteriumForm
    template_name = "organisaties/criterium_form.html"

    def criterium(self) -> Criterium | None:
        if not hasattr(self, "_criterium"):
            ref = self.request.POST.get("criterium") or self.request.GET.get("criterium")
            self._criterium = None
            if ref:
                huidige = selectors.criteria_voor(self.object.pk, op=timezone.now()).criteria
                self._criterium = next((c for c in huidige if str(c.pk) == ref), None)
                if self._criterium is None:
                    raise Http404
        return self._criterium

    def stand(self) -> int:
        return len(selectors.criteriaversies_van(self.object.pk))

    def get_form_kwargs(self) -> dict[str, Any]:
        criterium = self.criterium()
        documenten = list(criterium.documenten.all()) if criterium else []
        return {**super().get_form_kwargs(), "documenten": documenten}

    def get_initial(self) -> dict[str, Any]:
        criterium = self.criterium()
        initial: dict[str, Any] = {"stand": self.stand()}
        if criterium:
            initial.update(omschrijving=criterium.omschrijving, volgorde=criterium.volgorde)
        return initial

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        criterium = self.criterium()
        if "schrappen" in request.POST and criterium is not None:
            try:
                criterium_schrappen(criterium=criterium, door=self.request.actor)
            except DomainError as fout:
                messages.error(request, fout.message)
                return HttpResponseRedirect(self.regels_url())
            messages.success(
                request, _("Criterion removed; applications submitted before keep it.")
            )
            return HttpResponseRedirect(self.regels_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: CriteriumForm) -> HttpResponse:
        if form.cleaned_data["stand"] != self.stand():
            form.add_error(
                None,
                _(
                    "Someone changed the criteria since you opened this page. Check the "
                    "current version under the partnership's rules and save again."
                ),
            )
            assert isinstance(form.data, QueryDict)  # a bound POST
            data = form.data.copy()
            data["stand"] = str(self.stand())  # saving again after checking is then possible
            form.data = data
            return self.form_invalid(form)
        gegevens = {
            "door": self.request.actor,
            "omschrijving": form.cleaned_data["omschrijving"],
            "volgorde": form.cleaned_data["volgorde"],
            "documenten": form.documenten(),
        }
        criterium = self.criterium()
        try:
            if criterium is None:
                criterium_toevoegen(partnerschap=self.object, **gegevens)
            else:
                criterium_wijzigen(criterium=criterium, **gegevens)
        except DomainError as fout:
            form.add_error(None, fout.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Criterion saved; it applies from now on."))
        return HttpResponseRedirect(self.regels_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            partnerschap=self.object,
            criterium=self.criterium(),
            regels_url=self.regels_url(),
            **kwargs,
        )
