"""From a new learner to a signed agreement in the browser (R44-R48, R54-R66).

The coach registers a minor learner, records a positive advice, approves them for dual
learning and for De Linde Gent after the intake, drafts the agreement with a timetable and
sends it; the coach approves for the school and the employer for the enterprise; the learner
and the legal representative approve through the personal links they were mailed; the coach
sees the agreement signed and downloads its PDF, whose first page is kept as a picture.
Throughout, every log record (at DEBUG) and every URL the browser asked for or was redirected
to is kept: none may hold the learner's or the mentor's INSZ (S7).

Elements are found by id, data-testid and href until the Dutch catalogue has these screens.
"""

import datetime as dt
import re
import subprocess
from importlib import import_module

import pytest
from dateutil.relativedelta import relativedelta

from django.core import mail
from django.utils import timezone

from devtools.demo.erkenning import demo_erkenning_laden
from devtools.demo.portaal import demo_data_laden
from duaal.insz import insz_voor
from duaal.organisaties.models import Opleiding, Vestiging
from duaal.requestlog import JsonFormatter
from duaal.termijnen import vandaag
from erkenning.models import Machtiging
from mentors.models import MentorToewijzing
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, Partij
from overeenkomsten.models import Leerling, Overeenkomst
from tests.test_geen_insz_in_logs import logs, spellings  # noqa: F401 (a fixture)

from .conftest import ARTIFACTS
from .test_dashboards import login
from .test_erkenning import _wissel
from .test_mentors import submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LEERLING_DETAIL = re.compile(r".*/leerlingen/[0-9a-f-]{36}/$")
OVEREENKOMST_DETAIL = re.compile(r".*/overeenkomsten/[0-9a-f-]{36}/$")
LINK = re.compile(r"https?://\S+/goedkeuren/[^/\s]+/")

# Workplace Monday to Wednesday, lessons Thursday and Friday: 24 workplace hours, never more
# than 8 hours a day for a minor (R77).
ROOSTER = [
    ("1", "werkplek", "08:00", "16:00"),
    ("2", "werkplek", "08:00", "16:00"),
    ("3", "werkplek", "08:00", "16:00"),
    ("4", "school", "08:30", "15:30"),
    ("5", "school", "08:30", "15:30"),
]


def _datum(dag: dt.date) -> str:
    return dag.strftime("%d/%m/%Y")


def _registreren(page, base: str, opleiding: Opleiding, geboortedatum: dt.date) -> Leerling:
    page.locator("header nav a[href='/leerlingen/']").click()
    page.wait_for_url(f"{base}/leerlingen/")
    page.locator("[data-testid=leerling-nieuw]").click()
    velden = {
        "voornaam": "Jana",
        "achternaam": "Verstraete",
        "insz": insz_voor(geboortedatum, 77),
        "geboortedatum": _datum(geboortedatum),
        "e_mail": "jana@leerling.example",
        "straat": "Veldstraat",
        "huisnummer": "12",
        "postcode": "9000",
        "gemeente": "Gent",
        "start_lessen": _datum(vandaag(timezone.now()) - dt.timedelta(days=3)),
        "vertegenwoordiger_naam": "Koen Verstraete",
        "vertegenwoordiger_e_mail": "koen@ouder.example",
    }
    for veld, waarde in velden.items():
        page.locator(f"#id_{veld}").fill(waarde)
    page.locator("#id_opleiding").select_option(str(opleiding.public_id))
    submit(page)
    page.wait_for_url(LEERLING_DETAIL)
    return Leerling.objects.get()


def _opstellen(page, toewijzing: MentorToewijzing, start: dt.date) -> None:
    page.locator("[data-testid=opstellen]").click()
    page.locator("#id_toewijzing").select_option(str(toewijzing.public_id))
    page.locator("#id_start").fill(_datum(start))
    page.locator("#id_einde").fill(_datum(start + relativedelta(years=2) - dt.timedelta(days=1)))
    page.locator("#id_opleidingsplan").fill(
        "Basiszorg en hygiëne, observeren en rapporteren, ondersteunen bij maaltijden."
    )
    for i, (dag, plaats, van, tot) in enumerate(ROOSTER):
        page.locator(f"#id_blok-{i}-dag").select_option(dag)
        page.locator(f"#id_blok-{i}-plaats").select_option(plaats)
        page.locator(f"#id_blok-{i}-van").fill(van)
        page.locator(f"#id_blok-{i}-tot").fill(tot)


def _link(e_mail: str) -> str:
    # The outbox stores no token: the link is in the mail as delivered.
    bericht = [m for m in mail.outbox if m.to == [e_mail] and LINK.search(m.body)][-1]
    return LINK.search(bericht.body).group(0)


def _ggmmi_seed() -> None:
    """An earlier transactional test flushed the tables, the GGMMI its migration seeds too
    (R66); seed it again, the migration's own way."""
    from django.apps import apps

    import_module("overeenkomsten.migrations.0002_ggmmi_seed").seed(apps, None)


def test_coach_drafts_and_every_party_approves(
    page,
    live_server,
    screenshot,
    settings,
    logs,  # noqa: F811
) -> None:
    settings.PORTAAL_URL = live_server.url  # the mailed links point at the test server
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("response", lambda response: urls.append(response.headers.get("location", "")))
    _ggmmi_seed()
    demo_data_laden()
    demo_erkenning_laden()  # De Linde Gent x ZORG-VZ-D recognised, mentor Marie Dubois
    base = live_server.url
    opleiding = Opleiding.objects.get(code="ZORG-VZ-D")
    gent = Vestiging.objects.get(naam="De Linde Gent")
    marie = MentorToewijzing.objects.get(
        mentor__insz="78031503312", vestiging=gent, opleiding=opleiding
    )
    op = vandaag(timezone.now())
    geboortedatum = op - relativedelta(years=16, days=40)

    # Register a minor learner; the list shows the INSZ masked.
    login(page, base, "trajectbegeleider@demo.duaal.be")
    leerling = _registreren(page, base, opleiding, geboortedatum)
    assert leerling.insz not in page.content()
    assert leerling.insz_gemaskeerd in page.locator("[data-testid=gegevens]").inner_text()
    screenshot("leerling-geregistreerd")
    page.locator("header nav a[href='/leerlingen/']").click()
    page.wait_for_url(f"{base}/leerlingen/")
    rij = page.locator(f"[data-leerling='{leerling.public_id}']")
    assert leerling.insz_gemaskeerd in rij.inner_text()
    screenshot("leerlingen")
    rij.locator("a").click()
    page.wait_for_url(LEERLING_DETAIL)

    # Positive advice of the class council, then approved for dual learning.
    page.locator("#id_advies").select_option("positief")
    page.locator("#id_advies_door").select_option("klassenraad")
    page.locator("#id_toelichting").fill("Gemotiveerd en klaar voor de werkplek.")
    page.locator("[data-testid=screenen] button[type=submit]").click()
    page.wait_for_url(LEERLING_DETAIL)
    assert page.locator("[data-testid=advies]").get_attribute("data-advies") == "positief"
    page.locator("[data-testid=goedkeuren]").click()
    page.locator("#id_arbeidsrijp_0").check()
    submit(page)
    page.wait_for_url(LEERLING_DETAIL)

    # De Linde Gent chose the learner after its intake interview; it mandated the school for
    # learners and agreements, so the coach records the choice (R48).
    Machtiging.objects.filter(onderneming=gent.onderneming, ingetrokken_op__isnull=True).update(
        voor_leerlingen=True
    )
    page.reload()  # the mandate changed after the page was drawn
    page.locator("[data-testid=werkplek]").click()
    page.locator("#id_vestiging").select_option(str(gent.public_id))
    page.locator("#id_intake_op").fill(_datum(op))
    screenshot("leerling-werkplek")
    submit(page)
    page.wait_for_url(LEERLING_DETAIL)
    leerling.refresh_from_db()
    assert leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
    screenshot("leerling-detail")

    # Draft the agreement with its timetable; the type and the allowance are shown.
    _opstellen(page, marie, op + dt.timedelta(days=14))
    assert "OAO" in page.locator("[data-testid=soort]").inner_text()
    assert "€" in page.locator("[data-testid=leervergoeding]").inner_text()
    screenshot("overeenkomst-opstellen")
    submit(page)
    page.wait_for_url(OVEREENKOMST_DETAIL)
    overeenkomst = Overeenkomst.objects.get()
    assert overeenkomst.uurrooster.count() == 5
    screenshot("overeenkomst-ontwerp")

    # Send it; then approve it for the school.
    page.locator("[data-testid=versturen]").click()
    assert page.locator("[data-testid=bezwaren]").count() == 0
    submit(page)
    # The receipt, then on to the agreement page.
    page.wait_for_url(re.compile(r".*/overeenkomsten/[0-9a-f-]{36}/verstuurd/$"))
    assert page.locator("[data-testid=referentie]").inner_text() == overeenkomst.referentie
    page.locator("[data-testid=naar-dossier]").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    assert page.locator("[data-partij=school][data-goedgekeurd=ja]").count() == 1
    screenshot("overeenkomst-ter-goedkeuring")

    # The employer finds it on the dashboard and approves the version shown.
    _wissel(page, base, "werkgever@demo.duaal.be")
    page.locator(f"main a[href='{overeenkomst.get_absolute_url()}']").first.click()
    page.wait_for_url(f"{base}{overeenkomst.get_absolute_url()}")
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    assert page.locator("[data-partij=werkgever][data-goedgekeurd=ja]").count() == 1
    screenshot("overeenkomst-werkgever")
    page.locator("header nav a[href='/overeenkomsten/']").click()
    page.wait_for_url(f"{base}/overeenkomsten/")
    assert page.locator(f"[data-overeenkomst='{overeenkomst.public_id}']").count() == 1
    screenshot("overeenkomsten-werkgever")

    # The learner and the legal representative approve through their personal links.
    page.context.clear_cookies()
    for e_mail, naam in (
        (leerling.e_mail, "leerling"),
        (leerling.vertegenwoordiger_e_mail, "ouder"),
    ):
        page.goto(_link(e_mail))
        assert page.locator("[data-testid=inhoud]").is_visible()
        assert leerling.insz not in page.content()
        screenshot(f"link-{naam}")
        page.locator("[data-testid=goedkeuren] button").click()
        page.wait_for_selector("[data-testid=bedankt]")
    screenshot("link-bedankt")
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.ONDERTEKEND
    assert set(overeenkomst.goedkeuringen.values_list("partij", flat=True)) == set(Partij.values)

    # The coach sees it signed and downloads the PDF.
    login(page, base, "trajectbegeleider@demo.duaal.be")
    page.goto(f"{base}{overeenkomst.get_absolute_url()}")
    assert page.locator("h1 + p [data-status]").get_attribute("data-status") == "ondertekend"
    screenshot("overeenkomst-ondertekend")
    with page.expect_download() as download:
        page.locator("[data-testid=documenten] a").first.click()
    pdf = ARTIFACTS / "overeenkomst.pdf"
    download.value.save_as(pdf)
    assert download.value.suggested_filename.startswith("overeenkomst-")
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf)]
        + [str(ARTIFACTS / "overeenkomst-pagina-1")],
        check=True,
        timeout=60,
    )
    assert (ARTIFACTS / "overeenkomst-pagina-1.png").stat().st_size > 0

    # S7: neither INSZ reached a log line or a URL of this whole run.
    verboden = spellings(leerling.insz) + spellings(marie.mentor.insz)
    assert len(logs.records) > 20 and len(urls) > 50
    regels = [JsonFormatter().format(r) for r in logs.records] + [logs.text]
    assert not [(v, regel) for regel in regels for v in verboden if v in regel]
    assert not [(v, u) for u in urls for v in verboden if v in u]
