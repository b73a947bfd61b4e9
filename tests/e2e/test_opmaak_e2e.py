"""The page layout at 320, 768 and 1280 px for the employer and the coach, and the time-out
warning (WCAG 2.2.1): warned, kept signed in, and no typed input lost when the session ends."""

import re

import pytest

from devtools.demo.portaal import DEMO_WACHTWOORD, demo_data_laden
from duaal.accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BREEDTES = (320, 768, 1280)
# The employer representative who also manages access and, here, the management site: the
# widest menu of any role.
ROLLEN = {
    "werkgever": "werkgever@demo.duaal.be",
    "trajectbegeleider": "trajectbegeleider@demo.duaal.be",
}


def inloggen(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def _menu_op_een_regel(page) -> tuple[float, float]:
    return page.evaluate(
        """() => {
          const lijst = document.querySelector('#hoofdmenu > .navbar-nav');
          const link = lijst.querySelector('.nav-link');
          return [lijst.getBoundingClientRect().height, link.getBoundingClientRect().height];
        }"""
    )


@pytest.mark.parametrize("rol", list(ROLLEN))
def test_the_layout_at_320_768_and_1280_px(page, live_server, screenshot, rol) -> None:
    demo_data_laden()
    User.objects.filter(email=ROLLEN["werkgever"]).update(is_staff=True)
    inloggen(page, live_server.url, ROLLEN[rol])
    page.wait_for_url(f"{live_server.url}/dashboard/")
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        page.reload()
        toggler = page.locator(".portaal-menu .navbar-toggler")
        if breedte < 1200:
            assert toggler.is_visible() and not page.locator("#hoofdmenu").is_visible()
            toggler.click()
            page.locator("#hoofdmenu.show").wait_for()
            assert page.get_by_role("link", name="Dashboard").first.is_visible()
        else:
            assert not toggler.is_visible()
            hoogte, regel = _menu_op_een_regel(page)
            assert hoogte <= regel * 1.2, f"{rol}: the menu wraps ({hoogte} px for {regel} px)"
        # Nothing sticks out sideways, at 320 px either.
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte
        footer = page.locator("footer")
        assert footer.get_by_role("link", name="Toegankelijkheid").is_visible()
        assert footer.get_by_role("link", name="Privacy").is_visible()
        screenshot(f"opmaak-{rol}-{breedte}")


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page, live_server) -> None:
    demo_data_laden()
    inloggen(page, live_server.url, ROLLEN["werkgever"])
    page.wait_for_url(f"{live_server.url}/dashboard/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#inhoud"


def test_the_time_out_warns_keeps_signed_in_and_keeps_typed_input(
    page, live_server, screenshot, settings
) -> None:
    # A short idle time: the warning 8 seconds before a 14-second time-out.
    settings.SESSION_IDLE_SECONDS = 14
    settings.SESSION_WARN_SECONDS = 8
    demo_data_laden()
    inloggen(page, live_server.url, ROLLEN["trajectbegeleider"])
    page.wait_for_url(f"{live_server.url}/dashboard/")
    formulier = f"{live_server.url}/leerlingen/nieuw/"
    page.goto(formulier)

    waarschuwing = page.get_by_role("alertdialog", name="Bent u er nog?")
    waarschuwing.wait_for(timeout=12_000)
    blijf = waarschuwing.get_by_role("button", name="Blijf aangemeld")
    assert page.evaluate(
        "document.getElementById('sessie-waarschuwing').contains(document.activeElement)"
    )
    screenshot("sessie-waarschuwing")
    blijf.click()
    waarschuwing.wait_for(state="hidden")
    page.get_by_label("Voornaam").fill("Fatima")
    # Past the first deadline the session still runs: "stay signed in" restarted the clock.
    page.wait_for_timeout(9_000)
    assert page.request.get(f"{live_server.url}/dashboard/", max_redirects=0).status == 200

    afgelopen = page.get_by_role("alertdialog", name="U bent uitgelogd")
    afgelopen.wait_for(timeout=25_000)
    screenshot("sessie-afgelopen")
    # The check above was itself a request: it restarted the server's idle clock 9 seconds
    # after "stay signed in", which this page's clock does not know. Until that clock runs out
    # the login page sends a person who is still logged in straight back to the form.
    page.wait_for_timeout(10_000)
    afgelopen.get_by_role("link", name="Opnieuw aanmelden").click()
    page.wait_for_url(re.compile(r"/account/inloggen/"))
    page.get_by_label("E-mailadres").fill(ROLLEN["trajectbegeleider"])
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(formulier)
    assert page.get_by_label("Voornaam").input_value() == "Fatima"
    assert page.locator("[data-formbehoud-melding]").is_visible()
    screenshot("sessie-teruggezet")
