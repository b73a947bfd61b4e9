"""Exceptions on age or experience, on proof of prior education (R34)."""

import datetime as dt

import pytest

from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.workflow import Refused
from mentors.constants import UitzonderingSoort, UitzonderingStatus, VoorwaardeStatus
from mentors.exceptions import MentorFout
from mentors.models import Uitzondering
from mentors.selectors import voorwaarden_toewijzing
from mentors.services import uitzondering_aanvragen, uitzondering_beslissen
from tests.factories import OpleidingFactory, ToewijzingFactory
from tests.support import als, exe_als_pdf, moment, pdf

from .factories import UitzonderingFactory

pytestmark = pytest.mark.django_db

NU = moment(dt.date(2026, 9, 1))


def _toewijzing(plaats, **mentor):
    return ToewijzingFactory(
        mentor__onderneming=plaats.onderneming,
        opleiding=plaats.opleiding,
        vestiging=plaats.vestiging,
        aangesteld_op=NU.date(),
        **{f"mentor__{k}": v for k, v in mentor.items()},
    )


def _aanvragen(plaats, mentor, soort=UitzonderingSoort.LEEFTIJD, **kwargs) -> Uitzondering:
    kwargs = {"partnerschap": plaats.partnerschap, "bewijs": pdf("diploma.pdf")} | kwargs
    return uitzondering_aanvragen(
        mentor=mentor,
        soort=soort,
        toelichting="Bachelor.",
        door=als(plaats.werkgever),
        now=NU,
        **kwargs,
    )


@pytest.mark.parametrize(
    "geboortedatum",
    [dt.date(2000, 5, 1), dt.date(2005, 5, 1)],
    ids=["26-jaar", "21-jaar"],
)
def test_it_refuses_an_age_exception_outside_23_to_24(plaats, geboortedatum) -> None:
    """R34: the minimum age can be lowered to 23, and a 25-year-old needs nothing."""
    mentor = _toewijzing(plaats, geboortedatum=geboortedatum).mentor
    with pytest.raises(Refused):
        _aanvragen(plaats, mentor)
    assert not Uitzondering.objects.exists()


def test_it_refuses_an_experience_exception_for_five_years_or_more(plaats) -> None:
    mentor = _toewijzing(plaats, jaren_ervaring=5).mentor
    with pytest.raises(Refused):
        _aanvragen(plaats, mentor, soort=UitzonderingSoort.ERVARING)
    assert not Uitzondering.objects.exists()


def test_it_refuses_a_second_open_request(plaats) -> None:
    mentor = _toewijzing(plaats, geboortedatum=dt.date(2002, 6, 1)).mentor
    _aanvragen(plaats, mentor)
    with pytest.raises(MentorFout):
        _aanvragen(plaats, mentor)
    assert Uitzondering.objects.count() == 1


def test_it_requires_a_designation_under_that_partnership(plaats) -> None:
    mentor = _toewijzing(plaats, jong=True).mentor
    andere = OpleidingFactory().partnerschap
    with pytest.raises(Refused):
        _aanvragen(plaats, mentor, partnerschap=andere)
    assert not Uitzondering.objects.exists()


def test_it_refuses_a_proof_that_is_no_pdf_or_image(plaats) -> None:
    from django.core.exceptions import ValidationError

    mentor = _toewijzing(plaats, onervaren=True).mentor
    with pytest.raises(ValidationError):
        _aanvragen(plaats, mentor, soort=UitzonderingSoort.ERVARING, bewijs=exe_als_pdf())
    assert not Uitzondering.objects.exists()


def test_a_request_asks_the_partnerships_team(plaats) -> None:
    mentor = _toewijzing(plaats, onervaren=True).mentor
    uitzondering = _aanvragen(plaats, mentor, soort=UitzonderingSoort.ERVARING)
    assert uitzondering.status == UitzonderingStatus.AANGEVRAAGD
    meldingen = Melding.objects.filter(event_key=f"uitzondering:{uitzondering.pk}:aangevraagd")
    assert set(meldingen.values_list("e_mail", flat=True)) == {
        plaats.consulent.email,
        plaats.beheerder.email,
    }


def test_it_requires_a_motivation_to_decide(plaats) -> None:
    uitzondering = UitzonderingFactory(partnerschap=plaats.partnerschap)
    with pytest.raises(MentorFout):
        uitzondering_beslissen(
            uitzondering=uitzondering, toekennen=True, motivatie="", door=als(plaats.consulent)
        )
    uitzondering.refresh_from_db()
    assert uitzondering.status == UitzonderingStatus.AANGEVRAAGD


def test_a_granted_age_exception_makes_the_age_condition_an_exception(plaats) -> None:
    toewijzing = _toewijzing(plaats, geboortedatum=dt.date(2002, 6, 1))  # 24
    uitzondering = _aanvragen(plaats, toewijzing.mentor)
    uitzondering_beslissen(
        uitzondering=uitzondering, toekennen=True, motivatie="Diploma.", door=als(plaats.consulent)
    )
    leeftijd = voorwaarden_toewijzing(toewijzing, op=NU.date())[0]
    assert leeftijd.status == VoorwaardeStatus.UITZONDERING


def test_a_refused_exception_leaves_the_condition_unmet_and_can_be_asked_again(plaats) -> None:
    toewijzing = _toewijzing(plaats, onervaren=True)
    uitzondering = _aanvragen(plaats, toewijzing.mentor, soort=UitzonderingSoort.ERVARING)
    uitzondering_beslissen(
        uitzondering=uitzondering,
        toekennen=False,
        motivatie="Geen EVC.",
        door=als(plaats.consulent),
    )
    assert (
        voorwaarden_toewijzing(toewijzing, op=NU.date())[1].status == VoorwaardeStatus.NIET_VOLDAAN
    )
    nieuw = _aanvragen(plaats, toewijzing.mentor, soort=UitzonderingSoort.ERVARING)
    assert nieuw.status == UitzonderingStatus.AANGEVRAAGD


def test_the_decision_is_audited_and_told_to_the_employer(plaats) -> None:
    uitzondering = UitzonderingFactory(
        partnerschap=plaats.partnerschap, mentor__onderneming=plaats.onderneming
    )
    uitzondering_beslissen(
        uitzondering=uitzondering,
        toekennen=False,
        motivatie="Nee.",
        door=als(plaats.consulent),
        now=NU,
    )
    event = Event.objects.get(verb="uitzondering.geweigerd", object_id=uitzondering.pk)
    assert (event.before, event.after, event.note) == (
        {"status": "aangevraagd"},
        {"status": "geweigerd"},
        "Nee.",
    )
    melding = Melding.objects.get(event_key=f"uitzondering:{uitzondering.pk}:geweigerd")
    assert melding.e_mail == plaats.werkgever.email


def test_it_refuses_a_second_decision(plaats) -> None:
    uitzondering = UitzonderingFactory(toegekend=True, partnerschap=plaats.partnerschap)
    with pytest.raises(Refused):
        uitzondering_beslissen(
            uitzondering=uitzondering,
            toekennen=False,
            motivatie="Toch niet.",
            door=als(plaats.consulent),
        )
    uitzondering.refresh_from_db()
    assert uitzondering.status == UitzonderingStatus.TOEGEKEND


def test_it_refuses_to_request_an_exception_that_was_already_granted(plaats) -> None:
    mentor = _toewijzing(plaats, geboortedatum=dt.date(2002, 6, 1)).mentor
    UitzonderingFactory(mentor=mentor, partnerschap=plaats.partnerschap, toegekend=True)
    with pytest.raises(Refused, match="al toegestaan"):
        _aanvragen(plaats, mentor)
    assert Uitzondering.objects.count() == 1
