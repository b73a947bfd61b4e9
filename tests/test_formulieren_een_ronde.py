"""All errors in one round: the first submit shows the timetable's objections beside the field
errors; every link of the error summary names a control on the page; a valid upload survives an
error elsewhere, for its own user and session only, and expires."""

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
import time_machine

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from duaal import kept_uploads
from erkenning.models import AanvraagDocument
from overeenkomsten.controles import Blok, uurrooster_fouten
from overeenkomsten.models import Overeenkomst
from overeenkomsten.services import LeerlingGegevens, leerling_registreren
from tests import overeenkomst_screens
from tests.erkenning_screens import VERT, url
from tests.overeenkomst_screens import GEBOORTE, GEGEVENS, START, TRAJ, Plek, _gekoppeld, _inhoud
from tests.overeenkomst_screens import url as o_url
from tests.support import KLEINE_PDF, als, pdf
from tests.test_erkenning_screens_aanvraag import Plaats, _nieuw
from tests.test_erkenning_screens_aanvraag import plaats as plaats  # noqa: PLC0414 (fixture)
from tests.world import World

pytestmark = pytest.mark.django_db

plek = overeenkomst_screens.plek


def _summary_links(body: str) -> list[str]:
    overzicht = body.split('id="foutenoverzicht"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="([^"]*)"', overzicht)


def _assert_links_land_on_controls(body: str) -> list[str]:
    links = _summary_links(body)
    assert links, "the summary links to the fields in error"
    for link in links:
        assert link.startswith("#id_") and len(link) > 4, link
        assert f'id="{link[1:]}"' in body, f"{link} names no element of the page"
    return links


def test_first_submit_shows_the_timetable_errors_with_the_field_errors(
    world: World, plek: Plek
) -> None:
    leerling = _gekoppeld(world)
    coach = world.client_for("A", TRAJ)
    rooster = [(1, "werkplek", "08:00", "16:00"), (4, "werkplek", "08:00", "16:00")]
    response = coach.post(
        o_url("overeenkomst_opstellen", leerling), _inhoud(plek, rooster, opleidingsplan="")
    )
    assert response.status_code == 200 and not Overeenkomst.objects.exists()
    form = response.context["form"]
    assert form.has_error("opleidingsplan")  # the field error ...
    verwacht, _w = uurrooster_fouten(
        [Blok(*b) for b in _blokken(rooster)], uren=Decimal(24), minderjarig=True
    )
    assert verwacht and set(verwacht) <= set(form.non_field_errors())  # ... and the timetable's
    body = unescape(response.content.decode())
    assert all(fout in body for fout in verwacht)


def test_a_wrong_row_and_a_wrong_field_show_together(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    coach = world.client_for("A", TRAJ)
    data = _inhoud(plek, werkplekuren_per_week="", **{"blok-5-dag": "2"})  # half a row
    response = coach.post(o_url("overeenkomst_opstellen", leerling), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("werkplekuren_per_week")
    assert response.context["formset"].forms[5].non_field_errors()
    links = _assert_links_land_on_controls(response.content.decode())
    assert "#id_werkplekuren_per_week" in links and "#id_blok-5-dag" in links


def test_a_period_error_does_not_hide_the_timetable_check(world: World, plek: Plek) -> None:
    """The service's checks run together: a wrong end date and a short timetable at once."""
    leerling = _gekoppeld(world)
    rooster = [(1, "werkplek", "08:00", "16:00")]
    data = _inhoud(plek, rooster, einde=START.strftime("%d/%m/%Y"))
    response = world.client_for("A", TRAJ).post(o_url("overeenkomst_opstellen", leerling), data)
    fouten = response.context["form"].non_field_errors()
    assert len(fouten) >= 2 and any("8,0" in f for f in fouten)


def _blokken(rooster):
    return [(d, p, dt.time.fromisoformat(v), dt.time.fromisoformat(t)) for d, p, v, t in rooster]


def test_a_radio_group_in_error_links_to_its_first_option(world: World) -> None:
    """A radio group has no id of its own: the summary's link goes to its first option."""
    side = world.sides["A"]
    gegevens = {**GEGEVENS, "geboortedatum": GEBOORTE, "start_lessen": dt.date(2026, 9, 1)}
    leerling = leerling_registreren(
        onderwijsinstelling=side.onderwijsinstelling,
        gegevens=LeerlingGegevens(opleiding=side.opleiding, **gegevens),
        door=als(side.users[TRAJ]),
    )
    coach = world.client_for("A", TRAJ)
    screening = {"advies": "positief", "advies_door": "klassenraad", "toelichting": "Goed"}
    assert coach.post(o_url("leerling_screenen", leerling), screening).status_code == 302
    response = coach.post(o_url("leerling_goedkeuren", leerling), {})
    body = response.content.decode()
    assert response.status_code == 200 and 'href="#"' not in body
    assert "#id_arbeidsrijp_0" in _assert_links_land_on_controls(body)


# -- An upload kept across a failed submit -------------------------------------------------


def _upload_zonder_document(client: Client, aanvraag) -> tuple[str, str]:
    """Post a valid PDF without choosing which document it is: the form fails, the file is
    kept. Returns the page and the kept file's token."""
    response = client.post(url("aanvraag_document", aanvraag), {"bestand": pdf("rsz-2026.pdf")})
    assert response.status_code == 200 and response.context["form"].has_error("vereist")
    body = response.content.decode()
    token = re.search(r'name="bestand__bewaard" value="([^"]+)"', body)
    assert token is not None
    return body, token.group(1)


def test_a_kept_upload_is_shown_and_used_on_resubmit(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _nieuw(werkgever, world)
    body, token = _upload_zonder_document(werkgever, aanvraag)
    assert "Bewaard: rsz-2026.pdf" in body  # in Dutch, with the name the user gave it
    response = werkgever.post(
        url("aanvraag_document", aanvraag), {"vereist": plaats.rsz.pk, "bestand__bewaard": token}
    )
    assert response.status_code == 302
    document = AanvraagDocument.objects.get(aanvraag=aanvraag)
    with document.bestand.open("rb") as handle:
        assert handle.read() == KLEINE_PDF


def test_a_new_file_replaces_the_kept_one(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _nieuw(werkgever, world)
    _body, token = _upload_zonder_document(werkgever, aanvraag)
    nieuw = SimpleUploadedFile("nieuw.pdf", KLEINE_PDF + b"% the newer scan\n")
    data = {"vereist": plaats.rsz.pk, "bestand__bewaard": token, "bestand": nieuw}
    assert werkgever.post(url("aanvraag_document", aanvraag), data).status_code == 302
    with AanvraagDocument.objects.get(aanvraag=aanvraag).bestand.open("rb") as handle:
        assert handle.read().endswith(b"% the newer scan\n")


def test_a_kept_upload_is_bound_to_its_user_and_session(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _nieuw(werkgever, world)
    _body, token = _upload_zonder_document(werkgever, aanvraag)
    andere_sessie = world.client_for("A", VERT)  # the same person, logged in elsewhere
    data = {"vereist": plaats.rsz.pk, "bestand__bewaard": token}
    response = andere_sessie.post(url("aanvraag_document", aanvraag), data)
    assert response.status_code == 200 and response.context["form"].has_error("bestand")
    assert not AanvraagDocument.objects.exists()
    assert kept_uploads.load(token, owner="someone else") is None
    assert kept_uploads.load(token[:-2] + "xx", owner="someone else") is None


def test_a_kept_upload_expires_and_the_sweep_deletes_it(
    world: World, plaats: Plaats, settings
) -> None:
    """The partnership asks documents (`plaats`): the upload form is open."""
    werkgever = world.client_for("A", VERT)
    aanvraag = _nieuw(werkgever, world)
    _body, token = _upload_zonder_document(werkgever, aanvraag)
    [bewaard] = default_storage.listdir(kept_uploads.KEPT_MAP)[1]
    now = timezone.now()
    assert kept_uploads.kept_uploads_opruimen(now=now) == 0  # still usable: kept
    later = now + settings.KEPT_UPLOAD_MAX_AGE + dt.timedelta(minutes=1)
    eigenaar = kept_uploads.owner_of(world.sides["A"].users[VERT].pk, werkgever.session.session_key)
    assert kept_uploads.load(token, owner=eigenaar) is not None
    # Past its lifetime the token opens nothing (the session would have ended too).
    with time_machine.travel(later):
        assert kept_uploads.load(token, owner=eigenaar) is None
    assert kept_uploads.kept_uploads_opruimen(now=later) == 1
    assert kept_uploads.kept_uploads_opruimen(now=later) == 0  # idempotent
    assert bewaard not in default_storage.listdir(kept_uploads.KEPT_MAP)[1]


def test_a_wrong_file_is_named_in_the_first_round_and_not_kept(
    world: World, plaats: Plaats
) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _nieuw(werkgever, world)
    exe = pdf("rsz.pdf")
    exe.file.seek(0)
    exe.file.write(b"MZ\x90\x00")
    response = werkgever.post(url("aanvraag_document", aanvraag), {"bestand": exe})
    form = response.context["form"]
    assert form.has_error("vereist") and form.has_error("bestand")  # both, one round
    assert 'name="bestand__bewaard"' not in response.content.decode()
