"""The 596.2 extract (R35-R36): upload checked by content (S5), checked by the deciding
partnership, the file purged after its retention days and seen by few (S7)."""

import datetime as dt

import pytest

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.workflow import Refused
from mentors.constants import VoorwaardeStatus
from mentors.exceptions import MentorFout
from mentors.models import Uittreksel
from mentors.selectors import voorwaarden
from mentors.services import uittreksel_controleren, uittreksel_opladen, uittreksels_opruimen
from tests.factories import (
    DepartementFactory,
    MentorFactory,
    OpleidingFactory,
    PartnerschapFactory,
    ToewijzingFactory,
    UittrekselFactory,
)
from tests.support import actor_van, als, exe_als_pdf, moment, pdf, png, te_grote_pdf

pytestmark = pytest.mark.django_db

NU = moment(dt.date(2026, 9, 1))


def _opladen(plaats, bestand, uitgereikt_op=dt.date(2026, 8, 20)) -> Uittreksel:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    return uittreksel_opladen(
        mentor=mentor,
        bestand=bestand,
        uitgereikt_op=uitgereikt_op,
        door=als(plaats.werkgever),
        now=NU,
    )


def _gecontroleerd(plaats, bewaartermijn: int = 30) -> Uittreksel:
    """An extract checked on NU by the fixture's partnership."""
    plaats.partnerschap.uittreksel_bewaartermijn_dagen = bewaartermijn
    plaats.partnerschap.save()
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    uittreksel = UittrekselFactory(mentor=toewijzing.mentor, uitgereikt_op=dt.date(2026, 8, 20))
    return uittreksel_controleren(uittreksel=uittreksel, door=als(plaats.consulent), now=NU)


# Uploading (S5: a PDF or an image, recognised by content).


@pytest.mark.parametrize("bestand", [exe_als_pdf, te_grote_pdf], ids=["exe-als-pdf", "te-groot"])
def test_it_refuses_a_file_that_is_no_small_pdf_or_image(plaats, bestand) -> None:
    with pytest.raises(ValidationError):
        _opladen(plaats, bestand())
    assert not Uittreksel.objects.exists()


def test_it_refuses_an_issue_date_in_the_future(plaats) -> None:
    with pytest.raises(MentorFout):
        _opladen(plaats, pdf(), uitgereikt_op=dt.date(2026, 9, 2))
    assert not Uittreksel.objects.exists()


@pytest.mark.parametrize("bestand", [pdf, png], ids=["pdf", "png"])
def test_it_stores_a_real_pdf_or_png_under_a_server_chosen_name(plaats, bestand) -> None:
    upload = bestand(naam="Peeters An 85073003328" + ("." + bestand.__name__))
    uittreksel = _opladen(plaats, upload)
    naam = uittreksel.bestand.name
    assert naam.startswith("uittreksels/") and naam.endswith("." + bestand.__name__)
    assert "Peeters" not in naam and "85073003328" not in naam
    assert default_storage.exists(naam)
    assert Event.objects.filter(verb="uittreksel.opgeladen", object_id=uittreksel.pk).exists()


# Checking (S7: the deciding partnership keeps "checked on D by C").


def test_checking_sets_the_removal_date_from_the_partnerships_retention(plaats) -> None:
    uittreksel = _gecontroleerd(plaats, bewaartermijn=45)
    uittreksel.refresh_from_db()
    assert uittreksel.verwijderen_na == dt.date(2026, 10, 16)  # 1 September + 45 days
    assert uittreksel.partnerschap == plaats.partnerschap and uittreksel.gecontroleerd_op == NU
    assert uittreksel.gecontroleerd_door == str(plaats.consulent)


def test_it_refuses_to_check_an_extract_twice(plaats) -> None:
    uittreksel = _gecontroleerd(plaats)
    with pytest.raises(Refused):
        uittreksel_controleren(uittreksel=uittreksel, door=als(plaats.beheerder))
    assert Event.objects.filter(verb="uittreksel.gecontroleerd").count() == 1


def test_a_partnership_without_a_designation_of_the_mentor_cannot_check(plaats) -> None:
    ToewijzingFactory(mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding)
    uittreksel = UittrekselFactory(mentor=MentorFactory(onderneming=plaats.onderneming))
    with pytest.raises(Refused):
        uittreksel_controleren(uittreksel=uittreksel, door=als(plaats.consulent))
    uittreksel.refresh_from_db()
    assert uittreksel.gecontroleerd_op is None and uittreksel.verwijderen_na is None


# Purging (S7: the file goes, the facts stay).


def test_it_keeps_the_file_the_day_before_the_removal_date(plaats) -> None:
    uittreksel = _gecontroleerd(plaats, bewaartermijn=30)
    assert uittreksels_opruimen(now=moment(dt.date(2026, 9, 30))) == 0
    uittreksel.refresh_from_db()
    assert uittreksel.verwijderd_op is None and default_storage.exists(uittreksel.bestand.name)


def test_it_deletes_the_file_on_the_removal_date_and_keeps_the_facts(plaats) -> None:
    uittreksel = _gecontroleerd(plaats, bewaartermijn=30)
    naam, dag = uittreksel.bestand.name, moment(dt.date(2026, 10, 1), uur=2)
    assert uittreksels_opruimen(now=dag) == 1
    uittreksel.refresh_from_db()
    assert not default_storage.exists(naam) and not uittreksel.bestand
    assert uittreksel.verwijderd_op == dag and uittreksel.uitgereikt_op == dt.date(2026, 8, 20)
    assert (uittreksel.gecontroleerd_op, uittreksel.gecontroleerd_door) == (
        NU,
        str(plaats.consulent),
    )


def test_the_purge_is_recorded_as_done_by_the_system(plaats) -> None:
    uittreksel = _gecontroleerd(plaats)
    uittreksels_opruimen(now=moment(dt.date(2026, 10, 1)))
    event = Event.objects.get(verb="uittreksel.bestand_verwijderd", object_id=uittreksel.pk)
    assert event.actor is None and event.actor_label


def test_a_purged_extract_still_proves_the_condition(plaats) -> None:
    """R36: the issue date stays, so the designation it supported stays supported."""
    uittreksel = _gecontroleerd(plaats)
    uittreksels_opruimen(now=moment(dt.date(2026, 10, 1)))
    gevonden = voorwaarden(
        uittreksel.mentor, op=dt.date(2026, 10, 1), aanstelling=dt.date(2026, 9, 1)
    )
    assert gevonden[2].status == VoorwaardeStatus.VOLDAAN


def test_it_never_purges_an_unchecked_extract(plaats) -> None:
    uittreksel = UittrekselFactory(mentor=MentorFactory(onderneming=plaats.onderneming))
    assert uittreksels_opruimen(now=moment(dt.date(2030, 1, 1))) == 0
    assert default_storage.exists(uittreksel.bestand.name)


def test_purging_twice_changes_nothing_the_second_time(plaats) -> None:
    uittreksel = _gecontroleerd(plaats)
    dag = moment(dt.date(2026, 10, 1))
    assert uittreksels_opruimen(now=dag) == 1
    assert uittreksels_opruimen(now=dag + dt.timedelta(days=1)) == 0
    uittreksel.refresh_from_db()
    assert uittreksel.verwijderd_op == dag
    assert Event.objects.filter(verb="uittreksel.bestand_verwijderd").count() == 1


# Who sees an extract (S7).


def test_the_employer_and_the_deciding_partnership_see_the_extract(plaats) -> None:
    uittreksel = _gecontroleerd(plaats)
    werkgever = actor_van(plaats.onderneming, Rol.VERTEGENWOORDIGER)
    partnerschap = actor_van(plaats.partnerschap, Rol.SECTORCONSULENT)
    assert list(Uittreksel.objects.visible_to(werkgever)) == [uittreksel]
    assert list(Uittreksel.objects.visible_to(partnerschap)) == [uittreksel]


def test_every_partnership_reviewing_the_mentor_sees_an_unchecked_extract(plaats) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    uittreksel = UittrekselFactory(mentor=toewijzing.mentor)
    reviewer = actor_van(plaats.partnerschap, Rol.SECTORCONSULENT)
    buitenstaander = actor_van(PartnerschapFactory(), Rol.SECTORCONSULENT)
    assert list(Uittreksel.objects.visible_to(reviewer)) == [uittreksel]
    assert not Uittreksel.objects.visible_to(buitenstaander).exists()


def test_another_partnership_does_not_see_a_checked_extract(plaats) -> None:
    uittreksel = _gecontroleerd(plaats)
    andere = OpleidingFactory(partnerschap=PartnerschapFactory())
    ToewijzingFactory(mentor=uittreksel.mentor, opleiding=andere)  # it reviews this mentor too
    ook_reviewer = actor_van(andere.partnerschap, Rol.SECTORCONSULENT)
    buitenstaander = actor_van(PartnerschapFactory(), Rol.PARTNERSCHAPSBEHEERDER)
    assert not Uittreksel.objects.visible_to(ook_reviewer).exists()
    assert not Uittreksel.objects.visible_to(buitenstaander).exists()


def test_a_platform_admin_does_not_see_extracts(plaats) -> None:
    _gecontroleerd(plaats)
    UittrekselFactory(mentor=MentorFactory(onderneming=plaats.onderneming))
    beheerder = actor_van(DepartementFactory(), Rol.PLATFORMBEHEERDER)
    assert beheerder.is_platformbeheerder
    assert not Uittreksel.objects.visible_to(beheerder).exists()


def test_another_enterprise_does_not_see_the_extract(plaats) -> None:
    UittrekselFactory(mentor=MentorFactory(onderneming=plaats.onderneming))
    andere = actor_van(MentorFactory().onderneming, Rol.VERTEGENWOORDIGER)
    assert not Uittreksel.objects.visible_to(andere).exists()
