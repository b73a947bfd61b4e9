"""The register services: registering, designating (R21, R37), deciding and (de)activating
designations (R43), with their audit events and notifications."""

import datetime as dt
import json

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.workflow import Refused
from mentors.constants import ToewijzingStatus
from mentors.exceptions import MentorFout
from mentors.models import Mentor, Mentoropleiding, MentorToewijzing
from mentors.selectors import geldig_op, heeft_geldige_mentor
from mentors.services import (
    mentor_registreren,
    mentor_toewijzen,
    toewijzing_beslissen,
    toewijzing_deactiveren,
    toewijzing_reactiveren,
)
from tests.factories import (
    MentorFactory,
    OpleidingFactory,
    ToewijzingFactory,
    VestigingFactory,
    insz,
)
from tests.support import als, lid, moment

from .factories import geldige_toewijzing

pytestmark = pytest.mark.django_db

NU = moment(dt.date(2026, 10, 1))


def _gegevens(**kwargs) -> dict:
    geboortedatum = dt.date(1985, 7, 30)
    return {
        "insz": insz(geboortedatum),
        "voornaam": "An",
        "achternaam": "Peeters",
        "geboortedatum": geboortedatum,
        "functie": "Chef-kok",
        "jaren_ervaring": 12,
        "e_mail": "an.peeters@voorbeeld.be",
        "telefoon": "09 123 45 67",
    } | kwargs


def _aan(plaats, **kwargs):
    """A designation at the fixture's establishment x programme."""
    kwargs.setdefault("mentor__onderneming", plaats.onderneming)
    return geldige_toewijzing(vestiging=plaats.vestiging, opleiding=plaats.opleiding, **kwargs)


def _mails(melding_qs) -> set[str]:
    return set(melding_qs.values_list("e_mail", flat=True))


# Registering (S7: the INSZ never enters the audit trail).


def test_it_registers_a_mentor_and_keeps_the_insz_out_of_the_audit_trail(plaats) -> None:
    gegevens = _gegevens()
    mentor = mentor_registreren(
        onderneming=plaats.onderneming, door=als(plaats.werkgever), gegevens=gegevens, now=NU
    )
    event = Event.objects.get(verb="mentor.geregistreerd", object_id=mentor.pk)
    assert mentor.insz == gegevens["insz"] and event.actor == plaats.werkgever
    sporen = json.dumps([event.before, event.after]) + event.note + event.object_repr
    assert gegevens["insz"] not in sporen and "Peeters" in sporen


def test_it_refuses_an_insz_with_wrong_check_digits(plaats) -> None:
    from django.core.exceptions import ValidationError

    verkeerd = _gegevens()["insz"][:-2] + "00"
    with pytest.raises(ValidationError):
        mentor_registreren(
            onderneming=plaats.onderneming,
            door=als(plaats.werkgever),
            gegevens=_gegevens(insz=verkeerd),
        )
    assert not Event.objects.filter(verb="mentor.geregistreerd").exists()


def test_it_refuses_the_same_insz_twice_in_one_enterprise_but_not_in_another(plaats) -> None:
    from django.core.exceptions import ValidationError

    mentor_registreren(
        onderneming=plaats.onderneming, door=als(plaats.werkgever), gegevens=_gegevens()
    )
    with pytest.raises(ValidationError):
        mentor_registreren(
            onderneming=plaats.onderneming, door=als(plaats.werkgever), gegevens=_gegevens()
        )
    andere = MentorFactory().onderneming
    werkgever_andere = als(lid(andere, Rol.VERTEGENWOORDIGER))
    mentor_registreren(onderneming=andere, door=werkgever_andere, gegevens=_gegevens())
    assert Event.objects.filter(verb="mentor.geregistreerd").count() == 2


# Designating (R21: reviewed like an application; R37: the training clock starts).


def test_it_refuses_an_establishment_of_another_enterprise(plaats) -> None:
    mentor = MentorFactory()  # another enterprise than plaats.vestiging's
    with pytest.raises(Refused):
        mentor_toewijzen(
            mentor=mentor,
            vestiging=plaats.vestiging,
            opleiding=plaats.opleiding,
            door=als(plaats.werkgever),
        )
    assert not mentor.toewijzingen.exists() and not Mentoropleiding.objects.exists()


def test_it_refuses_to_designate_a_mentor_twice_for_the_same_place(plaats) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    plek = {"mentor": mentor, "vestiging": plaats.vestiging, "opleiding": plaats.opleiding}
    mentor_toewijzen(**plek, door=als(plaats.werkgever), now=NU)
    with pytest.raises(MentorFout):
        mentor_toewijzen(**plek, door=als(plaats.werkgever), now=NU)
    assert mentor.toewijzingen.count() == 1


def test_it_dates_the_designation_in_brussels(plaats) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    laat = dt.datetime(2026, 9, 3, 22, 30, tzinfo=dt.UTC)  # 00:30 on 4 September in Brussels
    toewijzing = mentor_toewijzen(
        mentor=mentor,
        vestiging=plaats.vestiging,
        opleiding=plaats.opleiding,
        door=als(plaats.werkgever),
        now=laat,
    )
    assert toewijzing.aangesteld_op == dt.date(2026, 9, 4)
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD and toewijzing.actief


def test_it_starts_the_training_clock_once_per_mentor_and_partnership(plaats) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    tweede_vestiging = VestigingFactory(onderneming=plaats.onderneming)
    tweede_opleiding = OpleidingFactory(partnerschap=plaats.partnerschap)
    door = als(plaats.werkgever)
    mentor_toewijzen(
        mentor=mentor, vestiging=plaats.vestiging, opleiding=plaats.opleiding, door=door, now=NU
    )
    later = moment(dt.date(2027, 1, 4))
    mentor_toewijzen(
        mentor=mentor, vestiging=tweede_vestiging, opleiding=tweede_opleiding, door=door, now=later
    )
    opleiding = Mentoropleiding.objects.get(mentor=mentor)
    assert opleiding.partnerschap == plaats.partnerschap
    assert opleiding.voltooien_uiterlijk_op == dt.date(2027, 10, 1)  # 12 months after NU


@pytest.mark.parametrize(
    ("aanstelling", "termijn"),
    [
        (dt.date(2026, 9, 4), dt.date(2027, 9, 6)),  # 4/9/2027 is a Saturday
        (dt.date(2026, 11, 11), dt.date(2027, 11, 12)),  # Armistice Day
        (dt.date(2026, 3, 29), dt.date(2027, 3, 30)),  # Easter Monday 2027
    ],
)
def test_a_training_deadline_on_a_weekend_or_holiday_moves_to_the_next_working_day(
    plaats, aanstelling, termijn
) -> None:
    """R37-R38: partnership months after the designation, ending on a working day."""
    mentor = MentorFactory(onderneming=plaats.onderneming)
    mentor_toewijzen(
        mentor=mentor,
        vestiging=plaats.vestiging,
        opleiding=plaats.opleiding,
        door=als(plaats.werkgever),
        now=moment(aanstelling),
    )
    opleiding = Mentoropleiding.objects.get(mentor=mentor)
    assert opleiding.voltooien_uiterlijk_op == termijn and opleiding.plannen_uiterlijk_op is None


def test_a_construction_partnership_also_sets_a_planning_deadline(plaats) -> None:
    """R38, Constructiv: plan within 3 months, complete within 6."""
    bouw = OpleidingFactory(
        partnerschap__mentoropleiding_termijn_maanden=6,
        partnerschap__mentoropleiding_plannen_maanden=3,
    )
    mentor = MentorFactory(onderneming=plaats.onderneming)
    mentor_toewijzen(
        mentor=mentor,
        vestiging=plaats.vestiging,
        opleiding=bouw,
        door=als(plaats.werkgever),
        now=moment(dt.date(2026, 9, 1)),
    )
    opleiding = Mentoropleiding.objects.get(mentor=mentor)
    assert opleiding.plannen_uiterlijk_op == dt.date(2026, 12, 1)
    assert opleiding.voltooien_uiterlijk_op == dt.date(2027, 3, 1)


def test_it_asks_the_partnerships_team_to_review_a_new_mentor(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing = mentor_toewijzen(
            mentor=mentor,
            vestiging=plaats.vestiging,
            opleiding=plaats.opleiding,
            door=als(plaats.werkgever),
            now=NU,
        )
    team = {plaats.consulent.email, plaats.beheerder.email}
    assert (
        _mails(Melding.objects.filter(event_key=f"toewijzing:{toewijzing.pk}:voorgesteld")) == team
    )
    assert {m.to[0] for m in mailoutbox} == team
    assert Event.objects.filter(verb="mentor.toegewezen", object_id=toewijzing.pk).exists()


# Deciding (R21).


def test_it_requires_a_motivation_to_decide(plaats) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    with pytest.raises(MentorFout):
        toewijzing_beslissen(
            toewijzing=toewijzing, aanvaarden=True, motivatie="  ", door=als(plaats.consulent)
        )
    toewijzing.refresh_from_db()
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD


@pytest.mark.parametrize(
    ("aanvaarden", "status"),
    [(True, ToewijzingStatus.AANVAARD), (False, ToewijzingStatus.GEWEIGERD)],
)
def test_it_records_the_decision_with_its_motivation(plaats, aanvaarden, status) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    toewijzing_beslissen(
        toewijzing=toewijzing,
        aanvaarden=aanvaarden,
        motivatie=" Dossier volledig. ",
        door=als(plaats.consulent),
        now=NU,
    )
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.motivatie) == (status, "Dossier volledig.")
    assert (toewijzing.beslist_door, toewijzing.beslist_op) == (plaats.consulent, NU)
    event = Event.objects.get(verb=f"toewijzing.{status}", object_id=toewijzing.pk)
    assert (event.before, event.after) == ({"status": "voorgesteld"}, {"status": status})
    assert event.note == "Dossier volledig." and event.organisatie_id == plaats.partnerschap.pk


def test_it_refuses_a_second_decision(plaats) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    toewijzing_beslissen(
        toewijzing=toewijzing, aanvaarden=False, motivatie="Nee.", door=als(plaats.consulent)
    )
    with pytest.raises(Refused):
        toewijzing_beslissen(
            toewijzing=toewijzing, aanvaarden=True, motivatie="Toch.", door=als(plaats.consulent)
        )
    toewijzing.refresh_from_db()
    assert toewijzing.status == ToewijzingStatus.GEWEIGERD


def test_it_tells_the_employer_the_decision(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing_beslissen(
            toewijzing=toewijzing, aanvaarden=True, motivatie="In orde.", door=als(plaats.consulent)
        )
    assert [m.to for m in mailoutbox] == [[plaats.werkgever.email]]
    assert "In orde." in mailoutbox[0].body


# Deactivating and reactivating (R43).


def test_deactivating_the_last_valid_mentor_leaves_the_place_without_one_in_the_register(
    plaats,
) -> None:
    """The recognition app's sweep reads this stored state (G27); the register tells no app."""
    toewijzing = _aan(plaats)
    toewijzing_deactiveren(
        toewijzing=toewijzing, reden="Uit dienst.", door=als(plaats.werkgever), now=NU
    )
    assert not MentorToewijzing.objects.filter(
        geldig_op(NU.date()), vestiging=plaats.vestiging, opleiding=plaats.opleiding
    ).exists()


def test_deactivating_the_last_valid_mentor_tells_employer_and_partnership(plaats) -> None:
    toewijzing = _aan(plaats)
    toewijzing_deactiveren(
        toewijzing=toewijzing, reden="Uit dienst.", door=als(plaats.werkgever), now=NU
    )
    meldingen = Melding.objects.filter(event_key__contains=":zonder-mentor:")
    assert _mails(meldingen) == {
        plaats.werkgever.email,
        plaats.consulent.email,
        plaats.beheerder.email,
    }
    assert not heeft_geldige_mentor(plaats.vestiging, plaats.opleiding, op=NU.date())


def test_deactivating_one_of_two_valid_mentors_tells_nobody(
    plaats, django_capture_on_commit_callbacks
) -> None:
    toewijzing, _andere = _aan(plaats), _aan(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing_deactiveren(
            toewijzing=toewijzing, reden="Uit dienst.", door=als(plaats.werkgever), now=NU
        )
    assert not Melding.objects.filter(event_key__contains="zonder-mentor").exists()
    assert heeft_geldige_mentor(plaats.vestiging, plaats.opleiding, op=NU.date())


def test_deactivating_a_mentor_who_was_not_valid_tells_nobody(
    plaats, django_capture_on_commit_callbacks
) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, vestiging=plaats.vestiging
    )
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing_deactiveren(
            toewijzing=toewijzing, reden="Vergissing.", door=als(plaats.werkgever), now=NU
        )
    assert not Melding.objects.filter(event_key__contains="zonder-mentor").exists()


def test_it_refuses_to_deactivate_twice(plaats) -> None:
    toewijzing = _aan(plaats)
    toewijzing_deactiveren(
        toewijzing=toewijzing, reden="Uit dienst.", door=als(plaats.werkgever), now=NU
    )
    with pytest.raises(Refused):
        toewijzing_deactiveren(
            toewijzing=toewijzing, reden="Nog eens.", door=als(plaats.werkgever), now=NU
        )
    assert Event.objects.filter(verb="toewijzing.gedeactiveerd").count() == 1


def test_reactivating_brings_the_valid_mentor_back(plaats) -> None:
    toewijzing = _aan(plaats, actief=False)
    toewijzing_reactiveren(toewijzing=toewijzing, door=als(plaats.werkgever), now=NU)
    assert heeft_geldige_mentor(plaats.vestiging, plaats.opleiding, op=NU.date())
    event = Event.objects.get(verb="toewijzing.gereactiveerd", object_id=toewijzing.pk)
    assert (event.before, event.after) == ({"actief": False}, {"actief": True})


def test_it_refuses_to_reactivate_an_active_designation(plaats) -> None:
    with pytest.raises(Refused):
        toewijzing_reactiveren(toewijzing=_aan(plaats), door=als(plaats.werkgever), now=NU)


def test_it_refuses_a_date_of_birth_that_contradicts_the_insz(plaats) -> None:
    gegevens = _gegevens(geboortedatum=dt.date(1985, 7, 31))
    with pytest.raises(MentorFout):
        mentor_registreren(
            onderneming=plaats.onderneming, door=als(plaats.werkgever), gegevens=gegevens, now=NU
        )
    assert not Mentor.objects.exists()
