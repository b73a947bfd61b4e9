"""Evaluations (R52): mentor's employer and coach record them, each party sees its own; the
evaluation a phase requires (stored, swept, flagged and mailed once); the dashboards, the
learner's dossier and the class council's decision."""

import datetime as dt

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from devtools.demo.opleidingsregels import zorg_regels
from duaal.accounts.constants import Rol
from duaal.workflow import Refused
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Evaluatie, KlassenraadBeslissing, VerplichteEvaluatie
from overeenkomsten.services import (
    evaluatie_registreren,
    klassenraadbeslissing_registreren,
    verplichte_evaluaties_aanmaken,
    verplichte_evaluaties_markeren,
)
from overeenkomsten.tasks import verplichte_evaluaties_task
from tests.factories import OndernemingFactory, OnderwijsinstellingFactory
from tests.mail_teksten import tekst
from tests.support import KLEINE_PDF, getypt, moment

from .conftest import START, aan, als, lid, meldingen, verbs

pytestmark = pytest.mark.django_db

# Home care is the care programme's second phase: an evaluation one month after it starts.
UITERLIJK = dt.date(2026, 11, 1)
OKTOBER = moment(dt.date(2026, 10, 20))


@pytest.fixture
def zorg(traject):
    """A signed agreement for the home-care phase of the care programme."""
    overeenkomst = traject.ondertekend()
    zorg_regels(traject.opleiding)
    overeenkomst.fase_volgorde = 2
    overeenkomst.save(update_fields=["fase_volgorde"])
    return overeenkomst


def _evalueren(overeenkomst, door, **kwargs):
    gegevens = {
        "datum": dt.date(2026, 10, 19),
        "soort": "eerste_maand",
        "uitkomst": "positief",
        "notities": "Werkt zelfstandig.",
    } | kwargs
    return evaluatie_registreren(overeenkomst=overeenkomst, door=als(door), now=OKTOBER, **gegevens)


# Recording.


def test_the_mentors_employer_records_an_evaluation(traject, zorg) -> None:
    evaluatie = _evalueren(zorg, traject.werkgever)
    assert (evaluatie.rol, evaluatie.fase_volgorde, evaluatie.door) == (
        "mentor",
        2,
        traject.werkgever,
    )
    assert verbs(zorg)[-1] == "overeenkomst.evaluatie"


def test_the_coach_records_an_evaluation_with_a_pdf(traject, zorg) -> None:
    document = SimpleUploadedFile("x.pdf", KLEINE_PDF, content_type="application/pdf")
    evaluatie = _evalueren(zorg, traject.coach, document=document)
    assert evaluatie.rol == "trajectbegeleider"
    assert evaluatie.document.name.endswith(".pdf")


def test_a_photo_is_no_evaluation_document(traject, zorg) -> None:
    from io import BytesIO

    from PIL import Image

    png = BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    with pytest.raises(OvereenkomstFout, match="as a PDF"):
        _evalueren(zorg, traject.coach, document=SimpleUploadedFile("x.pdf", png.getvalue()))


def test_not_positive_needs_a_motivated_report(traject, zorg) -> None:
    with pytest.raises(OvereenkomstFout) as fout:
        _evalueren(zorg, traject.werkgever, uitkomst="niet_positief", verslag=" ")
    assert str(fout.value) == "An evaluation that is not positive needs a motivated report."
    evaluatie = _evalueren(
        zorg, traject.werkgever, uitkomst="niet_positief", verslag="Nog te weinig zelfstandig."
    )
    assert evaluatie.verslag == "Nog te weinig zelfstandig."


def test_the_date_is_not_in_the_future(traject, zorg) -> None:
    with pytest.raises(OvereenkomstFout, match="21/10/2026.*future"):
        _evalueren(zorg, traject.coach, datum=dt.date(2026, 10, 21))


def test_another_employer_and_another_school_are_refused(traject, zorg) -> None:
    for ander in (
        lid(OndernemingFactory(), Rol.VERTEGENWOORDIGER),
        lid(OnderwijsinstellingFactory(), Rol.TRAJECTBEGELEIDER),
    ):
        with pytest.raises(Refused):
            _evalueren(zorg, ander)
    assert not Evaluatie.objects.exists()


def test_employer_staff_may_not_record(traject, zorg) -> None:
    with pytest.raises(Refused):
        _evalueren(zorg, lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER))


def test_a_draft_is_not_evaluated(traject) -> None:
    ontwerp = traject.ontwerp()
    with pytest.raises(Refused, match="Only a signed agreement"):
        _evalueren(ontwerp, traject.coach)


# The required evaluation and its sweep.


def test_the_sweep_creates_the_required_evaluation_once(traject, zorg) -> None:
    assert verplichte_evaluaties_aanmaken(now=OKTOBER) == 1
    assert verplichte_evaluaties_aanmaken(now=OKTOBER) == 0
    rij = VerplichteEvaluatie.objects.get()
    assert (rij.overeenkomst, rij.fase_volgorde, rij.uiterlijk) == (zorg, 2, UITERLIJK)


def test_a_phase_without_an_evaluation_gets_no_row(traject, zorg) -> None:
    zorg.fase_volgorde = 1
    zorg.save(update_fields=["fase_volgorde"])
    assert verplichte_evaluaties_aanmaken(now=OKTOBER) == 0


def test_an_evaluation_recorded_earlier_meets_the_new_row(traject, zorg) -> None:
    evaluatie = _evalueren(zorg, traject.coach)
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    assert VerplichteEvaluatie.objects.get().voldaan_met == evaluatie


def test_overdue_is_flagged_the_day_after_and_mailed_once(traject, zorg) -> None:
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    assert verplichte_evaluaties_markeren(now=moment(UITERLIJK)) == 0
    assert verplichte_evaluaties_markeren(now=moment(UITERLIJK + dt.timedelta(days=1))) == 1
    assert verplichte_evaluaties_markeren(now=moment(UITERLIJK + dt.timedelta(days=2))) == 0
    assert VerplichteEvaluatie.objects.get().verstreken_op is not None
    assert aan("verplichte_evaluatie:") == sorted([traject.coach.email, traject.werkgever.email])
    assert "01/11/2026" in tekst(meldingen("verplichte_evaluatie:")[0])
    assert verbs(zorg)[-1] == "overeenkomst.evaluatie_verstreken"


def test_a_positive_evaluation_meets_it_and_nothing_is_flagged(traject, zorg) -> None:
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    evaluatie = _evalueren(zorg, traject.werkgever)
    assert VerplichteEvaluatie.objects.get().voldaan_met == evaluatie
    assert verplichte_evaluaties_markeren(now=moment(dt.date(2026, 12, 1))) == 0
    assert meldingen("verplichte_evaluatie:") == []


def test_a_not_positive_one_with_its_report_meets_it_and_asks_a_new_one(traject, zorg) -> None:
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    _evalueren(zorg, traject.werkgever, uitkomst="niet_positief", verslag="Meer begeleiding.")
    assert VerplichteEvaluatie.objects.get().voldaan_met is not None
    client = Client()
    client.force_login(traject.coach)
    body = client.get(zorg.get_absolute_url()).content.decode()
    assert 'data-testid="nieuwe-evaluatie"' in body and "19/11/2026" in body


def test_an_evaluation_of_another_phase_does_not_meet_it(traject, zorg) -> None:
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    zorg.fase_volgorde = 1
    zorg.save(update_fields=["fase_volgorde"])
    _evalueren(zorg, traject.coach)
    assert VerplichteEvaluatie.objects.get().voldaan_met is None


def test_the_task_runs_both_sweeps(traject, zorg) -> None:
    import time_machine

    with time_machine.travel(moment(UITERLIJK + dt.timedelta(days=1)), tick=False):
        assert verplichte_evaluaties_task() == {"aangemaakt": 1, "verstreken": 1}
        assert verplichte_evaluaties_task() == {"aangemaakt": 0, "verstreken": 0}


# Pages: the agreement, the dashboards, the dossier.


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_form_records_and_requires_the_report(traject, zorg, settings) -> None:
    url = reverse("overeenkomsten:evaluatie_toevoegen", kwargs={"public_id": zorg.public_id})
    client = _client(traject.werkgever)
    response = client.post(
        url, {"datum": getypt(START), "soort": "eerste_maand", "uitkomst": "niet_positief"}
    )
    assert response.status_code == 200 and not Evaluatie.objects.exists()
    assert "motivated report" in response.content.decode() or "gemotiveerd" in (
        response.content.decode()
    )
    response = client.post(
        url,
        {
            "datum": getypt(START),
            "soort": "eerste_maand",
            "uitkomst": "niet_positief",
            "verslag": "Nog niet zelfstandig.",
        },
    )
    assert response.status_code == 302
    assert Evaluatie.objects.get().uitkomst == "niet_positief"


def test_each_party_sees_only_its_own_agreements_evaluations(traject, zorg) -> None:
    eigen = _evalueren(zorg, traject.coach, notities="EIGEN-NOTITIE")
    ander = traject.met_opleiding()
    # Another employer's agreement with the same learner is not the first employer's business.
    vreemd = Evaluatie.objects.create(
        leerling=zorg.leerling,
        datum=dt.date(2026, 10, 2),
        soort="andere",
        uitkomst="positief",
        notities="VREEMD-NOTITIE",
        rol="trajectbegeleider",
        door=traject.coach,
        geregistreerd_op=OKTOBER,
    )
    assert ander and eigen and vreemd
    url = reverse("overeenkomsten:evaluaties", kwargs={"public_id": zorg.leerling.public_id})
    werkgever = _client(traject.werkgever).get(url).content.decode()
    assert "EIGEN-NOTITIE" in werkgever and "VREEMD-NOTITIE" not in werkgever
    school = _client(traject.coach).get(url).content.decode()
    assert "EIGEN-NOTITIE" in school and "VREEMD-NOTITIE" in school
    andere_school = _client(lid(OnderwijsinstellingFactory(), Rol.TRAJECTBEGELEIDER))
    assert andere_school.get(url).status_code == 404


def test_the_agreement_page_shows_the_evaluations_and_the_button(traject, zorg) -> None:
    _evalueren(zorg, traject.coach, notities="Goede start.")
    body = _client(traject.werkgever).get(zorg.get_absolute_url()).content.decode()
    assert "Goede start." in body and 'data-testid="evaluatie-toevoegen"' in body


def test_an_overdue_required_evaluation_shows_on_both_dashboards(traject, zorg, settings) -> None:
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    import time_machine

    with time_machine.travel(moment(dt.date(2026, 11, 5)), tick=False):
        for user in (traject.coach, traject.werkgever):
            body = _client(user).get(reverse("portaal:dashboard")).content.decode()
            assert zorg.get_absolute_url() in body, user
            assert "05/11/2026" not in body and "01/11/2026" in body


def test_a_met_required_evaluation_leaves_the_dashboards(traject, zorg) -> None:
    verplichte_evaluaties_aanmaken(now=OKTOBER)
    _evalueren(zorg, traject.coach)
    import time_machine

    with time_machine.travel(moment(dt.date(2026, 11, 5)), tick=False):
        for user in (traject.coach, traject.werkgever):
            body = _client(user).get(reverse("portaal:dashboard")).content.decode()
            assert "01/11/2026" not in body, user


def test_the_learner_sees_their_evaluations_in_their_dossier(traject, zorg) -> None:
    _evalueren(zorg, traject.coach, notities="Zichtbaar voor de leerling.")
    from tests.factories import UserFactory

    persoon = UserFactory(insz=zorg.leerling.insz)
    body = _client(persoon).get(reverse("overeenkomsten:mijn_dossier")).content.decode()
    assert "Zichtbaar voor de leerling." in body


def test_the_coach_sees_them_on_the_learner_page(traject, zorg) -> None:
    _evalueren(zorg, traject.werkgever, notities="Van de mentor.")
    body = _client(traject.coach).get(zorg.leerling.get_absolute_url()).content.decode()
    assert "Van de mentor." in body and 'data-testid="klassenraad"' in body


# The class council.


def test_the_coach_records_the_class_council_decision(traject, zorg) -> None:
    leerling = zorg.leerling
    juni = moment(dt.date(2027, 6, 28))
    beslissing = klassenraadbeslissing_registreren(
        leerling=leerling,
        schooljaar=2026,
        datum=dt.date(2027, 6, 27),
        beslissing="geslaagd",
        toelichting="Alle competenties behaald.",
        door=als(traject.coach),
        now=juni,
    )
    assert beslissing.schooljaar == 2026
    # Recorded again for the same year: it replaces the earlier one.
    klassenraadbeslissing_registreren(
        leerling=leerling,
        schooljaar=2026,
        datum=dt.date(2027, 6, 28),
        beslissing="niet_geslaagd",
        door=als(traject.coach),
        now=juni,
    )
    assert KlassenraadBeslissing.objects.get().beslissing == "niet_geslaagd"
    assert verbs(leerling).count("leerling.klassenraad") == 2


def test_the_class_council_year_matches_the_date(traject, zorg) -> None:
    with pytest.raises(OvereenkomstFout, match="school year"):
        klassenraadbeslissing_registreren(
            leerling=zorg.leerling,
            schooljaar=2020,
            datum=dt.date(2027, 6, 27),
            beslissing="geslaagd",
            door=als(traject.coach),
            now=moment(dt.date(2027, 6, 28)),
        )


def test_the_employer_may_not_record_the_class_council(traject, zorg) -> None:
    with pytest.raises(Refused):
        klassenraadbeslissing_registreren(
            leerling=zorg.leerling,
            schooljaar=2026,
            datum=dt.date(2027, 6, 27),
            beslissing="geslaagd",
            door=als(traject.werkgever),
            now=moment(dt.date(2027, 6, 28)),
        )


def test_the_class_council_page_says_it_is_only_recorded_for_now(traject, zorg) -> None:
    url = reverse("overeenkomsten:klassenraad", kwargs={"public_id": zorg.leerling.public_id})
    body = _client(traject.coach).get(url).content.decode()
    assert 'data-testid="klassenraad-later"' in body
    assert "later" in body
