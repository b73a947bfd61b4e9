"""Appeals (R27-R29): only the enterprise concerned, within the term, once; admissibility,
outcome, and an upheld appeal applied."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.exceptions import DomainError
from duaal.workflow import Refused
from erkenning.constants import AanvraagStatus, BeroepStatus, ErkenningStatus
from erkenning.models import Erkenning
from erkenning.services import (
    aanvraag_indienen,
    beroep_gegrond_verklaren,
    beroep_indienen,
    beroep_ongegrond_verklaren,
    beroep_onontvankelijk_verklaren,
    beroep_ontvankelijk_verklaren,
    erkenning_opheffen,
    onderneming_uitsluiten,
)
from mentors.selectors import heeft_geldige_mentor
from tests.factories import DepartementFactory, MembershipFactory, OndernemingFactory
from tests.support import als, lid

from .factories import AanvraagFactory, ErkenningFactory
from .helpers import NU, afgewezen, andere_vestiging, dag, ingevuld, verbs

pytestmark = pytest.mark.django_db


def coordinator():
    """The department's appeal coordinator (R28-R29): a platform admin."""
    membership = MembershipFactory(
        user__email="beroepscoordinator@voorbeeld.be",
        organisatie=DepartementFactory(),
        rol=Rol.PLATFORMBEHEERDER,
    )
    return membership.user


def test_only_the_appeal_coordinator_handles_an_appeal(plaats) -> None:
    beroep = _beroep(plaats, aanvraag=afgewezen(plaats))
    with pytest.raises(DomainError):
        beroep_ontvankelijk_verklaren(
            beroep=beroep, motivering="", door=als(plaats.beheerder), now=NU
        )


def _beroep(plaats, *, now=NU, aanvraag=None, sanctie=None):
    return beroep_indienen(
        onderwerp=aanvraag or sanctie,
        motivering="De uitrusting is vernieuwd.",
        door=als(plaats.werkgever),
        now=now,
    )


def _ontvankelijk(plaats, beroep, now=NU):
    return beroep_ontvankelijk_verklaren(
        beroep=beroep, motivering="", door=als(coordinator()), now=now
    )


def _uitkomst(plaats, beroep, gegrond, now=None):
    now = now or dag(20)
    return (beroep_gegrond_verklaren if gegrond else beroep_ongegrond_verklaren)(
        beroep=beroep, motivering="Zie verslag.", door=als(coordinator()), now=now
    )


def _opheffing(plaats, opleggen=erkenning_opheffen):
    erkenning = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    return opleggen(
        erkenning=erkenning,
        motivering="Geen begeleiding.",
        door=als(plaats.beheerder),
        now=NU,
    )


# Lodging (R27-R28).


def test_the_enterprise_appeals_a_refusal_up_to_the_last_day_of_the_term(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = afgewezen(plaats)  # term: 10 days
    with django_capture_on_commit_callbacks(execute=True):
        beroep = _beroep(plaats, aanvraag=aanvraag, now=dag(10))
    assert beroep.status == BeroepStatus.INGEDIEND and beroep.partnerschap == plaats.partnerschap
    assert {plaats.beheerder.email, plaats.consulent.email} <= {m.to[0] for m in mailoutbox}
    assert verbs(beroep) == ["beroep.ingediend"]


def test_an_appeal_after_the_term_is_refused(plaats) -> None:
    # Decided on Thursday 1 October 2026: day 10 is a Sunday, so the term ends on Monday 12.
    aanvraag = afgewezen(plaats)
    with pytest.raises(DomainError):
        _beroep(plaats, aanvraag=aanvraag, now=dag(12))


def test_only_the_enterprise_concerned_can_appeal(plaats) -> None:
    aanvraag = afgewezen(plaats)
    with pytest.raises(DomainError):
        beroep_indienen(
            onderwerp=aanvraag,
            motivering="Wij ook.",
            door=als(lid(OndernemingFactory(), Rol.VERTEGENWOORDIGER)),
            now=NU,
        )


def test_a_decision_can_be_appealed_only_once(plaats) -> None:
    aanvraag = afgewezen(plaats)
    _beroep(plaats, aanvraag=aanvraag)
    with pytest.raises(DomainError):
        _beroep(plaats, aanvraag=aanvraag, now=dag(1))


@pytest.mark.parametrize("trait", ["volledig", "ingediend"])
def test_only_a_refusal_can_be_appealed(plaats, trait) -> None:
    aanvraag = AanvraagFactory(
        vestiging=plaats.vestiging, opleiding=plaats.opleiding, **{trait: True}
    )
    with pytest.raises(DomainError):
        _beroep(plaats, aanvraag=aanvraag)


def test_an_appeal_needs_a_motivation(plaats) -> None:
    with pytest.raises(DomainError):
        beroep_indienen(
            onderwerp=afgewezen(plaats),
            motivering="",
            door=als(plaats.werkgever),
            now=NU,
        )


def test_a_sanction_can_be_appealed_within_its_term(plaats) -> None:
    sanctie = _opheffing(plaats)
    # Imposed on Thursday 1 October 2026: day 10 is a Sunday, so the term ends on Monday 12.
    with pytest.raises(DomainError):
        _beroep(plaats, sanctie=sanctie, now=dag(12))
    assert _beroep(plaats, sanctie=sanctie, now=dag(11)).sanctie == sanctie


# Admissibility and outcome (R29).


def test_an_inadmissible_appeal_needs_a_reason(plaats) -> None:
    beroep = _beroep(plaats, aanvraag=afgewezen(plaats))
    with pytest.raises(DomainError):
        beroep_onontvankelijk_verklaren(
            beroep=beroep, motivering=" ", door=als(coordinator()), now=NU
        )
    beroep = beroep_onontvankelijk_verklaren(
        beroep=beroep, motivering="Te laat.", door=als(coordinator()), now=dag(2)
    )
    assert beroep.status == BeroepStatus.ONONTVANKELIJK and beroep.ontvangst_bevestigd_op == dag(2)
    assert beroep.behandeld_door.email == "beroepscoordinator@voorbeeld.be"


def test_admissibility_is_confirmed_once(plaats) -> None:
    beroep = _ontvankelijk(plaats, _beroep(plaats, aanvraag=afgewezen(plaats)), now=dag(3))
    assert beroep.status == BeroepStatus.ONTVANKELIJK and beroep.ontvangst_bevestigd_op == dag(3)
    with pytest.raises(Refused, match="This step is not possible"):
        _ontvankelijk(plaats, beroep)
    assert verbs(beroep) == ["beroep.ingediend", "beroep.ontvankelijk"]


@pytest.mark.parametrize("gegrond", [True, False])
def test_the_committee_records_the_outcome_of_an_admissible_appeal(plaats, gegrond) -> None:
    beroep = _ontvankelijk(plaats, _beroep(plaats, aanvraag=afgewezen(plaats)))
    beroep = _uitkomst(plaats, beroep, gegrond=gegrond)
    assert beroep.status == (BeroepStatus.GEGROND if gegrond else BeroepStatus.ONGEGROND)
    assert beroep.behandeld_door.email == "beroepscoordinator@voorbeeld.be"


def test_an_inadmissible_appeal_cannot_be_decided(plaats) -> None:
    beroep = beroep_onontvankelijk_verklaren(
        beroep=_beroep(plaats, aanvraag=afgewezen(plaats)),
        motivering="Te laat.",
        door=als(coordinator()),
        now=NU,
    )
    with pytest.raises(Refused, match="This step is not possible"):
        _uitkomst(plaats, beroep, gegrond=True)


def test_a_rejected_appeal_changes_nothing(plaats) -> None:
    aanvraag = afgewezen(plaats)
    _uitkomst(plaats, _ontvankelijk(plaats, _beroep(plaats, aanvraag=aanvraag)), gegrond=False)
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN and not Erkenning.objects.exists()


# Applying the outcome.


def test_an_upheld_appeal_against_a_refusal_grants_the_recognition(plaats) -> None:
    aanvraag = afgewezen(plaats)
    _uitkomst(plaats, _ontvankelijk(plaats, _beroep(plaats, aanvraag=aanvraag)), gegrond=True)
    aanvraag.refresh_from_db()
    erkenning = Erkenning.objects.get(aanvraag=aanvraag)
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD
    assert (erkenning.geldig_van, erkenning.geldig_tot) == (
        dt.date(2026, 10, 21),
        dt.date(2031, 10, 21),
    )
    assert "aanvraag.goedgekeurd_na_beroep" in verbs(aanvraag)


def test_a_recognition_granted_on_appeal_is_active_only_with_a_valid_mentor(plaats) -> None:
    aanvraag = afgewezen(plaats)
    _uitkomst(plaats, _ontvankelijk(plaats, _beroep(plaats, aanvraag=aanvraag)), gegrond=True)
    erkenning = Erkenning.objects.get(aanvraag=aanvraag)
    assert heeft_geldige_mentor(plaats.vestiging, plaats.opleiding, op=dag(20).date())
    assert erkenning.status == ErkenningStatus.ACTIEF


def test_an_upheld_appeal_against_a_lifting_restores_the_recognition(plaats) -> None:
    sanctie = _opheffing(plaats)
    _uitkomst(plaats, _ontvankelijk(plaats, _beroep(plaats, sanctie=sanctie)), gegrond=True)
    erkenning = sanctie.getroffen_erkenningen.get()
    assert erkenning.status == ErkenningStatus.ACTIEF and erkenning.beeindigd_op is None
    assert verbs(erkenning)[-1] == "erkenning.hersteld_na_beroep"


def test_an_upheld_appeal_does_not_restore_a_recognition_past_its_validity(plaats) -> None:
    sanctie = _opheffing(plaats)
    beroep = _ontvankelijk(plaats, _beroep(plaats, sanctie=sanctie))
    _uitkomst(plaats, beroep, gegrond=True, now=NU + dt.timedelta(days=365 * 6))
    assert sanctie.getroffen_erkenningen.get().status == ErkenningStatus.OPGEHEVEN


def test_an_upheld_appeal_leaves_a_place_taken_by_a_newer_recognition(plaats) -> None:
    sanctie = _opheffing(plaats)
    nieuw = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    _uitkomst(plaats, _ontvankelijk(plaats, _beroep(plaats, sanctie=sanctie)), gegrond=True)
    assert sanctie.getroffen_erkenningen.get().status == ErkenningStatus.OPGEHEVEN
    assert Erkenning.objects.get(pk=nieuw.pk).status == ErkenningStatus.ACTIEF


def test_an_upheld_appeal_against_an_exclusion_lifts_the_block_on_applications(plaats) -> None:
    sanctie = _opheffing(plaats, opleggen=onderneming_uitsluiten)
    _uitkomst(plaats, _ontvankelijk(plaats, _beroep(plaats, sanctie=sanctie)), gegrond=True)
    aanvraag = ingevuld(andere_vestiging(plaats), now=dag(21))
    aanvraag_indienen(
        aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(21)
    )
