"""Memberships in `/beheer/`: a platform admin cannot grant themselves one (nor change their
own), and every membership change made there is in the portal's own audit trail."""

import pytest

from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.audit.models import Event

from .world import World

pytestmark = pytest.mark.django_db

PLATFORM = Rol.PLATFORMBEHEERDER


def _membership_form(user: User, organisatie, rol: str) -> dict:
    return {"user": user.pk, "organisatie": organisatie.pk, "rol": rol, "actief": "on"}


def _user_form(user: User, memberships: list[Membership], nieuw: list[dict]) -> dict:
    """The change form of a user in `/beheer/`, with its memberships inline."""
    data = {
        "email": user.email,
        "naam": user.naam,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": str(len(memberships) + len(nieuw)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if user.is_staff:
        data |= {"is_staff": "on", "is_superuser": "on"}
    rijen = [
        {"id": m.pk, "organisatie": m.organisatie_id, "rol": m.rol, "actief": "on"}
        for m in memberships
    ] + nieuw
    for i, rij in enumerate(rijen):
        data |= {f"memberships-{i}-{k}": v for k, v in rij.items()}
        data[f"memberships-{i}-user"] = user.pk
    return data


def test_a_platform_admin_cannot_grant_themselves_a_membership(world: World) -> None:
    beheerder = world.sides["A"].users[PLATFORM]
    school = world.sides["A"].onderwijsinstelling
    client = world.client_for("A", PLATFORM)
    voor = Membership.objects.filter(user=beheerder).count()

    # In the memberships list ...
    response = client.post(
        reverse("admin:accounts_membership_add"),
        _membership_form(beheerder, school, Rol.TRAJECTBEGELEIDER),
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors
    # ... by changing their own membership into another role ...
    eigen = Membership.objects.get(user=beheerder)
    response = client.post(
        reverse("admin:accounts_membership_change", args=[eigen.pk]),
        _membership_form(beheerder, school, Rol.TRAJECTBEGELEIDER),
    )
    assert response.status_code == 200
    eigen.refresh_from_db()
    assert (eigen.organisatie_id, eigen.rol) == (eigen.organisatie_id, PLATFORM)
    # ... by moving someone else's membership to themselves ...
    coach = Membership.objects.get(user=world.sides["A"].users[Rol.TRAJECTBEGELEIDER])
    response = client.post(
        reverse("admin:accounts_membership_change", args=[coach.pk]),
        _membership_form(beheerder, school, Rol.TRAJECTBEGELEIDER),
    )
    assert response.status_code == 200
    # ... or on their own account's page.
    nieuw = {"organisatie": school.pk, "rol": Rol.TRAJECTBEGELEIDER, "actief": "on"}
    client.post(
        reverse("admin:accounts_user_change", args=[beheerder.pk]),
        _user_form(beheerder, [eigen], [nieuw]),
    )
    assert Membership.objects.filter(user=beheerder).count() == voor
    assert not Membership.objects.filter(user=beheerder, organisatie=school).exists()
    assert not Event.objects.filter(verb__startswith="membership.").exists()


def test_every_membership_change_in_beheer_is_audited(world: World) -> None:
    beheerder = world.sides["A"].users[PLATFORM]
    medewerker = world.sides["A"].users[Rol.ONDERNEMING_MEDEWERKER]
    school = world.sides["A"].onderwijsinstelling
    client = world.client_for("A", PLATFORM)

    # Granted in the memberships list.
    response = client.post(
        reverse("admin:accounts_membership_add"),
        _membership_form(medewerker, school, Rol.TRAJECTBEGELEIDER),
    )
    assert response.status_code == 302
    toegekend = Membership.objects.get(user=medewerker, organisatie=school)
    # Changed and granted on the user's page.
    bestaand = list(medewerker.memberships.order_by("pk"))
    partnerschap = world.sides["A"].partnerschap
    nieuw = {"organisatie": partnerschap.pk, "rol": Rol.SECTORCONSULENT, "actief": "on"}
    data = _user_form(medewerker, bestaand, [nieuw])
    data[f"memberships-{bestaand.index(toegekend)}-actief"] = ""
    response = client.post(reverse("admin:accounts_user_change", args=[medewerker.pk]), data)
    assert response.status_code == 302
    consulent = Membership.objects.get(user=medewerker, organisatie=partnerschap)
    # Removed in the list.
    response = client.post(
        reverse("admin:accounts_membership_delete", args=[toegekend.pk]), {"post": "yes"}
    )
    assert response.status_code == 302

    events = list(Event.objects.filter(verb__startswith="membership.").order_by("pk"))
    assert [(e.verb, e.object_id) for e in events] == [
        ("membership.toegekend", toegekend.pk),
        ("membership.gewijzigd", toegekend.pk),
        ("membership.toegekend", consulent.pk),
        ("membership.ingetrokken", toegekend.pk),
    ]
    assert all(e.actor == beheerder for e in events)
    assert events[0].after == {
        "user": medewerker.email,
        "organisatie": str(school),
        "rol": Rol.TRAJECTBEGELEIDER,
        "actief": True,
    }
    assert (events[1].before["actief"], events[1].after["actief"]) == (True, False)
    assert events[2].organisatie_id == partnerschap.pk
    assert events[3].before["rol"] == Rol.TRAJECTBEGELEIDER
