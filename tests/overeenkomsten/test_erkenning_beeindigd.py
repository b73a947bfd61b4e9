"""R24/R74: when the partnership lifts a recognition (or it expires), the running agreements
of that establishment x programme must end early. The agreements' sweep reads the ended
recognition from the table (G27); it flags them and tells coach and employer, once; ending them
stays a party's act."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from erkenning.models import Erkenning
from erkenning.services import erkenning_opheffen
from overeenkomsten.models import Overeenkomst
from overeenkomsten.services import overeenkomsten_zonder_erkenning_markeren
from overeenkomsten.tasks import overeenkomsten_zonder_erkenning_task
from tests.mail_teksten import tekst
from tests.support import als, moment

from .conftest import aan, lid, meldingen

pytestmark = pytest.mark.django_db

OPHEFFING = moment(dt.date(2026, 11, 2))


def _opheffen(traject, django_capture_on_commit_callbacks) -> None:
    beheerder = lid(traject.opleiding.partnerschap, Rol.PARTNERSCHAPSBEHEERDER)
    with django_capture_on_commit_callbacks(execute=True):
        erkenning_opheffen(
            erkenning=traject.erkenning,
            motivering="Herhaalde klachten over de begeleiding; geen verbetering.",
            door=als(beheerder),
            now=OPHEFFING,
        )
    overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING)


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
    assert "ended (Lifted)" in tekst(meldingen(sleutel)[0])
    event = Event.objects.get(verb="overeenkomst.te_beeindigen")
    assert (event.object_id, event.actor, event.note) == (overeenkomst.pk, None, "Lifted")


def test_the_flag_and_the_notification_come_once(
    traject, django_capture_on_commit_callbacks
) -> None:
    overeenkomst = traject.ondertekend()
    _opheffen(traject, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING + dt.timedelta(days=1)) == 0
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
        overeenkomst=overeenkomst, versie=1, door=als(traject.werkgever), now=OPHEFFING
    )
    overeenkomst.goedkeuringen.create(versie=1, partij="leerling", naam="L", op=OPHEFFING)
    overeenkomst.goedkeuringen.create(versie=1, partij="vertegenwoordiger", naam="V", op=OPHEFFING)
    _opheffen(traject, django_capture_on_commit_callbacks)
    with pytest.raises(OvereenkomstFout, match="cannot be signed: There is no running recognition"):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=als(traject.coach), now=OPHEFFING
        )
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING
    assert not overeenkomst.goedkeuringen.filter(partij="school").exists()


def test_the_sweep_flags_an_agreement_whose_recognition_expired_once(traject) -> None:
    """The expiry sweep tells no app; the agreements' sweep finds the agreement, once."""
    from erkenning.constants import ErkenningStatus

    overeenkomst = traject.ondertekend()
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 0  # still recognised
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(
        status=ErkenningStatus.VERLOPEN, beeindigd_op=OPHEFFING
    )
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 1
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 0
    overeenkomst.refresh_from_db()
    assert overeenkomst.te_beeindigen_sinds == OPHEFFING.date()
    sleutel = f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd"
    assert len(meldingen(sleutel)) == 2
    assert "ended (Expired)" in tekst(meldingen(sleutel)[0])


def test_a_renewed_recognition_keeps_its_agreements_running(traject) -> None:
    """The renewal replaces the recognition: the place still has a running one."""
    from erkenning.constants import ErkenningStatus

    traject.ondertekend()
    oud = Erkenning.objects.get(pk=traject.erkenning.pk)
    Erkenning.objects.filter(pk=oud.pk).update(
        status=ErkenningStatus.VERLOPEN, beeindigd_op=OPHEFFING
    )
    Erkenning.objects.create(
        onderneming=oud.onderneming,
        vestiging=oud.vestiging,
        opleiding=oud.opleiding,
        partnerschap=oud.partnerschap,
        geldig_van=OPHEFFING.date(),
        geldig_tot=OPHEFFING.date() + dt.timedelta(days=365),
    )
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING) == 0
    assert _gemarkeerd() == []


def test_it_works_in_batches_and_a_run_with_nothing_to_do_is_one_query(
    traject, django_assert_num_queries
) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 5
    partnerschap.save()
    overeenkomsten = [traject.ondertekend(traject.leerling(volgnummer=50 + i)) for i in range(3)]
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(status="opgeheven")
    assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING, batch=2) == 3
    assert sorted(_gemarkeerd()) == sorted(o.pk for o in overeenkomsten)
    assert Event.objects.filter(verb="overeenkomst.te_beeindigen").count() == 3
    with django_assert_num_queries(1):
        assert overeenkomsten_zonder_erkenning_markeren(now=OPHEFFING, batch=2) == 0


def test_the_task_twice_flags_once(traject) -> None:
    overeenkomst = traject.ondertekend()
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(status="opgeheven")
    assert overeenkomsten_zonder_erkenning_task() == 1
    assert overeenkomsten_zonder_erkenning_task() == 0
    assert len(meldingen(f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd")) == 2
