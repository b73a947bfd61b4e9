"""Who sees what (`visible_to`): the enterprise its own, the partnership what it decides (no
drafts), a school only the enterprises that mandated it (R4), the platform admin everything."""

import pytest

from duaal.accounts.actor import actor_for
from duaal.accounts.constants import Rol
from erkenning.models import Aanvraag, Beroep, Erkenning, Sanctie
from tests.factories import DepartementFactory, OndernemingFactory, OnderwijsinstellingFactory
from tests.support import lid

from .conftest import maak_plaats
from .factories import (
    AanvraagFactory,
    BeroepFactory,
    ErkenningFactory,
    MachtigingFactory,
    SanctieFactory,
)

pytestmark = pytest.mark.django_db


def _actor(organisatie, rol):
    return actor_for(lid(organisatie, rol))


def _aanvragen(plaats):
    """A draft, a submitted and a complete file of the place."""
    plek = {"vestiging": plaats.vestiging, "opleiding": plaats.opleiding}
    return (
        AanvraagFactory(**plek),
        AanvraagFactory(ingediend=True, **plek),
        AanvraagFactory(volledig=True, **plek),
    )


@pytest.fixture
def twee(db):
    """Two places: different enterprises and partnerships, each with three files."""
    a, b = maak_plaats(), maak_plaats()
    return a, b, _aanvragen(a), _aanvragen(b)


def test_an_enterprise_sees_its_own_applications_drafts_included(twee) -> None:
    a, _b, eigen, _vreemd = twee
    actor = _actor(a.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    assert set(Aanvraag.objects.visible_to(actor)) == set(eigen)


def test_a_partnership_sees_its_submitted_files_but_no_drafts(twee) -> None:
    a, _b, (concept, ingediend, volledig), _vreemd = twee
    actor = actor_for(a.consulent)
    assert set(Aanvraag.objects.visible_to(actor)) == {ingediend, volledig}


def test_a_partnership_sees_the_draft_it_files_under_mandate(twee) -> None:
    a, b, _eigen, _vreemd = twee
    MachtigingFactory(onderneming=b.onderneming, gemachtigde=a.partnerschap)
    concept = AanvraagFactory(
        vestiging=b.vestiging, opleiding=b.opleiding, ingediend_namens=a.partnerschap
    )
    assert concept in Aanvraag.objects.visible_to(actor_for(a.consulent))


def test_a_school_sees_only_the_files_of_enterprises_that_mandated_it(twee) -> None:
    a, _b, eigen, _vreemd = twee
    school = OnderwijsinstellingFactory()
    coach = _actor(school, Rol.TRAJECTBEGELEIDER)
    assert not Aanvraag.objects.visible_to(coach).exists()
    MachtigingFactory(onderneming=a.onderneming, gemachtigde=school)
    assert set(Aanvraag.objects.visible_to(coach)) == set(eigen)


def test_a_school_loses_sight_when_the_mandate_is_revoked(twee) -> None:
    a, _b, _eigen, _vreemd = twee
    school = OnderwijsinstellingFactory()
    MachtigingFactory(onderneming=a.onderneming, gemachtigde=school, ingetrokken=True)
    assert not Aanvraag.objects.visible_to(_actor(school, Rol.TRAJECTBEGELEIDER)).exists()


def test_the_platform_admin_sees_everything_and_a_user_without_membership_nothing(twee) -> None:
    beheerder = _actor(DepartementFactory(), Rol.PLATFORMBEHEERDER)
    assert Aanvraag.objects.visible_to(beheerder).count() == 6
    assert not Aanvraag.objects.visible_to(
        actor_for(lid(OndernemingFactory(), Rol.VERTEGENWOORDIGER))
    ).exists()


def test_recognitions_are_seen_by_enterprise_partnership_and_mandated_school(twee) -> None:
    a, b, _eigen, _vreemd = twee
    erkenning = ErkenningFactory(vestiging=a.vestiging, opleiding=a.opleiding)
    ErkenningFactory(vestiging=b.vestiging, opleiding=b.opleiding)
    school, andere_school = OnderwijsinstellingFactory(), OnderwijsinstellingFactory()
    MachtigingFactory(onderneming=a.onderneming, gemachtigde=school)
    for actor in (
        actor_for(a.werkgever),
        actor_for(a.consulent),
        _actor(school, Rol.TRAJECTBEGELEIDER),
    ):
        assert list(Erkenning.objects.visible_to(actor)) == [erkenning]
    assert not Erkenning.objects.visible_to(_actor(andere_school, Rol.TRAJECTBEGELEIDER)).exists()


@pytest.mark.parametrize("model", [Sanctie, Beroep])
def test_sanctions_and_appeals_are_seen_by_the_enterprise_and_the_partnership_only(
    twee, model
) -> None:
    a, b, _eigen, _vreemd = twee
    erkenning = ErkenningFactory(vestiging=a.vestiging, opleiding=a.opleiding, opgeheven=True)
    sanctie = SanctieFactory(erkenning=erkenning)
    ErkenningFactory(vestiging=b.vestiging, opleiding=b.opleiding)
    beroep = BeroepFactory(aanvraag=None, sanctie=sanctie)
    BeroepFactory()  # another enterprise's appeal against a refusal
    eigen = sanctie if model is Sanctie else beroep
    for actor in (actor_for(a.werkgever), actor_for(a.beheerder)):
        assert list(model.objects.visible_to(actor)) == [eigen]
    school = OnderwijsinstellingFactory()
    MachtigingFactory(onderneming=a.onderneming, gemachtigde=school)
    assert not model.objects.visible_to(_actor(school, Rol.TRAJECTBEGELEIDER)).exists()
    assert not model.objects.visible_to(actor_for(b.werkgever)).exists()
