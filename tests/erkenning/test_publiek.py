"""The public search (R3): opted-in, active recognitions, per programme and postcode or
municipality; 'places available' only for published workplaces."""

import pytest

from erkenning.selectors import publiek_zoeken
from erkenning.services import erkenning_publicatie_wijzigen
from tests.factories import OpleidingFactory, VestigingFactory
from tests.support import als

from .factories import ErkenningFactory
from .helpers import NU, verbs

pytestmark = pytest.mark.django_db


def _in(postcode: str, gemeente: str, **kwargs):
    return ErkenningFactory(
        publiek=True, vestiging=VestigingFactory(postcode=postcode, gemeente=gemeente), **kwargs
    )


def test_it_shows_only_opted_in_active_recognitions(db) -> None:
    zichtbaar = ErkenningFactory(publiek=True)
    ErkenningFactory()  # not opted in
    ErkenningFactory(publiek=True, zonder_mentor=True)
    ErkenningFactory(publiek=True, verlopen=True)
    ErkenningFactory(publiek=True, opgeheven=True)
    assert list(publiek_zoeken(opleiding_id=None)) == [zichtbaar]


def test_it_filters_by_programme(db) -> None:
    opleiding = OpleidingFactory()
    gezocht = ErkenningFactory(publiek=True, opleiding=opleiding)
    ErkenningFactory(publiek=True)
    assert list(publiek_zoeken(opleiding_id=opleiding.pk)) == [gezocht]


def test_it_filters_by_postcode_prefix(db) -> None:
    gent, drongen = _in("9000", "Gent"), _in("9031", "Drongen")
    _in("2000", "Antwerpen")
    assert set(publiek_zoeken(opleiding_id=None, plaats=" 90 ")) == {gent, drongen}
    assert list(publiek_zoeken(opleiding_id=None, plaats="9031")) == [drongen]


def test_it_filters_by_municipality_whatever_the_case(db) -> None:
    leuven = _in("3000", "Leuven")
    _in("3010", "Kessel-Lo")
    assert list(publiek_zoeken(opleiding_id=None, plaats="leuven")) == [leuven]
    assert list(publiek_zoeken(opleiding_id=None, plaats="Leu")) == []


def test_workplaces_with_places_available_come_first(db) -> None:
    zonder, met = _in("9000", "Gent"), _in("9000", "Gent", plaatsen_beschikbaar=True)
    assert list(publiek_zoeken(opleiding_id=None, plaats="9000")) == [met, zonder]


def test_the_employer_opts_in_and_places_available_need_publication(plaats) -> None:
    erkenning = ErkenningFactory(vestiging=plaats.vestiging)
    erkenning = erkenning_publicatie_wijzigen(
        erkenning=erkenning,
        publiek_zichtbaar=False,
        plaatsen_beschikbaar=True,
        door=als(plaats.werkgever),
        now=NU,
    )
    assert not erkenning.plaatsen_beschikbaar and verbs(erkenning) == []
    erkenning_publicatie_wijzigen(
        erkenning=erkenning,
        publiek_zichtbaar=True,
        plaatsen_beschikbaar=True,
        door=als(plaats.werkgever),
        now=NU,
    )
    assert list(publiek_zoeken(opleiding_id=None)) == [erkenning]
    assert verbs(erkenning) == ["erkenning.publicatie"]
