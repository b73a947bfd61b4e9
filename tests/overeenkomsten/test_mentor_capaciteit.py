"""R40: the cap on learners per mentor is the agreements app's rule; the mentor register gives
validity and the partnership's cap only."""

import datetime as dt

import pytest

from overeenkomsten.controles import mentor_kan_leerling_erbij
from tests.mentors.factories import geldige_toewijzing

pytestmark = pytest.mark.django_db

OP = dt.date(2026, 10, 1)


def test_a_mentor_below_the_partnerships_cap_can_take_one_more_learner() -> None:
    toewijzing = geldige_toewijzing(opleiding__partnerschap__max_leerlingen_per_mentor=2)
    capaciteit = mentor_kan_leerling_erbij(toewijzing=toewijzing, leerlingen_op_datum=1, op=OP)
    assert capaciteit.kan and capaciteit.reden == ""


def test_a_mentor_at_the_partnerships_cap_cannot_take_another_learner() -> None:
    """R40: construction allows one learner per mentor."""
    toewijzing = geldige_toewijzing(opleiding__partnerschap__max_leerlingen_per_mentor=1)
    assert mentor_kan_leerling_erbij(toewijzing=toewijzing, leerlingen_op_datum=0, op=OP).kan
    capaciteit = mentor_kan_leerling_erbij(toewijzing=toewijzing, leerlingen_op_datum=1, op=OP)
    assert not capaciteit.kan
    assert str(toewijzing.mentor) in capaciteit.reden and "1" in capaciteit.reden


def test_an_invalid_mentor_cannot_take_a_learner_whatever_the_cap() -> None:
    toewijzing = geldige_toewijzing(
        actief=False, opleiding__partnerschap__max_leerlingen_per_mentor=5
    )
    capaciteit = mentor_kan_leerling_erbij(toewijzing=toewijzing, leerlingen_op_datum=0, op=OP)
    assert not capaciteit.kan and str(toewijzing.mentor) in capaciteit.reden
