"""The care programme for one learner in the browser: a residential phase at one employer, a
home-care phase at another, one agreement per phase, each signed by every party, and a
positive evaluation after the first month.

The coach proposes the learner to De Linde Merelbeke, whose employer accepts after its
intake; the coach drafts phase 1 (the form pre-selects it) and every party approves. While
phase 1 runs, the coach proposes her to Zonnebloem Gent for the next phase; that employer
accepts by its own act, the coach drafts phase 2 there (pre-selected, the new workplace's
mentor offered) and every party approves it too. The mentor of phase 1 records the positive
first-month evaluation on its page. The agreement page shows the trajectory; each employer
sees only its own agreement, the other phase only as covered.

Set-up through the services: the places, mentors and recognitions (the demo's
`zorgplekken`), the learner's registration, her prerequisite and registration number, and the
employer's formalities (medical examination, Dimona), which other screens record.
"""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta

from django.test import Client
from django.urls import reverse

from devtools.demo.erkenning import demo_erkenning_laden
from devtools.demo.opleidingsregels import zorg_regels
from devtools.demo.overeenkomsten.basis import _registreren, demo_context
from devtools.demo.overeenkomsten.zorgtraject import THUISZORG_LOGIN, trajectstart, zorgplekken
from devtools.demo.portaal import demo_data_laden
from duaal.accounts.models import User
from duaal.organisaties.models import OpleidingsRegels
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.termijnen import plus_maanden
from overeenkomsten.constants import OvereenkomstStatus, Partij
from overeenkomsten.models import Overeenkomst, Voorstel
from overeenkomsten.models.evaluatie import Evaluatie
from overeenkomsten.services import (
    inschrijvingsnummer_registreren,
    leerling_goedkeuren,
)
from overeenkomsten.services.formaliteiten import formaliteiten_vastleggen
from overeenkomsten.services.vooropleiding import vooropleiding_vastleggen

from .test_dashboards import login
from .test_erkenning import _wissel
from .test_mentors import submit
from .test_overeenkomst_e2e import OVEREENKOMST_DETAIL, ROOSTER, _datum, _ggmmi_seed, _link

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VOORSTEL_DETAIL = re.compile(r".*/voorstellen/[0-9a-f-]{36}/$")
COACH = "trajectbegeleider@demo.duaal.be"
LINDE = "werkgever@demo.duaal.be"


def _voorstellen(page, base: str, leerling, nummer: str) -> Voorstel:
    page.goto(f"{base}{leerling.get_absolute_url()}")
    page.locator("[data-testid=voorstellen]").click()
    page.locator("#id_nummer").fill(nummer)
    page.locator("#id_bericht").fill("Gemotiveerde volwassen leerling in de zorgopleiding.")
    submit(page)
    page.wait_for_url(re.compile(r".*/leerlingen/[0-9a-f-]{36}/$"))
    return Voorstel.objects.filter(leerling=leerling).latest("created_at")


def _aanvaarden(page, base: str, email: str, voorstel: Voorstel, intake: dt.date) -> None:
    _wissel(page, base, email)
    page.goto(f"{base}{voorstel.get_absolute_url()}")
    page.locator("[data-testid=aanvaarden]").click()
    page.locator("#id_intake_op").fill(_datum(intake))
    submit(page)
    page.wait_for_url(VOORSTEL_DETAIL)


def _opstellen(page, base: str, leerling, fase: str, mentor, start: dt.date, einde: dt.date):
    page.goto(f"{base}{leerling.get_absolute_url()}")
    page.locator("[data-testid=opstellen]").click()
    # The next phase of the trajectory is pre-selected.
    assert page.locator("#id_fase_volgorde").input_value() == fase
    page.locator("#id_toewijzing").select_option(str(mentor.public_id))
    page.locator("#id_start").fill(_datum(start))
    page.locator("#id_einde").fill(_datum(einde))
    page.locator("#id_opleidingsplan").fill(
        "Basiszorg en comfort, hygiëne, observeren en rapporteren; in de thuiszorg ook "
        "zelfstandig werken bij de cliënt."
    )
    for i, (dag, plaats, van, tot) in enumerate(ROOSTER):
        page.locator(f"#id_blok-{i}-dag").select_option(dag)
        page.locator(f"#id_blok-{i}-plaats").select_option(plaats)
        page.locator(f"#id_blok-{i}-van").fill(van)
        page.locator(f"#id_blok-{i}-tot").fill(tot)


def _versturen_en_goedkeuren(page, o: Overeenkomst) -> None:
    """The coach sends the agreement and approves it for the school."""
    page.locator("[data-testid=versturen]").click()
    assert page.locator("[data-testid=bezwaren]").count() == 0
    submit(page)
    page.locator("[data-testid=naar-dossier]").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    assert page.locator("[data-partij=school][data-goedgekeurd=ja]").count() == 1


def _werkgever_en_leerling(page, base: str, email: str, o: Overeenkomst, werkgever) -> None:
    """The employer records its formalities (another screen's work: through the service),
    approves on the agreement page; then the learner approves through her personal link."""
    vandaag = dt.date.today()
    formaliteiten_vastleggen(
        overeenkomst=o,
        medisch_onderzoek_op=min(o.start - dt.timedelta(days=5), vandaag),
        dimona_op=min(o.start - dt.timedelta(days=1), vandaag),
        door=werkgever,
    )
    _wissel(page, base, email)
    page.goto(f"{base}{o.get_absolute_url()}")
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_url(OVEREENKOMST_DETAIL)
    assert page.locator("[data-partij=werkgever][data-goedgekeurd=ja]").count() == 1
    page.context.clear_cookies()
    page.goto(_link(o.leerling.e_mail))
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_selector("[data-testid=bedankt]")
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    assert set(o.goedkeuringen.values_list("partij", flat=True)) == {
        Partij.WERKGEVER,
        Partij.SCHOOL,
        Partij.LEERLING,
    }


def test_care_trajectory_with_two_employers(page, live_server, screenshot, settings) -> None:
    settings.PORTAAL_URL = live_server.url  # the mailed links point at the test server
    _ggmmi_seed()
    demo_data_laden()
    demo_erkenning_laden()
    demo = demo_context()
    if not OpleidingsRegels.objects.filter(opleiding=demo.opleiding).exists():
        zorg_regels(demo.opleiding)
    base = live_server.url
    start = trajectstart(demo.vandaag)
    plekken = zorgplekken(demo, start)
    sarah, karim = plekken.residentieel, plekken.thuiszorg
    einde_1 = plus_maanden(start, 5) - dt.timedelta(days=1)
    start_2 = einde_1 + dt.timedelta(days=1)
    einde_2 = plus_maanden(start_2, 4) - dt.timedelta(days=1)

    # An adult learner, approved for dual learning, her prerequisite and number on file.
    # Registered this week (her 20-training-day window runs); the trajectory itself started
    # in September, within the programme's start window.
    lessen = demo.vandaag - dt.timedelta(days=3)
    leerling = _registreren(
        demo,
        naam=("Amira", "El Amrani"),
        e_mail="amira@leerling.example",
        leeftijd=relativedelta(years=20, days=40),
        volgnummer=412,
        start_lessen=lessen,
    )
    leerling = leerling_goedkeuren(leerling=leerling, door=demo.coach)
    regels = opleidingsregels_voor(demo.opleiding, op=demo.now)
    vooropleiding_vastleggen(
        leerling=leerling,
        vooropleiding=OpleidingsRegels.objects.get(pk=regels.versie_id).vooropleidingen.first(),
        bewijs="Diploma secundair onderwijs 2024/0317",
        behaald_op=dt.date(start.year - 1, 6, 30),
        door=demo.coach,
    )
    inschrijvingsnummer_registreren(leerling=leerling, nummer="VZ-0824-3317", door=demo.coach)

    # Phase 1: the residential employer chooses her after its intake.
    login(page, base, COACH)
    voorstel = _voorstellen(page, base, leerling, sarah.vestiging.vestigingseenheidsnummer)
    _aanvaarden(page, base, LINDE, voorstel, demo.vandaag)
    screenshot("zorgtraject-residentieel-aanvaard")
    _wissel(page, base, COACH)
    _opstellen(page, base, leerling, "1", sarah, start, einde_1)
    screenshot("zorgtraject-fase1-opstellen")
    submit(page)
    page.wait_for_url(OVEREENKOMST_DETAIL)
    eerste = Overeenkomst.objects.get(leerling=leerling, fase_volgorde=1)
    assert eerste.vestiging == sarah.vestiging
    _versturen_en_goedkeuren(page, eerste)
    _werkgever_en_leerling(page, base, LINDE, eerste, plekken.linde)

    # Phase 2: while phase 1 runs, the home-care employer accepts her by its own act.
    login(page, base, COACH)
    voorstel = _voorstellen(page, base, leerling, karim.vestiging.vestigingseenheidsnummer)
    _aanvaarden(page, base, THUISZORG_LOGIN[0], voorstel, demo.vandaag)
    screenshot("zorgtraject-thuiszorg-aanvaard")
    leerling.refresh_from_db()
    assert leerling.werkplek == sarah.vestiging  # the first phase's agreement keeps running
    _wissel(page, base, COACH)
    _opstellen(page, base, leerling, "2", karim, start_2, einde_2)
    screenshot("zorgtraject-fase2-opstellen")
    submit(page)
    page.wait_for_url(OVEREENKOMST_DETAIL)
    tweede = Overeenkomst.objects.get(leerling=leerling, fase_volgorde=2)
    assert (tweede.vestiging, tweede.traject_id) == (karim.vestiging, eerste.traject_id)
    _versturen_en_goedkeuren(page, tweede)
    _werkgever_en_leerling(page, base, THUISZORG_LOGIN[0], tweede, plekken.zonnebloem)

    # The mentor of phase 1 records the positive evaluation after the first month.
    _wissel(page, base, LINDE)
    evaluatie_url = reverse(
        "overeenkomsten:evaluatie_toevoegen", kwargs={"public_id": eerste.public_id}
    )
    page.goto(f"{base}{evaluatie_url}")
    page.locator("#id_datum").fill(_datum(plus_maanden(start, 1)))
    page.locator("#id_soort").select_option("eerste_maand")
    page.locator("input[name=uitkomst][value=positief]").check()
    page.locator("#id_notities").fill("Neemt initiatief bij de ochtendzorg.")
    screenshot("zorgtraject-evaluatie")
    submit(page)
    evaluatie = Evaluatie.objects.get(overeenkomst=eerste)
    assert (evaluatie.soort, evaluatie.uitkomst) == ("eerste_maand", "positief")

    # Employer A sees its phase in full and the other only as covered.
    page.goto(f"{base}{eerste.get_absolute_url()}")
    traject = page.locator("[data-testid=traject]")
    assert "Zonnebloem" not in traject.inner_text()
    assert traject.locator("[data-fase='2'] [data-status]").count() == 0
    screenshot("zorgtraject-werkgever-a")
    # The other employer's agreement itself is not found (asked outside the browser, whose
    # journey fails on any 404).
    anders = Client()
    anders.force_login(User.objects.get(email=LINDE))
    assert anders.get(tweede.get_absolute_url()).status_code == 404

    # The coach sees both phases with their employers and status, and the model's phase line.
    _wissel(page, base, COACH)
    page.goto(f"{base}{tweede.get_absolute_url()}")
    traject = page.locator("[data-testid=traject]")
    for fase in ("1", "2"):
        rij = traject.locator(f"[data-fase='{fase}']")
        assert rij.locator("[data-status]").get_attribute("data-status") == "ondertekend"
    assert "De Linde" in traject.inner_text() and "Zonnebloem" in traject.inner_text()
    screenshot("zorgtraject-coach")
    # The model agreement's phase line (the preview is read outside the browser: it is the
    # PDF's page and asks for no icon, which the browser would fetch and miss).
    coach = Client()
    coach.force_login(User.objects.get(email=COACH))
    voorbeeld = reverse(
        "overeenkomsten:overeenkomst_voorbeeld", kwargs={"public_id": tweede.public_id}
    )
    regel = f"Fase 2 van 2: thuiszorg, van {_datum(start_2)} tot {_datum(einde_2)}"
    assert regel in coach.get(voorbeeld).content.decode()
