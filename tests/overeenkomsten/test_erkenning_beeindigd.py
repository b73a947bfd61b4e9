"""R24/R74: when the partnership lifts a recognition, the running signed agreements of that
establishment x programme must end early. They are flagged and coach and employer are told,
once; ending them stays a party's act."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from erkenning.constants import SanctieSoort
from erkenning.models import Erkenning
from erkenning.services import sanctie_opleggen
from overeenkomsten.models import Overeenkomst
from overeenkomsten.services import na_erkenning_beeindigd
from tests.mentors.helpers import moment

from .conftest import aan, lid, meldingen

pytestmark = pytest.mark.django_db

OPHEFFING = moment(dt.date(2026, 11, 2))


def _opheffen(traject, django_capture_on_commit_callbacks) -> None:
    beheerder = lid(traject.opleiding.partnerschap, Rol.PARTNERSCHAPSBEHEERDER)
    with django_capture_on_commit_callbacks(execute=True):
        sanctie_opleggen(
            soort=SanctieSoort.OPHEFFING,
            onderneming=traject.onderneming,
            partnerschap=traject.opleiding.partnerschap,
            motivering="Herhaalde klachten over de begeleiding; geen verbetering.",
            door=beheerder,
            erkenning=traject.erkenning,
            now=OPHEFFING,
        )


def _gemarkeerd() -> list[int]:
    return list(
        Overeenkomst.objects.filter(te_beeindigen_sinds__isnull=False).values_list("pk", flat=True)
    )


def test_lifting_the_recognition_flags_its_running_agreements_and_tells_the_parties(
    traject, django_capture_on_commit_callbacks
) -> None:
    overeenkomst = traject.ondertekend()
    _opheffen(traject, django_capture_on_commit_callbacks)
    overeenkomst.refresh_from_db()
    assert overeenkomst.te_beeindigen_sinds == dt.date(2026, 11, 2)
    sleutel = f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd"
    assert aan(sleutel) == sorted([traject.coach.email, traject.werkgever.email])
    assert "ended (Lifted)" in meldingen(sleutel)[0].tekst
    event = Event.objects.get(verb="overeenkomst.te_beeindigen")
    assert (event.object_id, event.actor, event.note) == (overeenkomst.pk, None, "Lifted")


def test_the_flag_and_the_notification_come_once(
    traject, django_capture_on_commit_callbacks
) -> None:
    overeenkomst = traject.ondertekend()
    _opheffen(traject, django_capture_on_commit_callbacks)
    erkenning = Erkenning.objects.get(pk=traject.erkenning.pk)
    with django_capture_on_commit_callbacks(execute=True):
        na_erkenning_beeindigd(
            erkenning_ids=[erkenning.pk], reden="opgeheven", now=OPHEFFING + dt.timedelta(days=1)
        )
    overeenkomst.refresh_from_db()
    assert overeenkomst.te_beeindigen_sinds == dt.date(2026, 11, 2)
    assert Event.objects.filter(verb="overeenkomst.te_beeindigen").count() == 1
    assert len(meldingen(f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd")) == 2


def test_running_and_pending_agreements_of_that_establishment_and_programme_are_flagged(
    traject, django_capture_on_commit_callbacks
) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 5
    partnerschap.save()
    lopend = traject.ondertekend()
    # Not signed yet: flagged too, it can no longer be signed and is to be withdrawn.
    wachtend = traject.verstuurd(traject.leerling(volgnummer=42))
    voorbij = traject.ondertekend(
        traject.leerling(volgnummer=43), start=dt.date(2026, 9, 15), einde=dt.date(2026, 10, 30)
    )
    ander = traject.met_opleiding()
    elders = ander.ondertekend(ander.leerling(volgnummer=44))
    _opheffen(traject, django_capture_on_commit_callbacks)
    assert sorted(_gemarkeerd()) == sorted([lopend.pk, wachtend.pk])
    assert meldingen(f"overeenkomst:{voorbij.pk}:erkenning_beeindigd") == []
    assert meldingen(f"overeenkomst:{elders.pk}:erkenning_beeindigd") == []


def test_an_agreement_whose_recognition_was_lifted_cannot_be_signed(
    traject, django_capture_on_commit_callbacks
) -> None:
    from overeenkomsten.constants import OvereenkomstStatus
    from overeenkomsten.exceptions import OvereenkomstFout
    from overeenkomsten.services import overeenkomst_goedkeuren

    overeenkomst = traject.verstuurd()
    overeenkomst_goedkeuren(
        overeenkomst=overeenkomst, versie=1, door=traject.werkgever, now=OPHEFFING
    )
    overeenkomst.goedkeuringen.create(versie=1, partij="leerling", naam="L", op=OPHEFFING)
    overeenkomst.goedkeuringen.create(versie=1, partij="vertegenwoordiger", naam="V", op=OPHEFFING)
    _opheffen(traject, django_capture_on_commit_callbacks)
    with pytest.raises(OvereenkomstFout, match="cannot be signed: There is no running recognition"):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=traject.coach, now=OPHEFFING
        )
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING
    assert not overeenkomst.goedkeuringen.filter(partij="school").exists()


def test_the_daily_sweep_flags_agreements_whose_recognition_ended_without_a_signal(
    traject,
) -> None:
    """A worker killed between an expiry batch and its follow-up loses the signal (R1); the
    agreements' daily sweep still finds the agreement, once."""
    from erkenning.constants import ErkenningStatus
    from overeenkomsten.services import overeenkomsten_zonder_erkenning_markeren

    overeenkomst = traject.ondertekend()
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 0  # still recognised
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(status=ErkenningStatus.VERLOPEN)
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 1
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 0
    overeenkomst.refresh_from_db()
    assert overeenkomst.te_beeindigen_sinds == OPHEFFING.date()
    assert len(meldingen(f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd")) == 2


def test_a_batch_of_ended_recognitions_is_handled_in_one_query(
    traject, django_capture_on_commit_callbacks, django_assert_num_queries
) -> None:
    """The expiry sweep ends thousands of recognitions per batch, most without an agreement:
    the receiver finds the affected agreements with one query for the whole batch."""
    overeenkomst = traject.ondertekend()
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(status="verlopen")
    batch = [*range(10**9, 10**9 + 5_000), traject.erkenning.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert na_erkenning_beeindigd(erkenning_ids=batch, reden="verlopen", now=OPHEFFING) == 1
    assert _gemarkeerd() == [overeenkomst.pk]
    with django_assert_num_queries(1):
        assert na_erkenning_beeindigd(erkenning_ids=batch, reden="verlopen", now=OPHEFFING) == 0
