"""Page layout (header, footer, accessibility and privacy pages) and the session clock the
time-out warning reads (WCAG 2.2.1)."""

import re
import time

import pytest

from django.test import Client
from django.urls import reverse

from duaal.accounts.middleware import SEEN_AT_KEY
from duaal.accounts.models import User

from .factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _ingelogd(**extra) -> tuple[Client, User]:
    membership = MembershipFactory(**extra)
    client = Client()
    client.force_login(membership.user)
    return client, membership.user


@pytest.mark.parametrize("ingelogd", [False, True])
def test_every_page_links_the_accessibility_statement_and_privacy_page(ingelogd: bool) -> None:
    client = _ingelogd()[0] if ingelogd else Client()
    for url in (reverse("portaal:home"), reverse("accounts:login"), reverse("portaal:privacy")):
        html = client.get(url, follow=True).content.decode()
        voet = html[html.index("<footer") :]
        assert f'href="{reverse("portaal:toegankelijkheid")}"' in voet, url
        assert f'href="{reverse("portaal:privacy")}"' in voet, url
        assert "helpdesk@duaal-erkenning.example" in voet


def test_the_footer_shows_the_helpdesk_address_from_the_settings(settings) -> None:
    settings.PORTAAL_HELPDESK_EMAIL = "hulp@portaal.vlaanderen.example"
    html = Client().get(reverse("portaal:home")).content.decode()
    assert 'href="mailto:hulp@portaal.vlaanderen.example"' in html


def test_the_accessibility_statement_says_status_gaps_how_to_report_and_when() -> None:
    html = Client().get(reverse("portaal:toegankelijkheid")).content.decode()
    assert "gedeeltelijk" in html and "WCAG" in html  # conformance status
    assert "Gekende tekortkomingen" in html
    assert "mailto:helpdesk@duaal-erkenning.example" in html  # how to report a problem
    assert "Vlaamse Ombudsdienst" in html
    assert re.search(r"\d{1,2} december 2026", html)  # the date of the statement


def test_the_privacy_page_says_what_why_how_long_and_the_rights(settings) -> None:
    settings.SESSION_IDLE_SECONDS = 30 * 60
    html = Client().get(reverse("portaal:privacy")).content.decode()
    assert "rijksregisternummer" in html  # what: the INSZ among the learner's data
    assert "Waarom" in html and "Hoelang" in html and "Uw rechten" in html
    assert "596.2" in html and "30 dagen" in html  # the extract's retention
    assert "inzage" in html  # R63: the learner's right to inspect their data
    assert "30 minuten" in html
    assert not re.search(r"\(R\d+", html)  # rule ids stay out of the page


def test_the_menu_groups_the_public_catalogues_in_one_dropdown() -> None:
    client, _ = _ingelogd()
    html = client.get(reverse("portaal:dashboard")).content.decode()
    menu = html[html.index('id="hoofdmenu"') : html.index("</nav>")]
    assert 'class="dropdown-menu"' in menu
    keuzes = menu[menu.index('class="dropdown-menu"') :]
    assert reverse("organisaties:opleiding_list") in keuzes
    assert reverse("erkenning:publiek_zoeken") in keuzes


def test_the_skip_link_is_the_first_link_of_every_page() -> None:
    client, _ = _ingelogd()
    html = client.get(reverse("portaal:dashboard")).content.decode()
    body = html[html.index("<body") :]
    eerste = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body)
    assert eerste and 'href="#inhoud"' in eerste.group(0)


def test_the_body_carries_the_server_s_session_clock(settings) -> None:
    settings.SESSION_IDLE_SECONDS = 600
    settings.SESSION_WARN_SECONDS = 90
    client, _ = _ingelogd()
    html = client.get(reverse("portaal:dashboard")).content.decode()
    resterend = int(re.search(r'data-sessie-resterend="(\d+)"', html).group(1))
    assert 590 <= resterend <= 600
    assert 'data-sessie-waarschuwing="90"' in html
    assert 'role="alertdialog"' in html
    assert "data-sessie-resterend" not in Client().get(reverse("portaal:home")).content.decode()


def test_the_time_left_counts_from_the_last_request_the_server_saw(settings) -> None:
    settings.SESSION_IDLE_SECONDS = 600
    client, _ = _ingelogd()
    session = client.session
    session[SEEN_AT_KEY] = time.time() - 30
    session.save()
    html = client.get(reverse("portaal:dashboard")).content.decode()
    resterend = int(re.search(r'data-sessie-resterend="(\d+)"', html).group(1))
    assert 565 <= resterend <= 570  # a page view within the minute does not move the clock


def test_stay_signed_in_restarts_the_idle_clock(settings) -> None:
    settings.SESSION_IDLE_SECONDS = 600
    client, _ = _ingelogd()
    session = client.session
    session[SEEN_AT_KEY] = time.time() - 590
    session.save()
    antwoord = client.post(reverse("portaal:sessie_verlengen"))
    assert antwoord.status_code == 200
    assert 599 <= antwoord.json()["resterend"] <= 600
    assert time.time() - client.session[SEEN_AT_KEY] < 5


def test_stay_signed_in_cannot_pass_the_absolute_timeout(settings) -> None:
    settings.SESSION_IDLE_SECONDS = 600
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client, _ = _ingelogd()
    session = client.session
    session["ingelogd_om"] = time.time() - 3500
    session.save()
    assert client.post(reverse("portaal:sessie_verlengen")).json()["resterend"] <= 100


def test_stay_signed_in_after_the_time_out_does_not_revive_the_session(settings) -> None:
    settings.SESSION_IDLE_SECONDS = 600
    client, _ = _ingelogd()
    session = client.session
    session[SEEN_AT_KEY] = time.time() - 601
    session.save()
    antwoord = client.post(reverse("portaal:sessie_verlengen"))
    assert antwoord.status_code == 302 and reverse("accounts:login") in antwoord["Location"]
    assert client.get(reverse("portaal:dashboard")).status_code == 302


def test_stay_signed_in_needs_the_form_s_csrf_token() -> None:
    membership = MembershipFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(membership.user)
    assert client.post(reverse("portaal:sessie_verlengen")).status_code == 403
