"""Bad input never gives a 500 and implausible values are never stored (issue 13, findings of
the attacker's probe): control characters in query parameters and form fields, dates far in
the past or future, postcodes outside 1000-9999, and a measure that ends before it begins."""

import datetime as dt
import json

import pytest

from django import forms
from django.db import connection
from django.urls import reverse

from duaal.accounts.actor import actor_for
from duaal.accounts.constants import Rol
from duaal.forms import (
    CONTROL_CHARACTERS_ONE_LINE,
    CONTROL_CHARACTERS_TEXT,
    DatumField,
    PortalForm,
)
from duaal.organisaties.validators import validate_postcode
from duaal.views import vandaag_nu as _vandaag
from erkenning.constants import SanctieSoort
from erkenning.exceptions import ErkenningFout
from erkenning.models import Sanctie
from erkenning.services import vestiging_uitsluiten
from overeenkomsten.forms import LeerlingForm
from tests.support import getypt as _datum

from .test_settings import PRODUCTION_ENV, _manage
from .world import World

GEWEIGERD = 'data-testid="ongeldige-invoer"'


@pytest.mark.django_db
def test_a_nul_byte_in_the_programme_search_is_a_400_with_the_dutch_message(client) -> None:
    response = client.get("/opleidingen/?q=%00")
    assert response.status_code == 400
    assert GEWEIGERD in response.content.decode()
    assert "stuurteken" in response.content.decode()  # Dutch: "control character"


@pytest.mark.django_db
def test_a_nul_byte_in_the_mandate_search_is_a_400(world: World) -> None:
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    response = client.get("/machtigingen/?zoek=%00abc")
    assert response.status_code == 400 and GEWEIGERD in response.content.decode()


# Run under the production settings, against this test run's database: the request must be
# refused before any query (today's code sends the NUL byte to PostgreSQL: a 500).
_PRODUCTIE_CODE = """
import json
from django.conf import settings
from django.test import Client, override_settings
from duaal.accounts.models import User
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
uit = {}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
    client = Client()
    client.force_login(User.objects.get(email=EMAIL))
    for url in ("/opleidingen/?q=%00", "/machtigingen/?zoek=%00abc"):
        r = client.get(url, secure=True, HTTP_HOST="portaal.example")
        uit[url] = [r.status_code, 'data-testid="ongeldige-invoer"' in r.content.decode()]
print("NUL", json.dumps(uit))
"""


@pytest.mark.django_db(transaction=True)
def test_a_nul_byte_in_a_query_is_a_400_on_the_production_settings(world: World) -> None:
    db = connection.settings_dict
    env = {
        # One TLS proxy in front, unless the production test settings say otherwise.
        "TRUSTED_PROXY_COUNT": "1",
        **PRODUCTION_ENV,
        "SECRET_KEY": "k" * 60,
        "LOG_FORMAT": "plain",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    email = world.sides["A"].users[Rol.VERTEGENWOORDIGER].email
    result = _manage("shell", "-c", f"EMAIL = {email!r}\n{_PRODUCTIE_CODE}", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    regel = next(r for r in result.stdout.splitlines() if r.startswith("NUL "))
    assert json.loads(regel[4:]) == {
        "/opleidingen/?q=%00": [400, True],
        "/machtigingen/?zoek=%00abc": [400, True],
    }


class _Formulier(PortalForm):
    naam = forms.CharField(label="naam", max_length=50)
    toelichting = forms.CharField(label="toelichting", widget=forms.Textarea, required=False)
    keuze = forms.ChoiceField(label="keuze", choices=[("a", "A")], required=False)
    op = DatumField(label="op", required=False)


@pytest.mark.parametrize(
    "data, fout",
    [
        ({"naam": "Jan\x00"}, "naam"),
        ({"naam": "Jan\tPeeters"}, "naam"),
        ({"naam": "Jan\x1b[31m"}, "naam"),
        ({"naam": "Jan", "toelichting": "regel\x07"}, "toelichting"),
        ({"naam": "Jan", "keuze": "\x00"}, "keuze"),
        ({"naam": "Jan", "op": "01/01/2026\x00"}, "op"),
    ],
)
def test_every_portal_form_refuses_control_characters_and_keeps_the_input(data, fout) -> None:
    form = _Formulier(data=data)
    assert not form.is_valid()
    assert list(form.errors) == [fout]
    melding = CONTROL_CHARACTERS_TEXT if fout == "toelichting" else CONTROL_CHARACTERS_ONE_LINE
    assert form.errors[fout] == [str(melding)]
    assert form[fout].value() == data[fout]  # shown again as typed


def test_tab_and_line_breaks_are_text_in_a_multi_line_field() -> None:
    form = _Formulier(data={"naam": " Jan\r\n", "toelichting": "één\r\n\ttwee\ndrie"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["naam"] == "Jan"


@pytest.mark.django_db
def test_a_nul_byte_in_the_mandate_form_is_refused_on_the_form(world: World) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    data = {"zoek": "\x00abc", "gemachtigde": str(side.onderwijsinstelling.public_id)}
    response = client.post(reverse("erkenning:machtiging_list"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["zoek"] == [str(CONTROL_CHARACTERS_ONE_LINE)]


@pytest.mark.parametrize("waarde", ["01/01/0001", "31/12/9999"])
def test_a_date_far_in_the_past_or_future_is_refused(waarde: str) -> None:
    with pytest.raises(forms.ValidationError) as fout:
        DatumField().clean(waarde)
    assert fout.value.code == "buiten_bereik"


@pytest.mark.django_db
def test_a_site_visit_in_year_1_is_refused(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    client = erkenning_world.client_for("A", Rol.SECTORCONSULENT)
    url = reverse("erkenning:plaatsbezoek", args=[side.aanvraag.public_id])
    response = client.post(url, {"bezocht_op": "01/01/0001", "verslag": "Bezocht."})
    assert response.status_code == 200 and list(response.context["form"].errors) == ["bezocht_op"]
    side.aanvraag.refresh_from_db()
    assert side.aanvraag.plaatsbezoek_op is None


@pytest.mark.parametrize("postcode", ["-100", "0999", "999", "10000", "١٢٣٤", "9 00"])
def test_a_postcode_outside_1000_to_9999_is_refused(postcode: str) -> None:
    with pytest.raises(forms.ValidationError):
        validate_postcode(postcode)


@pytest.mark.parametrize("postcode", ["1000", "9000", "9999"])
def test_a_belgian_postcode_is_accepted(postcode: str) -> None:
    validate_postcode(postcode)


@pytest.mark.django_db
def test_a_learner_with_postcode_minus_100_is_refused() -> None:
    form = LeerlingForm(data={"postcode": "-100"})
    assert not form.is_valid() and "postcode" in form.errors


@pytest.mark.django_db
def test_the_public_search_refuses_postcode_minus_100(client) -> None:
    response = client.get(reverse("erkenning:publiek_zoeken"), {"plaats": "-100"})
    assert response.status_code == 200 and "plaats" in response.context["form"].errors
    gemeente = client.get(reverse("erkenning:publiek_zoeken"), {"plaats": "Sint-Niklaas"})
    assert gemeente.context["form"].is_valid()


@pytest.mark.django_db
def test_a_measure_cannot_end_before_it_is_imposed(erkenning_world: World) -> None:
    """R24: the service refuses it, whoever calls it."""
    side = erkenning_world.sides["A"]
    with pytest.raises(ErkenningFout):
        vestiging_uitsluiten(
            erkenning=side.erkenning,
            motivering="Tijdelijk uitgesloten.",
            door=actor_for(side.users[Rol.PARTNERSCHAPSBEHEERDER]),
            tot=_vandaag() - dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_the_sanction_form_shows_why_an_end_before_today_is_refused(
    erkenning_world: World,
) -> None:
    side = erkenning_world.sides["A"]
    client = erkenning_world.client_for("A", Rol.PARTNERSCHAPSBEHEERDER)
    voor = Sanctie.objects.count()
    response = client.post(
        reverse("erkenning:sanctie_opleggen", args=[side.erkenning.public_id]),
        {
            "soort": SanctieSoort.UITSLUITING_VESTIGING,
            "motivering": "Tijdelijk uitgesloten.",
            "tot": _datum(_vandaag() - dt.timedelta(days=1)),
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert Sanctie.objects.count() == voor


@pytest.mark.django_db
def test_the_management_site_checks_a_postcode_too(rf, admin_user) -> None:
    from django.contrib import admin

    from duaal.organisaties.forms import PostcodeField
    from duaal.organisaties.models import Onderneming, Onderwijsinstelling

    request = rf.get("/beheer/")
    request.user = admin_user
    for model in (Onderneming, Onderwijsinstelling):
        form = admin.site._registry[model].get_form(request)
        assert isinstance(form.base_fields["postcode"], PostcodeField), model
        assert "postcode" in form(data={"postcode": "-100"}).errors
