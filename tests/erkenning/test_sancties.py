"""Sanctions (R23-R26): each motivated, each applying its effect; an ended recognition is
stored state (status and end) that the apps above read in their own sweeps."""

import pytest

from duaal.audit.models import Event
from duaal.exceptions import DomainError
from erkenning.constants import LOPEND, ErkenningStatus, SanctieSoort
from erkenning.models import Erkenning
from erkenning.selectors import laatste_einde_voor_plaats
from erkenning.services import (
    aanvraag_indienen,
    begeleidingsactie_opleggen,
    erkenning_opheffen,
    mentor_schorsen,
    onderneming_uitsluiten,
    vestiging_uitsluiten,
)
from mentors.models import MentorToewijzing
from tests.factories import OpleidingFactory, VestigingFactory
from tests.mentors.factories import geldige_toewijzing
from tests.support import als

from .factories import ErkenningFactory
from .helpers import NU, andere_vestiging, dag, goedgekeurd, ingevuld

pytestmark = pytest.mark.django_db


OPLEGGEN = {
    SanctieSoort.BEGELEIDINGSACTIE: begeleidingsactie_opleggen,
    SanctieSoort.MENTOR_GESCHORST: mentor_schorsen,
    SanctieSoort.OPHEFFING: erkenning_opheffen,
    SanctieSoort.UITSLUITING_VESTIGING: vestiging_uitsluiten,
    SanctieSoort.UITSLUITING_ONDERNEMING: onderneming_uitsluiten,
}


def _sanctie(plaats, soort, *, erkenning=None, **kwargs):
    """Impose the measure from `erkenning` (the place's running recognition when not given)."""
    kwargs.setdefault("motivering", "Herhaalde klachten; begeleidingsacties zonder resultaat.")
    kwargs.setdefault("now", NU)
    kwargs.setdefault("door", als(plaats.beheerder))
    if erkenning is None:
        erkenning = Erkenning.objects.get(
            vestiging=plaats.vestiging, opleiding=plaats.opleiding, status__in=LOPEND
        )
    return OPLEGGEN[soort](erkenning=erkenning, **kwargs)


def _einde(plaats) -> str | None:
    """The place's last ended recognition's status, as other apps' querysets see it."""
    return (
        Erkenning.objects.filter(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
        .annotate(einde=laatste_einde_voor_plaats("vestiging_id", "opleiding_id"))
        .values_list("einde", flat=True)
        .first()
    )


def _erkenning(plaats, **kwargs):
    kwargs.setdefault("vestiging", plaats.vestiging)
    return ErkenningFactory(opleiding=kwargs.pop("opleiding", plaats.opleiding), **kwargs)


def test_lifting_ends_the_recognition_as_stored_state_for_the_apps_above(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    erkenning = _erkenning(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        sanctie = _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=erkenning)
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.OPGEHEVEN and erkenning.beeindigd_op == NU
    # What the agreements' sweep reads for the place (R24): how its recognition ended.
    assert _einde(plaats) == ErkenningStatus.OPGEHEVEN
    assert list(sanctie.getroffen_erkenningen.all()) == [erkenning]
    # Day 10 (11 October 2026) is a Sunday: the appeal term ends on the Monday.
    assert sanctie.beroep_uiterlijk_op == dag(11).date()
    assert [m.to[0] for m in mailoutbox] == [plaats.werkgever.email]


def test_a_sanction_needs_a_written_motivation(plaats) -> None:
    with pytest.raises(DomainError):
        _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=_erkenning(plaats), motivering="")
    assert Erkenning.objects.get().status == ErkenningStatus.ACTIEF


def test_lifting_a_recognition_of_another_partnership_is_refused(plaats) -> None:
    vreemd = ErkenningFactory(vestiging=plaats.vestiging)  # another programme and partnership
    with pytest.raises(DomainError):
        _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=vreemd)


def test_lifting_needs_the_recognition(plaats) -> None:
    with pytest.raises(TypeError):  # the service names the recognition it lifts
        erkenning_opheffen(motivering="Zomaar.", door=als(plaats.beheerder), now=NU)


def test_a_measure_on_an_ended_recognition_is_refused(plaats) -> None:
    with pytest.raises(DomainError, match="This recognition has ended: expired"):
        _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=_erkenning(plaats, verlopen=True))


def test_barring_a_mentor_of_another_enterprise_is_refused(plaats) -> None:
    # The measure concerns one enterprise: its recognition, establishment and mentor.
    vreemd = geldige_toewijzing(opleiding=plaats.opleiding).mentor  # another enterprise
    with pytest.raises(DomainError, match="This mentor belongs to another enterprise"):
        _sanctie(plaats, SanctieSoort.MENTOR_GESCHORST, erkenning=_erkenning(plaats), mentor=vreemd)


def test_excluding_an_enterprise_ends_all_its_running_recognitions(
    plaats, django_capture_on_commit_callbacks
) -> None:
    lopend = [
        _erkenning(plaats),
        _erkenning(plaats, vestiging=VestigingFactory(onderneming=plaats.onderneming)),
        _erkenning(plaats, opleiding=OpleidingFactory(partnerschap=plaats.partnerschap)),
    ]
    verlopen = _erkenning(plaats, verlopen=True)
    ander = ErkenningFactory(opleiding=plaats.opleiding)
    with django_capture_on_commit_callbacks(execute=True):
        _sanctie(
            plaats, SanctieSoort.UITSLUITING_ONDERNEMING, erkenning=lopend[0], tot=dag(90).date()
        )
    status = dict(Erkenning.objects.values_list("pk", "status"))
    assert {status[e.pk] for e in lopend} == {ErkenningStatus.UITGESLOTEN}
    assert (status[verlopen.pk], status[ander.pk]) == ("verlopen", "actief")
    assert {e.beeindigd_op for e in Erkenning.objects.filter(pk__in=[e.pk for e in lopend])} == {NU}
    assert _einde(plaats) == ErkenningStatus.UITGESLOTEN


def test_an_exclusion_blocks_new_submissions_until_its_end_date(plaats) -> None:
    _sanctie(
        plaats,
        SanctieSoort.UITSLUITING_ONDERNEMING,
        erkenning=_erkenning(plaats, vestiging=andere_vestiging(plaats).vestiging),
        tot=dag(90).date(),
    )
    aanvraag = ingevuld(plaats, now=dag(1))
    for dagen in (1, 90):
        with pytest.raises(DomainError):
            aanvraag_indienen(
                aanvraag=aanvraag,
                door=als(plaats.werkgever),
                verklaring_op_eer=True,
                now=dag(dagen),
            )
    aanvraag_indienen(
        aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(91)
    )


def test_excluding_an_establishment_ends_only_its_recognitions(plaats) -> None:
    hier = _erkenning(plaats)
    elders = _erkenning(plaats, vestiging=VestigingFactory(onderneming=plaats.onderneming))
    _sanctie(plaats, SanctieSoort.UITSLUITING_VESTIGING, erkenning=hier)
    assert Erkenning.objects.get(pk=hier.pk).status == ErkenningStatus.UITGESLOTEN
    assert Erkenning.objects.get(pk=elders.pk).status == ErkenningStatus.ACTIEF


def test_excluding_an_establishment_needs_the_establishment(plaats) -> None:
    with pytest.raises(TypeError):  # it excludes the recognition's establishment
        vestiging_uitsluiten(motivering="Zomaar.", door=als(plaats.beheerder), now=NU)


def test_barring_a_mentor_deactivates_their_designations_for_that_programme_only(
    plaats, django_capture_on_commit_callbacks
) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    toewijzing = MentorToewijzing.objects.get(vestiging=plaats.vestiging)
    anders = geldige_toewijzing(mentor=toewijzing.mentor, vestiging=plaats.vestiging)
    with django_capture_on_commit_callbacks(execute=True):
        _sanctie(
            plaats, SanctieSoort.MENTOR_GESCHORST, erkenning=erkenning, mentor=toewijzing.mentor
        )
    actief = dict(MentorToewijzing.objects.values_list("pk", "actief"))
    assert (actief[toewijzing.pk], actief[anders.pk]) == (False, True)
    erkenning.refresh_from_db()  # R43: it was the only valid mentor
    assert erkenning.status == ErkenningStatus.ZONDER_GELDIGE_MENTOR


def test_barring_needs_the_mentor_and_the_programme(plaats) -> None:
    with pytest.raises(TypeError):  # the programme is the recognition's; the mentor is named
        mentor_schorsen(
            erkenning=_erkenning(plaats), motivering="Zomaar.", door=als(plaats.beheerder)
        )


def test_a_guidance_action_ends_nothing_and_cannot_be_appealed(plaats) -> None:
    erkenning = _erkenning(plaats)
    sanctie = _sanctie(plaats, SanctieSoort.BEGELEIDINGSACTIE, erkenning=erkenning)
    assert sanctie.beroep_uiterlijk_op is None and not sanctie.getroffen_erkenningen.exists()
    assert Erkenning.objects.get().status == ErkenningStatus.ACTIEF
    assert Event.objects.get(verb="sanctie.begeleidingsactie").actor == plaats.beheerder


def test_a_definitive_exclusion_blocks_submissions_for_good(plaats) -> None:
    elders = _erkenning(plaats, vestiging=andere_vestiging(plaats).vestiging)
    sanctie = _sanctie(plaats, SanctieSoort.UITSLUITING_ONDERNEMING, erkenning=elders)
    aanvraag = ingevuld(plaats)
    with pytest.raises(DomainError):
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(3650)
        )
    assert sanctie.tot is None


def test_an_excluded_establishment_does_not_block_another_establishment(plaats) -> None:
    _sanctie(plaats, SanctieSoort.UITSLUITING_VESTIGING, erkenning=_erkenning(plaats))
    aanvraag = ingevuld(andere_vestiging(plaats), now=dag(1))
    aanvraag = aanvraag_indienen(
        aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(1)
    )
    assert aanvraag.status == "ingediend"
