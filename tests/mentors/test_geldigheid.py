"""A valid mentor per establishment x programme (R43); the cap (R40) is in tests/overeenkomsten."""

import datetime as dt

import pytest

from mentors.constants import ToewijzingStatus
from mentors.selectors import (
    geldige_toewijzingen,
    heeft_geldige_mentor,
    toewijzing_is_geldig,
)
from tests.factories import OpleidingFactory, ToewijzingFactory, VestigingFactory

from .factories import geldige_toewijzing

pytestmark = pytest.mark.django_db

OP = dt.date(2026, 10, 1)


def test_an_accepted_active_designation_of_a_mentor_meeting_every_condition_is_valid() -> None:
    assert toewijzing_is_geldig(geldige_toewijzing(), op=OP)


@pytest.mark.parametrize("status", [ToewijzingStatus.VOORGESTELD, ToewijzingStatus.GEWEIGERD])
def test_a_designation_not_accepted_by_the_partnership_is_not_valid(status) -> None:
    """R21: the partnership reviews a new mentor like an application."""
    toewijzing = geldige_toewijzing()
    toewijzing.status = status
    assert not toewijzing_is_geldig(toewijzing, op=OP)


def test_an_inactive_designation_is_not_valid() -> None:
    """R43: a mentor can be deactivated per establishment."""
    toewijzing = geldige_toewijzing(actief=False)
    assert not toewijzing_is_geldig(toewijzing, op=OP)


def test_an_accepted_designation_of_a_too_young_mentor_is_not_valid() -> None:
    assert not toewijzing_is_geldig(geldige_toewijzing(mentor__jong=True), op=OP)


def test_an_accepted_designation_without_an_extract_is_not_valid() -> None:
    assert not toewijzing_is_geldig(ToewijzingFactory(aanvaard=True), op=OP)


def test_a_valid_mentor_counts_only_for_its_own_establishment_and_programme() -> None:
    toewijzing = geldige_toewijzing()
    vestiging, opleiding = toewijzing.vestiging, toewijzing.opleiding
    andere_vestiging = VestigingFactory(onderneming=vestiging.onderneming)
    assert geldige_toewijzingen(vestiging, opleiding, op=OP) == [toewijzing]
    assert heeft_geldige_mentor(vestiging, opleiding, op=OP)
    assert not heeft_geldige_mentor(andere_vestiging, opleiding, op=OP)
    assert not heeft_geldige_mentor(vestiging, OpleidingFactory(), op=OP)


def test_only_the_valid_designations_of_a_place_are_listed() -> None:
    geldig = geldige_toewijzing()
    plaats = {"vestiging": geldig.vestiging, "opleiding": geldig.opleiding}
    geldige_toewijzing(actief=False, mentor__onderneming=geldig.mentor.onderneming, **plaats)
    ToewijzingFactory(mentor__onderneming=geldig.mentor.onderneming, **plaats)
    geldige_toewijzing(mentor__jong=True, mentor__onderneming=geldig.mentor.onderneming, **plaats)
    assert geldige_toewijzingen(geldig.vestiging, geldig.opleiding, op=OP) == [geldig]
