"""One whole journey with the keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7): an employer skips
to the content of the start page, logs in, goes to the mentor register, opens the form,
submits it with a field left empty, follows the error summary to the field and registers the
mentor. Tab, Shift+Tab, Enter and Space move and act; only the answers are typed. Every focus
stop shows a focus indicator."""

import datetime as dt
import re

import pytest

from duaal.accounts.constants import Rol
from mentors.models import Mentor
from tests.factories import insz
from tests.world import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory
MAX_STOPS = 80

# What the focused element is, and whether it shows a focus indicator: an outline or a
# box-shadow (Bootstrap's focus ring) that is there now and not without focus.
_FOCUS = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== "none";
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60), visible: outline || shadow,
  };
}"""


def _focus(page) -> dict:
    return page.evaluate(_FOCUS)


def _tab_to(page, wanted, *, key: str = "Tab") -> dict:
    """Press Tab until the focused element is `wanted`; each stop must show its focus."""
    stops = []
    for _ in range(MAX_STOPS):
        page.keyboard.press(key)
        focus = _focus(page)
        stops.append(focus["id"] or focus["href"] or focus["text"])
        if focus["tag"] != "body":
            assert focus["visible"], f"no visible focus indicator on {focus}"
        if wanted(focus):
            return focus
    raise AssertionError(f"not reached in {MAX_STOPS} focus stops: {stops}")


def _type_into(page, field_id: str, text: str) -> None:
    _tab_to(page, lambda f: f["id"] == field_id)
    page.keyboard.type(text)


def test_an_employer_registers_a_mentor_with_the_keyboard_only(
    page, live_server, world: World, screenshot
) -> None:
    werkgever = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    page.goto(f"{live_server.url}/")

    # The skip link is the first stop and moves focus to the main content.
    page.keyboard.press("Tab")
    skip = _focus(page)
    assert skip["href"] == "#inhoud" and skip["visible"], skip
    screenshot("toetsenbord-skiplink")
    page.keyboard.press("Enter")
    assert _focus(page)["id"] == "inhoud"

    # Back up to the header's login link; the login form puts focus on the e-mail address.
    _tab_to(page, lambda f: f["href"] == "/account/inloggen/", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/inloggen/")
    assert _focus(page)["id"] == "id_username"
    page.keyboard.type(werkgever.email)
    _type_into(page, "id_password", WACHTWOORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/dashboard/")

    _tab_to(page, lambda f: f["href"] == "/mentoren/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/mentoren/")
    _tab_to(page, lambda f: f["href"] == "/mentoren/nieuw/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/mentoren/nieuw/")

    geboren = dt.date(1980, 5, 17)
    _type_into(page, "id_voornaam", "Jonas")
    # The last name is left empty.
    _type_into(page, "id_insz", insz(geboren, 61))
    _type_into(page, "id_geboortedatum", geboren.strftime("%d/%m/%Y"))
    _type_into(page, "id_functie", "Chef-kok")
    _type_into(page, "id_jaren_ervaring", "12")
    # Back with Shift+Tab to check the first name, then on to the submit button (Space).
    _tab_to(page, lambda f: f["id"] == "id_voornaam", key="Shift+Tab")
    _tab_to(page, lambda f: f["tag"] == "button" and "mentor" in f["text"].lower())
    with page.expect_navigation():
        page.keyboard.press("Space")

    # After the refused submit, focus is on the error summary; its link leads to the field.
    assert _focus(page)["id"] == "foutenoverzicht"
    screenshot("toetsenbord-foutenoverzicht")
    link = _tab_to(page, lambda f: f["href"] == "#id_achternaam")
    assert "Achternaam" in link["text"]
    page.keyboard.press("Enter")
    if _focus(page)["id"] != "id_achternaam":  # the link's target starts the next Tab
        _tab_to(page, lambda f: f["id"] == "id_achternaam")
    page.keyboard.type("Claes")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mentoren/[0-9a-f-]{36}/"))
    assert Mentor.objects.filter(achternaam="Claes", onderneming=world.sides["A"].onderneming)
    screenshot("toetsenbord-mentor-geregistreerd")
