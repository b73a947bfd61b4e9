"""The accessibility crawl: every role of the world logs in and follows the portal's links
breadth-first, one page per URL pattern per role, at 1280 px and in Dutch. Each page must have
0 axe-core violations at WCAG 2.1 AA, show no internal rule id and, unless it is a start or
login page, offer a way back (breadcrumbs or a back link).

Not followed: logout and the language switch (POST forms), downloads (anything that is not
HTML: the browser answers "Download is starting"), the government login (another origin) and
the Django admin beyond its index.
"""

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pytest

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from tests.world import World
from tests.world_dossiers import add_erkenning, add_overeenkomst

from .axe import Violation, axe_context, has_way_back, report, rule_ids_shown, run_axe
from .conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The crawl must stay well inside the suite's budget on a 2-core machine.
MAX_SECONDS = 600
# Where a person starts, so no way back is asked: the start pages and the login pages.
START_PAGES = {
    "portaal:home",
    "portaal:dashboard",
    "accounts:login",
    "admin:index",
    "admin:login",
    "overeenkomsten:mijn_dossier",
    "overeenkomsten:link_pagina",
}
NOT_FOLLOWED = {"accounts:logout", "set_language", "accounts:oidc_login"}


@dataclass
class Bezoeker:
    """Who crawls: a name for the report, where they start and the session cookie, if any."""

    naam: str
    start: str
    sessie: str | None = None


@dataclass
class Bevindingen:
    violations: list[Violation] = field(default_factory=list)
    regelcodes: list[str] = field(default_factory=list)
    zonder_weg_terug: list[str] = field(default_factory=list)
    kapotte_links: list[str] = field(default_factory=list)
    bezocht: dict[str, list[str]] = field(default_factory=dict)

    def fouten(self) -> str:
        parts = []
        if self.violations:
            parts.append(report(self.violations))
        for titel, lijst in (
            ("Internal rule ids shown", self.regelcodes),
            ("No breadcrumbs or back link", self.zonder_weg_terug),
            ("Links that fail", self.kapotte_links),
        ):
            if lijst:
                parts.append("\n".join([f"{titel}:", *(f"  {x}" for x in lijst)]))
        return "\n\n".join(parts)


def _sessie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _ouderlink(world: World) -> str:
    """The personal link the learner's legal representative gets mailed (R59)."""
    import datetime as dt

    from django.core import signing
    from django.utils import timezone

    from overeenkomsten.constants import LINK_SALT, Partij
    from overeenkomsten.models import Uitnodiging

    side = world.sides["A"]
    uitnodiging = Uitnodiging.objects.create(
        overeenkomst=side.overeenkomst,
        versie=1,
        partij=Partij.VERTEGENWOORDIGER,
        e_mail=side.leerling.vertegenwoordiger_e_mail,
        geldig_tot=timezone.now() + dt.timedelta(days=14),
    )
    token = signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)
    return reverse("overeenkomsten:link_openen", kwargs={"token": token})


def _leerling(world: World) -> User:
    """The learner with the government login: their signed agreement has its PDF."""
    from django.core.files.base import ContentFile

    from overeenkomsten.models import OvereenkomstDocument
    from tests.factories import UserFactory
    from tests.support import KLEINE_PDF

    side = world.sides["A"]
    if not OvereenkomstDocument.objects.filter(overeenkomst=side.getekend).exists():
        document = OvereenkomstDocument(overeenkomst=side.getekend, versie=1, sha256="0" * 64)
        document.bestand.save("overeenkomst.pdf", ContentFile(KLEINE_PDF))
    return UserFactory(insz=side.leerling.insz, naam="Lotte Leerling")


@pytest.fixture
def bezoekers(world: World) -> list[Bezoeker]:
    """Every role of side A, the anonymous visitor, the learner and their parent; both sides
    carry a full dossier, so the lists, details and actions have something to show."""
    for side in world.sides.values():
        add_erkenning(side)
        add_overeenkomst(side)
    _te_laat(world)
    users = world.sides["A"].users
    dashboard = reverse("portaal:dashboard")
    return [
        *(Bezoeker(rol, dashboard, _sessie(users[rol])) for rol in Rol.values),
        Bezoeker("anoniem", reverse("portaal:home")),
        Bezoeker("leerling", reverse("overeenkomsten:mijn_dossier"), _sessie(_leerling(world))),
        Bezoeker("ouder", _ouderlink(world)),
    ]


def _te_laat(world: World) -> None:
    """Side A's open application was found complete long ago: its decision is overdue, so
    the queue shows its highlighted row."""
    import datetime as dt

    from django.utils import timezone

    from erkenning.services import aanvraag_volledig_verklaren
    from tests.support import als

    side = world.sides["A"]
    aanvraag_volledig_verklaren(
        aanvraag=side.aanvraag,
        door=als(side.users[Rol.SECTORCONSULENT]),
        now=timezone.now() - dt.timedelta(days=120),
    )


def _patroon(path: str) -> str | None:
    """The URL pattern a path belongs to (its view name), None when it is not crawled."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    naam = match.view_name or match.route
    if path.startswith("/beheer/") and naam != "admin:index":
        return None
    return None if naam in NOT_FOLLOWED else naam


def _zonder_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


@dataclass
class Crawl:
    page: object
    base: str
    bevindingen: Bevindingen
    naam: str = ""

    def links(self) -> Iterator[str]:
        for href in self.page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            if href.startswith(self.base + "/"):
                yield _zonder_fragment(href)

    def open(self, url: str) -> bool:
        """Open `url`; False when it is no HTML page (a download) or fails (a finding)."""
        from playwright.sync_api import Error

        try:
            response = self.page.goto(url)
        except Error as error:
            if "Download is starting" in str(error):
                return False
            raise
        if response is None or response.status >= 400:
            status = response.status if response else "-"
            self.bevindingen.kapotte_links.append(f"{status} {url} ({self.naam})")
            return False
        return response.headers.get("content-type", "").startswith("text/html")

    def check(self, patroon: str) -> None:
        url = self.page.url
        self.bevindingen.violations += run_axe(self.page)
        if codes := rule_ids_shown(self.page):
            self.bevindingen.regelcodes.append(f"{url} ({self.naam}): {', '.join(codes)}")
        if patroon not in START_PAGES and not has_way_back(self.page):
            self.bevindingen.zonder_weg_terug.append(f"{patroon} {url} ({self.naam})")

    def run(self, bezoeker: Bezoeker) -> list[str]:
        self.naam = bezoeker.naam
        gezien: set[str] = set()
        wachtrij = deque([self.base + bezoeker.start])
        bezocht: list[str] = []
        while wachtrij:
            url = wachtrij.popleft()
            patroon = _patroon(urlsplit(url).path)
            if patroon is None or patroon in gezien:
                continue
            gezien.add(patroon)
            if not self.open(url):
                continue
            aangekomen = _patroon(urlsplit(self.page.url).path)
            if aangekomen != patroon and (aangekomen in gezien or aangekomen is None):
                continue
            gezien.add(aangekomen)
            if not bezocht:
                self.page.screenshot(path=str(ARTIFACTS / f"crawl-{bezoeker.naam}.png"))
            bezocht.append(f"{aangekomen} {self.page.url}")
            self.check(aangekomen)
            wachtrij.extend(self.links())
        return bezocht


def test_every_page_of_every_role_passes_the_accessibility_gate(
    browser, live_server, bezoekers: list[Bezoeker], capsys
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    bevindingen = Bevindingen()
    begin = time.monotonic()
    for bezoeker in bezoekers:
        with axe_context(browser) as context:
            if bezoeker.sessie:
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": bezoeker.sessie,
                            "url": live_server.url,
                        }
                    ]
                )
            page = context.new_page()
            page.set_default_timeout(15_000)
            crawl = Crawl(page, live_server.url, bevindingen)
            bevindingen.bezocht[bezoeker.naam] = crawl.run(bezoeker)
    duur = time.monotonic() - begin
    paginas = sum(len(v) for v in bevindingen.bezocht.values())
    samenvatting = [f"accessibility crawl: {paginas} pages in {duur:.0f} s"] + [
        f"  {naam}: {len(urls)} pages" for naam, urls in bevindingen.bezocht.items()
    ]
    (ARTIFACTS / "crawl.txt").write_text(
        "\n".join(
            samenvatting
            + [f"{naam} {url}" for naam, urls in bevindingen.bezocht.items() for url in urls]
            + ["", bevindingen.fouten()]
        )
    )
    with capsys.disabled():
        print("\n" + "\n".join(samenvatting))
    assert all(bevindingen.bezocht.values()), "a role reached no page"
    assert duur < MAX_SECONDS, f"the crawl took {duur:.0f} s"
    assert not bevindingen.fouten(), bevindingen.fouten()
