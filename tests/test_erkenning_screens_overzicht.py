"""The recognition screens, overviews: the public search, the review queue, dashboards, lists
and the timeline each show what the viewer may see; the demo data covers every state. Status
codes, database state and markers are asserted, not the wording."""

import datetime as dt

import pytest

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from erkenning.constants import AanvraagStatus
from erkenning.models import Aanvraag, Beroep, Erkenning, Machtiging
from erkenning.services import aanvraag_aanmaken, aanvraag_volledig_verklaren
from tests.support import als

from .erkenning_screens import BEHEER, CONS, MEDEW, PLATFORM, TRAJ, VERT, _vandaag, url
from .world import World

pytestmark = pytest.mark.django_db


def test_publication_and_the_public_search(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    zoeken = reverse("erkenning:publiek_zoeken")
    assert side.onderneming.naam not in Client().get(zoeken).content.decode()
    werkgever = world.client_for("A", VERT)
    publicatie = url("erkenning_publicatie", side.erkenning)
    assert world.client_for("A", MEDEW).post(publicatie, {}).status_code == 403
    response = werkgever.post(publicatie, {"publiek_zichtbaar": "on", "plaatsen_beschikbaar": "on"})
    assert response.status_code == 302
    side.erkenning.refresh_from_db()
    assert side.erkenning.publiek_zichtbaar and side.erkenning.plaatsen_beschikbaar

    anoniem = Client()
    body = anoniem.get(zoeken).content.decode()
    assert side.onderneming.naam in body and 'data-plaatsen="ja"' in body
    assert world.sides["B"].onderneming.naam not in body
    opleiding = side.opleiding.public_id
    for query, gevonden in [
        ({"opleiding": opleiding}, True),
        ({"opleiding": world.sides["B"].opleiding.public_id}, False),
        ({"plaats": "9000"}, True),
        ({"plaats": "90"}, True),
        ({"plaats": "gent"}, True),
        ({"plaats": "8000"}, False),
        ({"opleiding": opleiding, "plaats": "Brugge"}, False),
    ]:
        body = anoniem.get(zoeken, query).content.decode()
        assert (side.onderneming.naam in body) is gevonden, query
    assert anoniem.get(zoeken, {"opleiding": "onzin"}).status_code == 200


def test_the_queue_sorts_filters_and_flags_overdue_files(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    consulent = world.client_for("A", CONS)
    wachtrij = reverse("erkenning:wachtrij")
    assert world.client_for("A", VERT).get(wachtrij).status_code == 403
    assert world.client_for("A", PLATFORM).get(wachtrij).status_code == 403
    # Make the world's submitted file complete and overdue.
    aanvraag_volledig_verklaren(
        aanvraag=side.aanvraag,
        door=als(side.users[CONS]),
        now=timezone.now() - dt.timedelta(days=16),
    )
    page = consulent.get(wachtrij)
    rijen = page.context["rijen"]
    assert [(a.pk, dagen) for a, dagen, _ in rijen] == [(side.aanvraag.pk, -2)]
    assert 'data-te-laat="ja"' in page.content.decode()
    assert world.sides["B"].onderneming.naam not in page.content.decode()
    assert consulent.get(wachtrij, {"status": "ingediend"}).context["rijen"] == []
    andere = world.sides["B"].opleiding.public_id
    assert consulent.get(wachtrij, {"opleiding": andere}).context["filters"].has_error("opleiding")
    assert (
        len(consulent.get(wachtrij, {"opleiding": side.opleiding.public_id}).context["rijen"]) == 1
    )
    # The consultant's and the admin's dashboards point to it.
    for rol in (CONS, BEHEER):
        body = world.client_for("A", rol).get(reverse("portaal:dashboard")).content.decode()
        assert side.aanvraag.get_absolute_url() in body, rol


def test_dashboards_point_to_recognition_work(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    # A draft to finish, a recognition ending within 180 days, a refusal still appealable.
    concept = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=als(side.users[VERT])
    )
    Erkenning.objects.filter(pk=side.erkenning.pk).update(
        geldig_tot=_vandaag() + dt.timedelta(days=100)
    )
    Beroep.objects.filter(pk=side.beroep.pk).delete()
    werkgever = world.client_for("A", VERT).get(reverse("portaal:dashboard")).content.decode()
    for obj in (concept, side.erkenning, side.afgewezen):
        assert obj.get_absolute_url() in werkgever
    consulent = world.client_for("A", CONS).get(reverse("portaal:dashboard")).content.decode()
    assert side.aanvraag.get_absolute_url() in consulent  # awaiting the completeness check
    assert concept.get_absolute_url() not in consulent
    platform = world.client_for("B", PLATFORM).get(reverse("portaal:dashboard")).content.decode()
    assert world.sides["B"].beroep.get_absolute_url() in platform
    assert side.beroep.get_absolute_url() not in platform  # deleted above


def test_lists_show_what_each_organisation_may_see(erkenning_world: World) -> None:
    world = erkenning_world
    a, b = world.sides["A"], world.sides["B"]
    for rol in (VERT, MEDEW, TRAJ, CONS):
        client = world.client_for("A", rol)
        for naam, obj in (("aanvraag_list", a.aanvraag), ("erkenning_list", a.erkenning)):
            body = client.get(reverse(f"erkenning:{naam}")).content.decode()
            assert obj.get_absolute_url() in body, (rol, naam)
            assert b.onderneming.naam not in body
    platform = world.client_for("A", PLATFORM).get(reverse("erkenning:aanvraag_list"))
    assert b.aanvraag.get_absolute_url() in platform.content.decode()
    assert (
        world.client_for("A", PLATFORM).get(reverse("erkenning:aanvraag_nieuw")).status_code == 403
    )


def test_the_timeline_labels_every_step(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    timeline = erkenning_world.client_for("A", VERT).get(side.afgewezen.get_absolute_url())
    verbs = [e.verb for e in timeline.context["timeline"]]
    assert "aanvraag.afgewezen" in verbs and "aanvraag.ingediend" in verbs
    assert all(e.verb_label != e.verb for e in timeline.context["timeline"])


def test_the_demo_has_every_state_and_loads_once() -> None:
    from io import StringIO

    from django.core.management import call_command

    from duaal.audit.models import Event

    def counts() -> tuple[int, ...]:
        return tuple(m.objects.count() for m in (Aanvraag, Erkenning, Beroep, Machtiging, Event))

    call_command("demo_data", stdout=StringIO())
    first = counts()
    call_command("demo_data", stdout=StringIO())
    assert counts() == first
    statussen = set(Aanvraag.objects.values_list("status", flat=True))
    assert statussen >= {
        AanvraagStatus.ONTWERP,
        AanvraagStatus.INGEDIEND,
        AanvraagStatus.ONVOLLEDIG,
        AanvraagStatus.VOLLEDIG,
        AanvraagStatus.GOEDGEKEURD,
        AanvraagStatus.AFGEWEZEN,
    }
    op = _vandaag()
    volledig = Aanvraag.objects.filter(status=AanvraagStatus.VOLLEDIG)
    assert {(a.beslissing_uiterlijk_op - op).days for a in volledig} == {2, -3}
    assert volledig.filter(geescaleerd_op__isnull=False).count() == 1
    assert Erkenning.objects.filter(geldig_tot__lte=op + dt.timedelta(days=90)).exists()
    assert Erkenning.objects.filter(publiek_zichtbaar=True, plaatsen_beschikbaar=True).exists()
    assert Beroep.objects.filter(aanvraag__status=AanvraagStatus.AFGEWEZEN).exists()
    assert Machtiging.objects.filter(gemachtigde__naam="Campus Sint-Jozef").exists()
    assert Aanvraag.objects.filter(ingediend_namens__naam="Campus Sint-Jozef").exists()
