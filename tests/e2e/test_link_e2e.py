"""A learner opens their personal link in the browser (R59, R61): the token is in the URL only
once, swapped for a short session and left by a redirect, so neither a later URL, a Referer
nor any log record holds it; the pages send no Referer at all.

The agreement is drafted and sent through the screens with the test client; the learner's
mail, as delivered, carries the link.
"""

import re

import pytest

from django.core import mail
from django.test import Client

from duaal.requestlog import JsonFormatter
from overeenkomsten.constants import Partij
from overeenkomsten.models import Goedkeuring
from tests import overeenkomst_screens
from tests.overeenkomst_screens import Plek, _verstuurd
from tests.test_geen_insz_in_logs import logs  # noqa: F401 (a fixture)
from tests.world import World

from .conftest import ARTIFACTS
from .test_overeenkomst_e2e import _ggmmi_seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture

LINK = re.compile(r"https?://\S+/goedkeuren/([^/\s]+)/")
PAGINA = re.compile(r".*/link/[0-9a-f-]{36}/$")


def test_the_learner_approves_and_the_token_leaves_no_trace(
    page,
    live_server,
    settings,
    world: World,
    plek: Plek,
    capture,
    logs,  # noqa: F811
) -> None:
    settings.PORTAAL_URL = live_server.url  # the link is built when the mail is delivered
    _ggmmi_seed()
    o = _verstuurd(world, plek, capture)
    (bericht,) = [m for m in mail.outbox if m.to == [o.leerling.e_mail]]
    match = LINK.search(bericht.body)
    link, token = match.group(0), match.group(1)

    urls: list[str] = []
    headers: dict[str, dict[str, str]] = {}
    posts: list[dict[str, str]] = []
    page.on("request", lambda r: urls.append(r.url))
    page.on("request", lambda r: r.method == "POST" and posts.append(r.headers))
    page.on("response", lambda r: urls.append(r.headers.get("location", "")))
    page.on("response", lambda r: headers.setdefault(r.url, r.headers))

    page.goto(link)
    page.wait_for_url(PAGINA)
    assert token not in page.url
    assert page.locator("[data-testid=inhoud]").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "link-sessie.png"), full_page=True)
    # The mailed URL and the page it leads to both forbid any Referer.
    assert headers[link]["referrer-policy"] == "no-referrer"
    assert headers[page.url]["referrer-policy"] == "no-referrer"
    assert headers[page.url]["cache-control"] == "private, no-store"
    # Without a Referer the browser posts "Origin: null", which Django's CSRF check refuses:
    # every form here carries the session's key instead (the header's forms are left out).
    assert page.locator("form[method=post]").count() >= 1
    assert page.locator("form[method=post]:not(:has(input[name=sleutel]))").count() == 0

    with page.expect_download() as download:
        page.locator("[data-testid=pdf]").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_selector("[data-testid=bedankt]")
    assert Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()
    assert posts and not [h for h in posts if "referer" in h]
    assert {h.get("origin") for h in posts} == {"null"}  # and yet the approval went through

    # The used link answers 410, which django.request logs with the path.
    assert Client().get(link).status_code == 410

    assert urls[0] == link and len(urls) > 5
    assert not [u for u in urls[1:] if token in u]
    regels = [JsonFormatter().format(r) for r in logs.records] + [logs.text]
    assert [r for r in logs.records if r.getMessage().startswith("Gone: /goedkeuren/[token]/")]
    assert not [r for r in regels if token in r]
