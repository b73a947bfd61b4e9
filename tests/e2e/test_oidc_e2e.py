"""The government login in a real browser: "Aanmelden met eID of itsme", the provider's own
login form, the choice of capacity, and the dashboard of the organisation chosen."""

import pytest

from tests.factories import OndernemingFactory
from tests.oidc_accounts import KBO_BAKKERIJ, KBO_TWEEDE, WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_person_with_two_enterprises_logs_in_and_chooses(
    page, live_server, screenshot, settings, oidc_provider
):
    settings.OIDC_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = "duaal-portaal", "portaal-geheim"
    OndernemingFactory(kbo_nummer=KBO_BAKKERIJ, naam="Bakkerij Test")
    OndernemingFactory(kbo_nummer=KBO_TWEEDE, naam="Tweede Zaak")

    page.goto(f"{live_server.url}/account/inloggen/")
    screenshot("oidc-inlogpagina")
    page.get_by_role("link", name="Aanmelden met eID of itsme").click()

    # The provider's own page.
    page.wait_for_url(f"{oidc_provider.issuer}/**")
    page.locator("#login").fill("twee-ondernemingen")
    page.locator("#password").fill(WACHTWOORD)
    screenshot("oidc-provider-login")
    page.get_by_role("button", name="Aanmelden").click()

    page.wait_for_url("**/account/hoedanigheid/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Kies in welke hoedanigheid u handelt"
    )
    screenshot("oidc-hoedanigheid-kiezen")
    page.get_by_role("button", name="Handel voor Tweede Zaak").click()

    page.wait_for_url("**/dashboard/**")
    assert "Tweede Zaak" in page.locator("#organisatie-wissel option:checked").inner_text()
    screenshot("oidc-dashboard-tweede-zaak")
