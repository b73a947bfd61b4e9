"""S7: the 596.2 extracts uploaded with an application are purged like the register's copies,
after the decision and the deciding partnership's retention days (default 30)."""

import datetime as dt

import pytest

from django.core.files.storage import default_storage
from django.urls import reverse

from duaal.audit.models import Event
from erkenning.models import AanvraagDocument
from erkenning.services import aanvraag_uittreksels_opruimen
from erkenning.tasks import aanvraag_uittreksels_opruimen_task
from tests.support import moment

from .helpers import NU, afgewezen, andere_vestiging, dag, goedgekeurd, ingediend

pytestmark = pytest.mark.django_db


def _documenten(aanvraag) -> tuple[AanvraagDocument, AanvraagDocument]:
    """(the per-mentor 596.2 extract, the enterprise's RSZ certificate)"""
    docs = aanvraag.documenten.select_related("vereist")
    return docs.get(vereist__per_mentor=True), docs.get(vereist__per_mentor=False)


def test_it_keeps_the_extract_until_the_retention_days_after_the_decision_have_passed(
    plaats,
) -> None:
    uittreksel, _ = _documenten(goedgekeurd(plaats))
    assert aanvraag_uittreksels_opruimen(now=dag(29)) == 0
    uittreksel.refresh_from_db()
    assert default_storage.exists(uittreksel.bestand.name)


def test_it_deletes_the_extract_of_a_decided_application_and_keeps_the_rest(plaats) -> None:
    aanvraag = goedgekeurd(plaats)
    uittreksel, rsz = _documenten(aanvraag)
    naam = uittreksel.bestand.name
    assert aanvraag_uittreksels_opruimen(now=dag(30)) == 1
    uittreksel.refresh_from_db()
    rsz.refresh_from_db()
    assert not uittreksel.bestand and not default_storage.exists(naam)
    # The row stays, with its mentor; the RSZ certificate is the enterprise's, not personal.
    assert uittreksel.mentor_id and default_storage.exists(rsz.bestand.name)


def test_a_refused_application_is_purged_too_and_an_open_one_never(plaats) -> None:
    geweigerd = afgewezen(plaats)
    open_ = ingediend(andere_vestiging(plaats))
    assert aanvraag_uittreksels_opruimen(now=dag(400)) == 1
    assert not _documenten(geweigerd)[0].bestand
    assert _documenten(open_)[0].bestand


def test_the_partnerships_own_retention_days_count(plaats) -> None:
    plaats.partnerschap.uittreksel_bewaartermijn_dagen = 7
    plaats.partnerschap.save()
    goedgekeurd(plaats)
    assert aanvraag_uittreksels_opruimen(now=dag(6)) == 0
    assert aanvraag_uittreksels_opruimen(now=dag(7)) == 1


def test_the_purge_is_audited_as_done_by_the_system_and_runs_once(plaats) -> None:
    uittreksel, _ = _documenten(goedgekeurd(plaats))
    assert aanvraag_uittreksels_opruimen(now=dag(30)) == 1
    assert aanvraag_uittreksels_opruimen(now=dag(31)) == 0
    events = Event.objects.filter(verb="aanvraagdocument.bestand_verwijderd")
    assert [(e.object_id, e.actor) for e in events] == [(uittreksel.pk, None)]


def test_the_beat_task_purges_twice_without_harm(plaats, time_machine) -> None:
    goedgekeurd(plaats)
    time_machine.move_to(moment(dt.date(2026, 11, 15)), tick=False)
    assert aanvraag_uittreksels_opruimen_task() == 1
    assert aanvraag_uittreksels_opruimen_task() == 0


def test_the_application_shows_checked_on_d_by_c_once_the_file_is_gone(plaats, client) -> None:
    aanvraag = goedgekeurd(plaats)
    uittreksel, _ = _documenten(aanvraag)
    aanvraag_uittreksels_opruimen(now=dag(30))
    client.force_login(plaats.werkgever)
    pagina = client.get(aanvraag.get_absolute_url()).content.decode()
    bestand_url = reverse("erkenning:aanvraagdocument_bestand", args=[uittreksel.public_id])
    assert f"Gecontroleerd op {NU:%d/%m/%Y} door {plaats.consulent}" in pagina
    assert bestand_url not in pagina
    assert client.get(bestand_url).status_code == 404
