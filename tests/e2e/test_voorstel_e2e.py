"""No party is bound without acting, in the browser (R48, R59-R61).

The coach approves a learner for dual learning and proposes them to De Linde Gent; the
employer finds the proposal on its dashboard, reads only the minimum about the learner and
accepts it with the date of its intake interview; the learner is then approved for the
workplace, the coach drafts the agreement and sends it; the coach and the employer approve in
the portal, the learner and the legal representative through their personal links; the
agreement is signed.
"""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta

from django.utils import timezone

from devtools.demo.erkenning import demo_erkenning_laden
from devtools.demo.portaal import demo_data_laden
from duaal.organisaties.models import Opleiding, Vestiging
from duaal.termijnen import vandaag
from mentors.models import MentorToewijzing
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, VoorstelStatus
from overeenkomsten.models import Overeenkomst, Voorstel

from .test_dashboards import login
from .test_erkenning import _wissel
from .test_mentors import submit
from .test_overeenkomst_e2e import _datum, _ggmmi_seed, _link, _opstellen, _registreren

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LEERLING_DETAIL = re.compile(r".*/leerlingen/[0-9a-f-]{36}/$")
VOORSTEL_DETAIL = re.compile(r".*/voorstellen/[0-9a-f-]{36}/$")
OVEREENKOMST_DETAIL = re.compile(r".*/overeenkomsten/[0-9a-f-]{36}/$")


def test_coach_proposes_employer_accepts_and_the_agreement_is_signed(
    page, live_server, screenshot, settings
) -> None:
    settings.PORTAAL_URL = live_server.url  # the mailed links point at the test server
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

    # The coach registers a minor learner and approves them for dual learning.
    login(page, base, "trajectbegeleider@demo.duaal.be")
    leerling = _registreren(page, base, opleiding, op - relativedelta(years=16, days=40))
    page.locator("[data-testid=goedkeuren]").click()
    page.locator("#id_arbeidsrijp_0").check()
    submit(page)
    page.wait_for_url(LEERLING_DETAIL)
    # Without the employer's acceptance the learner cannot be approved for its workplace.
    assert page.locator("[data-testid=opstellen]").count() == 0

    # The coach proposes the learner to De Linde Gent.
    page.locator("[data-testid=voorstellen]").click()
    page.locator("#id_vestiging").select_option(str(gent.public_id))
    page.locator("#id_bericht").fill("Jana is gemotiveerd en kan meteen starten.")
    screenshot("voorstel-doen")
    submit(page)
    page.wait_for_url(LEERLING_DETAIL)
    voorstel = Voorstel.objects.get()
    rij = page.locator(f"[data-voorstel='{voorstel.public_id}']")
    assert rij.locator("[data-status]").get_attribute("data-status") == "voorgesteld"
    screenshot("voorstel-verstuurd")

    # The employer finds it on the dashboard, sees the minimum, and accepts after its intake.
    _wissel(page, base, "werkgever@demo.duaal.be")
    page.locator(f"main a[href='{voorstel.get_absolute_url()}']").first.click()
    page.wait_for_url(VOORSTEL_DETAIL)
    minimum = page.locator("[data-testid=minimum]").inner_text()
    assert "Jana Verstraete" in minimum and opleiding.officiele_naam in minimum
    assert leerling.insz not in page.content() and leerling.straat not in page.content()
    screenshot("voorstel-werkgever")
    page.locator("[data-testid=aanvaarden]").click()
    page.locator("#id_intake_op").fill(_datum(op))
    submit(page)
    page.wait_for_url(VOORSTEL_DETAIL)
    voorstel.refresh_from_db()
    leerling.refresh_from_db()
    assert voorstel.status == VoorstelStatus.AANVAARD
    assert (leerling.status, leerling.werkplek) == (LeerlingStatus.WERKPLEK_GOEDGEKEURD, gent)
    screenshot("voorstel-aanvaard")

    # The coach drafts the agreement and sends it, then approves it for the school.
    _wissel(page, base, "trajectbegeleider@demo.duaal.be")
    page.goto(f"{base}{leerling.get_absolute_url()}")
    _opstellen(page, marie, op + dt.timedelta(days=14))
    submit(page)
    page.wait_for_url(OVEREENKOMST_DETAIL)
    overeenkomst = Overeenkomst.objects.get()
    page.locator("[data-testid=versturen]").click()
    submit(page)
    page.wait_for_url(re.compile(r".*/overeenkomsten/[0-9a-f-]{36}/verstuurd/$"))  # the receipt
    page.locator("[data-testid=naar-dossier]").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    assert page.locator("[data-partij=school][data-goedgekeurd=ja]").count() == 1

    # The employer approves the version shown.
    _wissel(page, base, "werkgever@demo.duaal.be")
    page.goto(f"{base}{overeenkomst.get_absolute_url()}")
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    assert page.locator("[data-partij=werkgever][data-goedgekeurd=ja]").count() == 1

    # The learner and the legal representative approve through their personal links.
    page.context.clear_cookies()
    for e_mail in (leerling.e_mail, leerling.vertegenwoordiger_e_mail):
        page.goto(_link(e_mail))
        page.locator("[data-testid=goedkeuren] button").click()
        page.wait_for_selector("[data-testid=bedankt]")
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.ONDERTEKEND

    login(page, base, "trajectbegeleider@demo.duaal.be")
    page.goto(f"{base}{overeenkomst.get_absolute_url()}")
    assert page.locator("h1 + p [data-status]").get_attribute("data-status") == "ondertekend"
    screenshot("voorstel-overeenkomst-ondertekend")
