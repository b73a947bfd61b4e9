"""The partnership's side: completeness starts the clock (R16), the decision (R19, R27), and a
decided file stays decided."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.exceptions import DomainError
from duaal.workflow import Refused
from erkenning.constants import AanvraagSoort, AanvraagStatus, ErkenningStatus
from erkenning.exceptions import AlBeslist
from erkenning.models import Erkenning
from erkenning.selectors import klok, wachtrij
from erkenning.services import (
    aanvraag_afwijzen,
    aanvraag_goedkeuren,
    aanvraag_indienen,
    aanvraag_onvolledig_verklaren,
    aanvraag_volledig_verklaren,
    plaatsbezoek_registreren,
)
from mentors.constants import ToewijzingStatus
from mentors.models import MentorToewijzing
from tests.mail_teksten import onderwerp
from tests.support import als, lid, moment

from .conftest import maak_plaats
from .factories import AanvraagFactory, ErkenningFactory, SanctieFactory
from .helpers import (
    NU,
    andere_vestiging,
    dag,
    goedgekeurd,
    ingediend,
    mentor_met_uittreksel,
    verbs,
    volledig,
)

pytestmark = pytest.mark.django_db


def _beslis(aanvraag, plaats, *, goedkeuren=True, now=NU, motivering="Werkplek in orde."):
    return (aanvraag_goedkeuren if goedkeuren else aanvraag_afwijzen)(
        aanvraag=aanvraag,
        motivering=motivering,
        door=als(plaats.consulent),
        now=now,
    )


# Completeness and the clock (R16).


def test_asking_for_information_keeps_the_clock_off_and_tells_the_employer(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = ingediend(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = aanvraag_onvolledig_verklaren(
            aanvraag=aanvraag,
            ontbrekend="Recent RSZ-attest.",
            door=als(plaats.consulent),
            now=dag(2),
        )
    assert aanvraag.status == AanvraagStatus.ONVOLLEDIG
    assert aanvraag.beslissing_uiterlijk_op is None and aanvraag.volledig_op is None
    assert not klok(aanvraag, op=dag(2).date()).loopt
    assert [m.to[0] for m in mailoutbox] == [plaats.werkgever.email]
    assert "Recent RSZ-attest." in mailoutbox[0].body


def test_asking_for_information_requires_saying_what_is_missing(plaats) -> None:
    with pytest.raises(DomainError):
        aanvraag_onvolledig_verklaren(
            aanvraag=ingediend(plaats), ontbrekend="  ", door=als(plaats.consulent), now=NU
        )


def test_a_resubmitted_file_is_due_the_term_after_the_day_it_is_complete(plaats) -> None:
    aanvraag = ingediend(plaats)
    aanvraag_onvolledig_verklaren(
        aanvraag=aanvraag, ontbrekend="Attest.", door=als(plaats.consulent), now=dag(2)
    )
    aanvraag_indienen(
        aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(9)
    )
    aanvraag = aanvraag_volledig_verklaren(
        aanvraag=aanvraag, door=als(plaats.consulent), now=dag(12)
    )
    assert aanvraag.volledig_op == dag(12).date()
    assert aanvraag.beslissing_uiterlijk_op == dag(12 + 14).date()
    assert verbs(aanvraag)[-3:] == [
        "aanvraag.onvolledig",
        "aanvraag.ingediend",
        "aanvraag.volledig",
    ]


def test_a_partnership_with_a_21_day_term_is_due_21_days_after_completion(db) -> None:
    plaats = maak_plaats(beslistermijn_dagen=21)
    aanvraag = volledig(plaats, now=dag(3))
    assert aanvraag.beslissing_uiterlijk_op == dt.date(2026, 10, 25)


def test_completion_late_in_the_evening_counts_in_brussels_time(plaats) -> None:
    # 23:30 UTC on 1 October is already 2 October in Brussels.
    laat = dt.datetime(2026, 10, 1, 23, 30, tzinfo=dt.UTC)
    aanvraag = aanvraag_volledig_verklaren(
        aanvraag=ingediend(plaats), door=als(plaats.consulent), now=laat
    )
    assert aanvraag.volledig_op == dt.date(2026, 10, 2)


def test_the_clock_shows_days_left_and_days_overdue(plaats) -> None:
    aanvraag = volledig(plaats)
    assert klok(aanvraag, op=dag(10).date()).dagen_over == 4
    overdue = klok(aanvraag, op=dag(16).date())
    assert overdue.loopt and overdue.dagen_over == -2 and "15/10/2026" in overdue.uitleg


def test_the_queue_puts_complete_files_first_by_days_left(plaats) -> None:
    later = volledig(plaats, now=dag(5))
    ingediend_ = ingediend(andere_vestiging(plaats))
    eerder = volledig(andere_vestiging(plaats), now=dag(1))
    assert list(wachtrij(plaats.partnerschap.pk)) == [eerder, later, ingediend_]


@pytest.mark.parametrize(
    ("trait", "uitleg"),
    [("ingediend", "starts when"), ("onvolledig", "does not run"), ("afgewezen", "")],
)
def test_the_clock_is_off_before_completion_and_after_the_decision(db, trait, uitleg) -> None:
    aanvraag = AanvraagFactory(**{trait: True})
    stand = klok(aanvraag, op=dag(3).date())
    assert (stand.loopt, stand.dagen_over, stand.uiterlijk_op) == (False, None, None)
    assert uitleg in stand.uitleg and bool(stand.uitleg) is bool(uitleg)


def test_the_queue_filters_by_status_and_programme(plaats) -> None:
    ingediend_ = AanvraagFactory(
        ingediend=True, vestiging=plaats.vestiging, opleiding=plaats.opleiding
    )
    andere = AanvraagFactory(volledig=True, opleiding__partnerschap=plaats.partnerschap)
    AanvraagFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)  # a draft: not queued
    assert list(wachtrij(plaats.partnerschap.pk, status="ingediend")) == [ingediend_]
    assert list(wachtrij(plaats.partnerschap.pk, opleiding_id=andere.opleiding_id)) == [andere]


def test_a_site_visit_is_recorded_only_once_it_took_place(plaats) -> None:
    aanvraag = ingediend(plaats)
    with pytest.raises(DomainError):
        plaatsbezoek_registreren(
            aanvraag=aanvraag,
            bezocht_op=dag(1).date(),
            verslag="Ok",
            door=als(plaats.consulent),
            now=NU,
        )
    plaatsbezoek_registreren(
        aanvraag=aanvraag, bezocht_op=NU.date(), verslag="Ok", door=als(plaats.consulent), now=NU
    )
    assert "aanvraag.plaatsbezoek" in verbs(aanvraag)


# Approval (R19).


def test_approval_grants_a_recognition_valid_for_the_partnerships_years(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = volledig(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = _beslis(aanvraag, plaats, now=dag(10))
    erkenning = Erkenning.objects.get(aanvraag=aanvraag)
    assert erkenning.status == ErkenningStatus.ACTIEF
    assert (erkenning.geldig_van, erkenning.geldig_tot) == (
        dt.date(2026, 10, 11),
        dt.date(2031, 10, 11),
    )
    assert aanvraag.beslist_door == plaats.consulent and aanvraag.beslist_op == dag(10)
    event = Event.objects.get(verb="aanvraag.goedgekeurd", object_id=aanvraag.pk)
    assert event.after["geldig_tot"] == "2031-10-11"
    besluit = [m for m in mailoutbox if m.subject == onderwerp("erkenning/application_decided")]
    assert besluit[0].to == [plaats.werkgever.email] and "11/10/2031" in besluit[0].body


def test_a_recognition_decided_on_29_february_runs_until_28_february(plaats) -> None:
    schrikkeldag = moment(dt.date(2028, 2, 29))
    aanvraag = goedgekeurd(plaats, now=schrikkeldag - dt.timedelta(days=5), beslist=schrikkeldag)
    erkenning = aanvraag.erkenning
    assert (erkenning.geldig_van, erkenning.geldig_tot) == (
        dt.date(2028, 2, 29),
        dt.date(2033, 2, 28),
    )


def test_a_partnership_granting_3_years_sets_valid_until_3_years_on(db) -> None:
    plaats = maak_plaats(geldigheid_jaren=3)
    assert goedgekeurd(plaats).erkenning.geldig_tot == dt.date(2029, 10, 1)


def test_approval_accepts_the_named_mentors_pending_designations(plaats) -> None:
    aanvraag = volledig(plaats)
    toewijzing = MentorToewijzing.objects.get(vestiging=plaats.vestiging)
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD
    _beslis(aanvraag, plaats)
    toewijzing.refresh_from_db()
    assert (
        toewijzing.status == ToewijzingStatus.AANVAARD
        and toewijzing.beslist_door == plaats.consulent
    )


def test_approval_accepts_the_designations_silently_with_their_audit_events(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    """One approval mail tells the employer; the designation gets its audit event, no mail."""
    aanvraag = volledig(plaats)
    toewijzing = MentorToewijzing.objects.get(vestiging=plaats.vestiging)
    with django_capture_on_commit_callbacks(execute=True):
        _beslis(aanvraag, plaats)
    assert verbs(toewijzing)[-1] == "toewijzing.aanvaard"
    event = Event.objects.get(verb="toewijzing.aanvaard", object_id=toewijzing.pk)
    assert event.actor == plaats.consulent and event.before == {"status": "voorgesteld"}
    assert [m.subject for m in mailoutbox] == [onderwerp("erkenning/application_decided")]


def test_the_bulk_acceptance_refuses_another_partnership(plaats) -> None:
    from mentors.services import (
        kan_toewijzingen_aanvaarden_met_aanvraag,
        toewijzingen_aanvaarden_met_aanvraag,
    )

    volledig(plaats)
    toewijzingen = list(MentorToewijzing.objects.filter(vestiging=plaats.vestiging))
    vreemd = als(lid(maak_plaats().partnerschap, Rol.SECTORCONSULENT))
    assert not kan_toewijzingen_aanvaarden_met_aanvraag(toewijzingen, door=vreemd, now=NU).allowed
    with pytest.raises(Refused):
        toewijzingen_aanvaarden_met_aanvraag(toewijzingen=toewijzingen, door=vreemd, now=NU)
    assert (
        toewijzingen_aanvaarden_met_aanvraag(
            toewijzingen=toewijzingen, door=als(plaats.consulent), now=NU
        )
        == 1
    )


def test_approval_is_refused_when_no_named_mentor_is_valid(plaats) -> None:
    jong = mentor_met_uittreksel(plaats, jong=True)  # 24 on NU: below R32
    aanvraag = volledig(plaats, mentor=jong)
    with pytest.raises(DomainError):
        _beslis(aanvraag, plaats)
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.VOLLEDIG and not Erkenning.objects.exists()
    assert MentorToewijzing.objects.get(mentor=jong).status == ToewijzingStatus.VOORGESTELD


def test_a_new_application_for_a_place_already_recognised_cannot_be_approved(plaats) -> None:
    aanvraag = volledig(plaats)
    ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    with pytest.raises(DomainError):
        _beslis(aanvraag, plaats)
    assert Erkenning.objects.count() == 1


def test_approving_an_added_mentor_accepts_the_mentor_and_changes_no_recognition(plaats) -> None:
    erkenning = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    aanvraag = volledig(plaats, soort=AanvraagSoort.MENTOR_TOEVOEGEN)
    aanvraag = _beslis(aanvraag, plaats)
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD
    assert list(Erkenning.objects.all()) == [erkenning]
    assert MentorToewijzing.objects.get().status == ToewijzingStatus.AANVAARD


# Refusal (R27).


def test_refusal_opens_the_appeal_term_and_states_the_route(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = volledig(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = _beslis(
            aanvraag, plaats, goedkeuren=False, now=dag(4), motivering="Geen uitrusting."
        )
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN
    assert aanvraag.beroep_uiterlijk_op == dag(14).date()
    assert not Erkenning.objects.exists()
    (mail,) = [m for m in mailoutbox if m.subject == onderwerp("erkenning/application_decided")]
    assert (
        mail.to == [plaats.werkgever.email]
        and "Geen uitrusting." in mail.body
        and "15/10/2026" in mail.body
    )


def test_a_partnership_with_a_15_day_appeal_term_keeps_it_open_15_days(db) -> None:
    plaats = maak_plaats(beroepstermijn_dagen=15)
    aanvraag = _beslis(volledig(plaats), plaats, goedkeuren=False)
    assert aanvraag.beroep_uiterlijk_op == dt.date(2026, 10, 16)


@pytest.mark.parametrize("goedkeuren", [True, False])
def test_a_decision_needs_a_written_motivation(plaats, goedkeuren) -> None:
    aanvraag = volledig(plaats)
    with pytest.raises(DomainError):
        _beslis(aanvraag, plaats, goedkeuren=goedkeuren, motivering=" ")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.VOLLEDIG


@pytest.mark.parametrize("eerst", [True, False])
@pytest.mark.parametrize("dan", [True, False])
def test_a_decided_file_cannot_be_decided_again(plaats, eerst, dan) -> None:
    aanvraag = _beslis(volledig(plaats), plaats, goedkeuren=eerst)
    with pytest.raises(AlBeslist):
        _beslis(aanvraag, plaats, goedkeuren=dan)
    assert Erkenning.objects.count() == (1 if eerst else 0)


def test_a_file_not_yet_complete_cannot_be_decided(plaats) -> None:
    with pytest.raises(Refused, match="This step is not possible"):
        _beslis(ingediend(plaats), plaats)


def test_an_excluded_enterprises_pending_file_cannot_be_approved(plaats) -> None:
    aanvraag = volledig(plaats)
    SanctieFactory(uitsluiting=True, onderneming=plaats.onderneming, tot=None)
    with pytest.raises(DomainError):
        _beslis(aanvraag, plaats, now=dag(1))
