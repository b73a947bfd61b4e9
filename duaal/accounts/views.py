from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from duaal.access import AUTHENTICATED, ActorRequiredMixin

from .forms import LoginForm, OndernemingRegistratieForm, OrganisatieWisselenForm
from .middleware import SESSION_KEY
from .services import OndernemingGegevens, onderneming_registreren


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


class OrganisatieWisselenView(ActorRequiredMixin, View):
    """Switch the organisation the user acts for; only to one of their own memberships."""

    permission = AUTHENTICATED
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OrganisatieWisselenForm(request.POST)
        eigen = {str(m.public_id): m for m in request.actor.memberships}
        if not form.is_valid() or str(form.cleaned_data["membership"]) not in eigen:
            messages.error(request, _("You have no membership in that organisation."))
            return redirect("portaal:dashboard")
        gekozen = eigen[str(form.cleaned_data["membership"])]
        request.session[SESSION_KEY] = str(gekozen.public_id)
        messages.success(
            request, _("You now act for %(organisatie)s.") % {"organisatie": gekozen.organisatie}
        )
        volgende = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(volgende)
        return redirect("portaal:dashboard")


class OndernemingRegistrerenView(FormView):
    """Public: an enterprise's representative registers the enterprise and an account (R5)."""

    form_class = OndernemingRegistratieForm
    template_name = "accounts/registreren.html"

    def form_valid(self, form: OndernemingRegistratieForm) -> HttpResponse:
        data = form.cleaned_data
        membership = onderneming_registreren(
            onderneming=OndernemingGegevens(
                **{k: data[k] for k in OndernemingGegevens.__dataclass_fields__}
            ),
            naam=data["vertegenwoordiger_naam"],
            email=data["email"],
            password=data["password1"],
        )
        login(self.request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("%(naam)s is registered. Add your establishments next.")
            % {"naam": membership.organisatie},
        )
        return redirect("portaal:dashboard")
