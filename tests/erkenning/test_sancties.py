"""Sanctions (R23-R26): each motivated, each applying its effect, each ending recognitions
telling the apps above after commit."""

import pytest

from duaal.audit.models import Event
from erkenning.constants import ErkenningStatus, SanctieSoort
from erkenning.exceptions import ErkenningFout
from erkenning.models import Erkenning
from erkenning.services import aanvraag_indienen, sanctie_opleggen
from mentors.models import MentorToewijzing
from tests.factories import OpleidingFactory, VestigingFactory
from tests.mentors.factories import geldige_toewijzing

from .factories import ErkenningFactory
from .helpers import NU, andere_vestiging, dag, goedgekeurd, ingevuld

pytestmark = pytest.mark.django_db


def _sanctie(plaats, soort, **kwargs):
    kwargs.setdefault("motivering", "Herhaalde klachten; begeleidingsacties zonder resultaat.")
    kwargs.setdefault("now", NU)
    return sanctie_opleggen(
        soort=soort,
        onderneming=plaats.onderneming,
        partnerschap=plaats.partnerschap,
        door=plaats.beheerder,
        **kwargs,
    )


def _erkenning(plaats, **kwargs):
    kwargs.setdefault("vestiging", plaats.vestiging)
    return ErkenningFactory(opleiding=kwargs.pop("opleiding", plaats.opleiding), **kwargs)


def test_lifting_ends_the_recognition_and_tells_the_apps_above_after_commit(
    plaats, django_capture_on_commit_callbacks, mailoutbox, beeindigd
) -> None:
    erkenning = _erkenning(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        sanctie = _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=erkenning)
        assert beeindigd == []
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.OPGEHEVEN and erkenning.beeindigd_op == NU
    assert [(s["erkenning_ids"], s["reden"]) for s in beeindigd] == [([erkenning.pk], "opgeheven")]
    assert list(sanctie.getroffen_erkenningen.all()) == [erkenning]
    assert sanctie.beroep_uiterlijk_op == dag(10).date()
    assert [m.to[0] for m in mailoutbox] == [plaats.werkgever.email]


def test_a_sanction_needs_a_written_motivation(plaats) -> None:
    with pytest.raises(ErkenningFout):
        _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=_erkenning(plaats), motivering="")
    assert Erkenning.objects.get().status == ErkenningStatus.ACTIEF


def test_lifting_a_recognition_of_another_partnership_is_refused(plaats) -> None:
    vreemd = ErkenningFactory(vestiging=plaats.vestiging)  # another programme and partnership
    with pytest.raises(ErkenningFout):
        _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=vreemd)


def test_lifting_needs_the_recognition(plaats) -> None:
    with pytest.raises(ErkenningFout):
        _sanctie(plaats, SanctieSoort.OPHEFFING)


def test_lifting_a_recognition_of_another_enterprise_is_refused(plaats) -> None:
    vreemd = ErkenningFactory(opleiding=plaats.opleiding)  # another enterprise
    with pytest.raises(ErkenningFout):
        _sanctie(plaats, SanctieSoort.OPHEFFING, erkenning=vreemd)


def test_excluding_an_enterprise_ends_all_its_running_recognitions(
    plaats, django_capture_on_commit_callbacks, beeindigd
) -> None:
    lopend = [
        _erkenning(plaats),
        _erkenning(plaats, vestiging=VestigingFactory(onderneming=plaats.onderneming)),
        _erkenning(plaats, opleiding=OpleidingFactory(partnerschap=plaats.partnerschap)),
    ]
    verlopen = _erkenning(plaats, verlopen=True)
    ander = ErkenningFactory(opleiding=plaats.opleiding)
    with django_capture_on_commit_callbacks(execute=True):
        _sanctie(plaats, SanctieSoort.UITSLUITING_ONDERNEMING, tot=dag(90).date())
    status = dict(Erkenning.objects.values_list("pk", "status"))
    assert {status[e.pk] for e in lopend} == {ErkenningStatus.UITGESLOTEN}
    assert (status[verlopen.pk], status[ander.pk]) == ("verlopen", "actief")
    assert sorted(pk for s in beeindigd for pk in s["erkenning_ids"]) == sorted(
        e.pk for e in lopend
    )


def test_an_exclusion_blocks_new_submissions_until_its_end_date(plaats) -> None:
    _sanctie(plaats, SanctieSoort.UITSLUITING_ONDERNEMING, tot=dag(90).date())
    aanvraag = ingevuld(plaats, now=dag(1))
    for dagen in (1, 90):
        with pytest.raises(ErkenningFout):
            aanvraag_indienen(
                aanvraag=aanvraag, door=plaats.werkgever, verklaring_op_eer=True, now=dag(dagen)
            )
    aanvraag_indienen(aanvraag=aanvraag, door=plaats.werkgever, verklaring_op_eer=True, now=dag(91))


def test_excluding_an_establishment_ends_only_its_recognitions(plaats) -> None:
    hier = _erkenning(plaats)
    elders = _erkenning(plaats, vestiging=VestigingFactory(onderneming=plaats.onderneming))
    _sanctie(plaats, SanctieSoort.UITSLUITING_VESTIGING, vestiging=plaats.vestiging)
    assert Erkenning.objects.get(pk=hier.pk).status == ErkenningStatus.UITGESLOTEN
    assert Erkenning.objects.get(pk=elders.pk).status == ErkenningStatus.ACTIEF


def test_excluding_an_establishment_needs_the_establishment(plaats) -> None:
    with pytest.raises(ErkenningFout):
        _sanctie(plaats, SanctieSoort.UITSLUITING_VESTIGING)


def test_barring_a_mentor_deactivates_their_designations_for_that_programme_only(
    plaats, django_capture_on_commit_callbacks
) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    toewijzing = MentorToewijzing.objects.get(vestiging=plaats.vestiging)
    anders = geldige_toewijzing(mentor=toewijzing.mentor, vestiging=plaats.vestiging)
    with django_capture_on_commit_callbacks(execute=True):
        _sanctie(
            plaats,
            SanctieSoort.MENTOR_GESCHORST,
            mentor=toewijzing.mentor,
            opleiding=plaats.opleiding,
        )
    actief = dict(MentorToewijzing.objects.values_list("pk", "actief"))
    assert (actief[toewijzing.pk], actief[anders.pk]) == (False, True)
    erkenning.refresh_from_db()  # R43: it was the only valid mentor
    assert erkenning.status == ErkenningStatus.ZONDER_GELDIGE_MENTOR


def test_barring_needs_the_mentor_and_the_programme(plaats) -> None:
    with pytest.raises(ErkenningFout):
        _sanctie(plaats, SanctieSoort.MENTOR_GESCHORST, opleiding=plaats.opleiding)


def test_a_guidance_action_ends_nothing_and_cannot_be_appealed(plaats) -> None:
    erkenning = _erkenning(plaats)
    sanctie = _sanctie(plaats, SanctieSoort.BEGELEIDINGSACTIE, erkenning=erkenning)
    assert sanctie.beroep_uiterlijk_op is None and not sanctie.getroffen_erkenningen.exists()
    assert Erkenning.objects.get().status == ErkenningStatus.ACTIEF
    assert Event.objects.get(verb="sanctie.begeleidingsactie").actor == plaats.beheerder


def test_a_definitive_exclusion_blocks_submissions_for_good(plaats) -> None:
    sanctie = _sanctie(plaats, SanctieSoort.UITSLUITING_ONDERNEMING)
    aanvraag = ingevuld(plaats)
    with pytest.raises(ErkenningFout):
        aanvraag_indienen(
            aanvraag=aanvraag, door=plaats.werkgever, verklaring_op_eer=True, now=dag(3650)
        )
    assert sanctie.tot is None


def test_an_excluded_establishment_does_not_block_another_establishment(plaats) -> None:
    _sanctie(plaats, SanctieSoort.UITSLUITING_VESTIGING, vestiging=plaats.vestiging)
    aanvraag = ingevuld(andere_vestiging(plaats), now=dag(1))
    aanvraag = aanvraag_indienen(
        aanvraag=aanvraag, door=plaats.werkgever, verklaring_op_eer=True, now=dag(1)
    )
    assert aanvraag.status == "ingediend"
