"""Access to an organisation: its administrator sees who has access, invites colleagues by
mail (a signed link that works once, for its own organisation and role only), changes and
revokes roles granted in the portal (never those from the government login, never the last
administrator) and answers access requests; every step is audited and mailed."""

import re
from datetime import timedelta

import pytest

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import (
    TOEGANG_AANVRAGEN_SESSIE,
    AanvraagStatus,
    AuditVerb,
    MembershipBron,
    Rol,
)
from duaal.accounts.models import Membership, Toegangsaanvraag, Uitnodiging
from duaal.accounts.services import (
    kan_rol_wijzigen,
    kan_toegang_intrekken,
    toegang_aanvragen,
    toegang_intrekken,
    uitnodigen,
)
from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.workflow import Refused

from .factories import MembershipFactory, OndernemingFactory, UserFactory
from .support import als, lid, verbs
from .world import World

pytestmark = pytest.mark.django_db

VERT, MEDEW = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER
LINK = re.compile(r"https?://\S+/toegang/uitnodiging/[^/\s]+/")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _mails(template: str) -> list[str]:
    return sorted(Melding.objects.filter(sjabloon=template).values_list("e_mail", flat=True))


def _membership(user, rol: str = MEDEW) -> Membership:
    return user.memberships.get(rol=rol)


# --- 1. The overview ----------------------------------------------------------------------


def test_the_administrator_sees_every_membership_with_its_source(world: World) -> None:
    side = world.sides["A"]
    claim = UserFactory(naam="Kim Claim")
    MembershipFactory(
        user=claim,
        organisatie=side.onderneming,
        rol=VERT,
        bron=MembershipBron.CLAIM,
        wettelijk_vertegenwoordiger=True,
    )
    response = world.client_for("A", VERT).get(reverse("accounts:toegang"))
    assert response.status_code == 200
    rijen = {r["m"].user: r for r in response.context["leden"]}
    assert set(rijen) == {side.users[VERT], side.users[MEDEW], claim}
    assert rijen[claim]["claim"] and not rijen[claim]["intrekken"].allowed
    body = response.content.decode()
    assert 'data-bron="claim"' in body and 'data-testid="wettelijk"' in body
    assert rijen[side.users[MEDEW]]["intrekken"].allowed


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (VERT, 200),
        (Rol.SCHOOLBEHEERDER, 200),
        (Rol.PARTNERSCHAPSBEHEERDER, 200),
        (MEDEW, 403),
        (Rol.TRAJECTBEGELEIDER, 403),
        (Rol.SECTORCONSULENT, 403),
        (Rol.PLATFORMBEHEERDER, 403),
    ],
)
def test_only_administrators_open_the_overview(world: World, rol: str, status: int) -> None:
    assert world.client_for("A", rol).get(reverse("accounts:toegang")).status_code == status


def test_the_menu_shows_access_to_administrators_only(world: World) -> None:
    for rol, zichtbaar in [(VERT, True), (Rol.SCHOOLBEHEERDER, True), (MEDEW, False)]:
        body = world.client_for("A", rol).get(reverse("portaal:dashboard")).content.decode()
        assert ('data-testid="menu-toegang"' in body) is zichtbaar, rol


# --- 2-3. Invitations ---------------------------------------------------------------------


def _uitnodigen(world: World, email: str = "nieuw@voorbeeld.be", rol: str = MEDEW):
    client = world.client_for("A", VERT)
    return client.post(reverse("accounts:uitnodigen"), {"email": email, "rol": rol})


def test_an_invitation_is_stored_for_14_days_mailed_and_audited(world: World) -> None:
    response = _uitnodigen(world, "Nieuw@Voorbeeld.be")
    assert response.status_code == 302 and response.url == reverse("accounts:toegang")
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.email == "nieuw@voorbeeld.be" and uitnodiging.rol == MEDEW
    assert uitnodiging.organisatie_id == world.sides["A"].onderneming.pk
    dagen = (uitnodiging.verloopt_op - uitnodiging.created_at).total_seconds() / 86400
    assert round(dagen) == 14
    melding = Melding.objects.get(sjabloon="accounts/invitation")
    assert melding.e_mail == "nieuw@voorbeeld.be" and melding.link_soort == "accounts.uitnodiging"
    assert "token" not in str(melding.context)  # the link is built at delivery
    assert verbs(uitnodiging) == [AuditVerb.UITNODIGING_VERSTUURD]


def test_a_role_of_another_kind_of_organisation_cannot_be_invited(world: World) -> None:
    response = _uitnodigen(world, rol=Rol.SECTORCONSULENT)
    assert response.status_code == 200 and not Uitnodiging.objects.exists()
    with pytest.raises(Exception, match="niet worden toegekend"):
        uitnodigen(
            organisatie=world.sides["A"].onderneming,
            email="x@voorbeeld.be",
            rol=Rol.SECTORCONSULENT,
            door=als(world.sides["A"].users[VERT]),
        )


def test_a_colleague_cannot_invite(world: World) -> None:
    client = world.client_for("A", MEDEW)
    response = client.post(reverse("accounts:uitnodigen"), {"email": "x@voorbeeld.be", "rol": VERT})
    assert response.status_code == 403 and not Uitnodiging.objects.exists()


def _link(world: World, capture, mailoutbox, **kwargs) -> str:
    with capture(execute=True):
        _uitnodigen(world, **kwargs)
    [mail] = [m for m in mailoutbox if LINK.search(m.body)]
    return LINK.search(mail.body).group(0)


def test_the_link_leads_to_a_page_without_the_token_that_asks_a_login(
    world: World, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    link = _link(world, django_capture_on_commit_callbacks, mailoutbox)
    anoniem = Client()
    geopend = anoniem.get(link)
    assert geopend.status_code == 302 and geopend.url == reverse("accounts:uitnodiging_aanvaarden")
    naar_login = anoniem.get(geopend.url)
    assert naar_login.status_code == 302
    assert naar_login.url.startswith(reverse("accounts:login")) and "next=" in naar_login.url
    anoniem.force_login(UserFactory(email="nieuw@voorbeeld.be"))
    pagina = anoniem.get(geopend.url)
    assert pagina.status_code == 200 and pagina.context["uitnodiging"].email == "nieuw@voorbeeld.be"
    assert world.sides["A"].onderneming.naam in pagina.content.decode()


def test_accepting_binds_the_invitation_to_the_person_logged_in_once(
    world: World, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    link = _link(world, django_capture_on_commit_callbacks, mailoutbox)
    persoon = UserFactory()
    client = _client(persoon)
    client.get(link)
    response = client.post(reverse("accounts:uitnodiging_aanvaarden"))
    assert response.url == reverse("portaal:dashboard")
    membership = persoon.memberships.get()
    vert = world.sides["A"].users[VERT]
    assert (membership.organisatie_id, membership.rol) == (world.sides["A"].onderneming.pk, MEDEW)
    assert membership.bron == MembershipBron.PORTAAL and membership.toegekend_door == vert
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.gebruikt_door == persoon and uitnodiging.gebruikt_op is not None
    assert verbs(uitnodiging) == [AuditVerb.UITNODIGING_VERSTUURD, AuditVerb.UITNODIGING_GEBRUIKT]
    assert verbs(membership) == [AuditVerb.TOEGANG_TOEGEKEND]
    assert _mails("accounts/access_granted") == [persoon.email]
    assert _mails("accounts/access_granted_admins") == [vert.email]
    # It works once: the same link again, in another browser, gives the clear page.
    ander = _client(UserFactory())
    ander.get(link)
    opnieuw = ander.get(reverse("accounts:uitnodiging_aanvaarden"))
    assert 'data-testid="uitnodiging-ongeldig"' in opnieuw.content.decode()
    assert ander.post(reverse("accounts:uitnodiging_aanvaarden")).status_code == 200
    assert Membership.objects.filter(organisatie=world.sides["A"].onderneming).count() == 3


def test_a_tampered_post_cannot_reach_another_organisation_or_role(
    world: World, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    link = _link(world, django_capture_on_commit_callbacks, mailoutbox)
    persoon = UserFactory()
    client = _client(persoon)
    client.get(link)
    ander = world.sides["B"].onderneming
    client.post(
        reverse("accounts:uitnodiging_aanvaarden"),
        {"organisatie": str(ander.public_id), "rol": VERT, "public_id": str(ander.public_id)},
    )
    [membership] = persoon.memberships.all()
    assert (membership.organisatie_id, membership.rol) == (world.sides["A"].onderneming.pk, MEDEW)


def test_a_forged_token_gives_the_clear_page(client) -> None:
    response = client.get(reverse("accounts:uitnodiging_link", kwargs={"token": "vervalst"}))
    assert 'data-testid="uitnodiging-ongeldig"' in response.content.decode()
    assert "accounts:uitnodiging_token" not in client.session


@pytest.mark.parametrize("toestand", ["verlopen", "ingetrokken"])
def test_an_expired_or_withdrawn_link_gives_the_clear_page(
    world: World, django_capture_on_commit_callbacks, mailoutbox, toestand: str
) -> None:
    link = _link(world, django_capture_on_commit_callbacks, mailoutbox)
    uitnodiging = Uitnodiging.objects.get()
    if toestand == "verlopen":
        uitnodiging.verloopt_op = timezone.now() - timedelta(minutes=1)
    else:
        uitnodiging.ingetrokken_op = timezone.now()
    uitnodiging.save()
    persoon = UserFactory()
    client = _client(persoon)
    client.get(link)
    pagina = client.get(reverse("accounts:uitnodiging_aanvaarden")).content.decode()
    assert 'data-testid="uitnodiging-ongeldig"' in pagina
    client.post(reverse("accounts:uitnodiging_aanvaarden"))
    assert not persoon.memberships.exists()


def test_withdrawing_an_invitation_stops_its_link_and_tells_the_address(world: World) -> None:
    _uitnodigen(world)
    uitnodiging = Uitnodiging.objects.get()
    url = reverse("accounts:uitnodiging_intrekken", kwargs={"public_id": uitnodiging.public_id})
    assert world.client_for("A", VERT).post(url).url == reverse("accounts:toegang")
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is not None
    assert verbs(uitnodiging)[-1] == AuditVerb.UITNODIGING_INGETROKKEN
    assert _mails("accounts/invitation_withdrawn") == ["nieuw@voorbeeld.be"]
    # Another organisation's administrator does not even find it.
    assert world.client_for("B", VERT).post(url).status_code == 404


def test_the_school_and_partnership_administrators_invite_their_own_staff(world: World) -> None:
    for rol, uitgenodigd in [
        (Rol.SCHOOLBEHEERDER, Rol.TRAJECTBEGELEIDER),
        (Rol.PARTNERSCHAPSBEHEERDER, Rol.SECTORCONSULENT),
    ]:
        client = world.client_for("A", rol)
        data = {"email": f"{uitgenodigd}@voorbeeld.be", "rol": uitgenodigd}
        assert client.post(reverse("accounts:uitnodigen"), data).status_code == 302
    rollen = dict(Uitnodiging.objects.values_list("rol", "organisatie_id"))
    assert rollen == {
        Rol.TRAJECTBEGELEIDER: world.sides["A"].onderwijsinstelling.pk,
        Rol.SECTORCONSULENT: world.sides["A"].partnerschap.pk,
    }


# --- 4. Revoking and changing roles -------------------------------------------------------


def test_revoking_takes_effect_at_the_next_request_of_an_open_session(world: World) -> None:
    side = world.sides["A"]
    collega = _client(side.users[MEDEW])
    detail = reverse(
        "organisaties:onderneming_detail", kwargs={"public_id": side.onderneming.public_id}
    )
    assert collega.get(detail).status_code == 200
    membership = _membership(side.users[MEDEW])
    url = reverse("accounts:toegang_intrekken", kwargs={"public_id": membership.public_id})
    assert world.client_for("A", VERT).post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert collega.get(detail).status_code == 404
    assert collega.get(reverse("portaal:dashboard")).context["actor"].membership is None
    [event] = Event.objects.filter(verb=AuditVerb.TOEGANG_INGETROKKEN)
    assert event.before["rol"] == MEDEW and event.actor == side.users[VERT]
    assert _mails("accounts/access_revoked") == [side.users[MEDEW].email]
    assert _mails("accounts/access_revoked_admins") == [side.users[VERT].email]


def test_a_claim_membership_is_read_only(world: World) -> None:
    side = world.sides["A"]
    persoon = UserFactory()
    claim = MembershipFactory(
        user=persoon, organisatie=side.onderneming, rol=MEDEW, bron=MembershipBron.CLAIM
    )
    door = als(side.users[VERT])
    assert not kan_toegang_intrekken(claim, door=door, now=timezone.now()).allowed
    assert not kan_rol_wijzigen(claim, door=door, now=timezone.now()).allowed
    client = world.client_for("A", VERT)
    client.post(reverse("accounts:toegang_intrekken", kwargs={"public_id": claim.public_id}))
    client.post(
        reverse("accounts:rol_wijzigen", kwargs={"public_id": claim.public_id}), {"rol": VERT}
    )
    claim.refresh_from_db()
    assert claim.actief and claim.rol == MEDEW


def test_the_last_administrator_cannot_remove_themselves(world: World) -> None:
    side = world.sides["A"]
    vert = side.users[VERT]
    eigen = _membership(vert, VERT)
    # An inactive administrator membership does not count.
    MembershipFactory(organisatie=side.onderneming, rol=VERT, actief=False)
    with pytest.raises(Refused, match="laatste beheerder"):
        toegang_intrekken(membership=eigen, door=als(vert))
    client = world.client_for("A", VERT)
    client.post(
        reverse("accounts:rol_wijzigen", kwargs={"public_id": eigen.public_id}), {"rol": MEDEW}
    )
    eigen.refresh_from_db()
    assert eigen.rol == VERT


def test_the_last_administrator_cannot_be_removed_by_another_administrator(world: World) -> None:
    side = world.sides["A"]
    tweede = lid(side.onderneming, VERT)
    toegang_intrekken(membership=_membership(side.users[VERT], VERT), door=als(tweede))
    with pytest.raises(Refused):
        toegang_intrekken(membership=_membership(tweede, VERT), door=als(tweede))


def test_an_administrator_from_the_claims_counts(world: World) -> None:
    side = world.sides["A"]
    MembershipFactory(organisatie=side.onderneming, rol=VERT, bron=MembershipBron.CLAIM)
    vert = side.users[VERT]
    toegang_intrekken(membership=_membership(vert, VERT), door=als(vert))
    assert not vert.memberships.exists()


def test_changing_a_role_is_audited_and_mailed(world: World) -> None:
    side = world.sides["A"]
    membership = _membership(side.users[MEDEW])
    url = reverse("accounts:rol_wijzigen", kwargs={"public_id": membership.public_id})
    assert world.client_for("A", VERT).post(url, {"rol": VERT}).status_code == 302
    membership.refresh_from_db()
    assert membership.rol == VERT and membership.toegekend_door == side.users[VERT]
    [event] = Event.objects.filter(verb=AuditVerb.TOEGANG_GEWIJZIGD)
    assert (event.before, event.after) == ({"rol": MEDEW}, {"rol": VERT})
    melding = Melding.objects.get(sjabloon="accounts/access_granted")
    assert melding.e_mail == side.users[MEDEW].email and melding.context["vorige_rol"]


def test_another_organisations_membership_is_not_found(world: World) -> None:
    membership = _membership(world.sides["B"].users[MEDEW])
    url = reverse("accounts:toegang_intrekken", kwargs={"public_id": membership.public_id})
    assert world.client_for("A", VERT).post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- 5. Access requests -------------------------------------------------------------------


def _vrager(organisatie) -> Client:
    client = _client(UserFactory(naam="Vera Vrager"))
    session = client.session
    session[TOEGANG_AANVRAGEN_SESSIE] = str(organisatie.public_id)
    session.save()
    return client


def test_a_request_goes_to_the_session_organisation_only_and_its_admins_are_mailed(
    world: World,
) -> None:
    side = world.sides["A"]
    client = _vrager(side.onderneming)
    assert client.get(reverse("accounts:toegang_aanvragen")).status_code == 200
    andere = str(world.sides["B"].onderneming.public_id)
    data = {"toelichting": "Boekhouder", "organisatie": andere, "public_id": andere}
    assert client.post(reverse("accounts:toegang_aanvragen"), data).status_code == 302
    [aanvraag] = Toegangsaanvraag.objects.all()
    assert aanvraag.organisatie_id == side.onderneming.pk and aanvraag.status == AanvraagStatus.OPEN
    assert verbs(aanvraag) == [AuditVerb.TOEGANGSAANVRAAG_INGEDIEND]
    assert _mails("accounts/access_requested") == [side.users[VERT].email]
    # One open request per person and organisation.
    client.post(reverse("accounts:toegang_aanvragen"), data)
    assert Toegangsaanvraag.objects.count() == 1


def test_without_an_organisation_in_the_session_nothing_is_requested(world: World) -> None:
    client = _client(UserFactory())
    andere = str(world.sides["B"].onderneming.public_id)
    response = client.get(reverse("accounts:toegang_aanvragen"))
    assert 'data-testid="geen-organisatie"' in response.content.decode()
    client.post(reverse("accounts:toegang_aanvragen"), {"organisatie": andere})
    assert not Toegangsaanvraag.objects.exists()


def test_a_request_waits_for_the_first_administrator_on_their_dashboard(world: World) -> None:
    onderneming = OndernemingFactory()
    client = _vrager(onderneming)
    response = client.post(reverse("accounts:toegang_aanvragen"), {"toelichting": ""}, follow=True)
    assert response.status_code == 200 and not Melding.objects.exists()
    aanvraag = Toegangsaanvraag.objects.get()
    beheerder = lid(onderneming, VERT)
    dashboard = _client(beheerder).get(reverse("portaal:dashboard")).content.decode()
    url = reverse("accounts:toegangsaanvraag_toekennen", kwargs={"public_id": aanvraag.public_id})
    assert url in dashboard and "Vera Vrager" in dashboard


def test_granting_a_request_creates_the_membership_and_tells_everyone(world: World) -> None:
    side = world.sides["A"]
    _vrager(side.onderneming).post(reverse("accounts:toegang_aanvragen"), {"toelichting": ""})
    aanvraag = Toegangsaanvraag.objects.get()
    url = reverse("accounts:toegangsaanvraag_toekennen", kwargs={"public_id": aanvraag.public_id})
    assert world.client_for("B", VERT).post(url, {"rol": MEDEW}).status_code == 404
    assert world.client_for("A", MEDEW).post(url, {"rol": MEDEW}).status_code == 403
    assert world.client_for("A", VERT).post(url, {"rol": MEDEW}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.TOEGEKEND and aanvraag.rol == MEDEW
    membership = aanvraag.user.memberships.get()
    assert (
        membership.toegekend_door == side.users[VERT] and membership.bron == MembershipBron.PORTAAL
    )
    assert verbs(aanvraag)[-1] == AuditVerb.TOEGANGSAANVRAAG_BEANTWOORD
    assert verbs(membership) == [AuditVerb.TOEGANG_TOEGEKEND]
    assert _mails("accounts/access_granted") == [aanvraag.user.email]
    assert _mails("accounts/access_granted_admins") == [side.users[VERT].email]


def test_refusing_a_request_needs_a_reason_that_the_requester_gets(world: World) -> None:
    side = world.sides["A"]
    aanvraag = toegang_aanvragen(
        organisatie=side.onderneming, toelichting="", door=als(UserFactory())
    )
    url = reverse("accounts:toegangsaanvraag_weigeren", kwargs={"public_id": aanvraag.public_id})
    client = world.client_for("A", VERT)
    assert client.post(url, {"reden": ""}).status_code == 200
    assert client.post(url, {"reden": "Onbekend bij ons."}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.GEWEIGERD and not aanvraag.user.memberships.exists()
    melding = Melding.objects.get(sjabloon="accounts/access_request_refused")
    assert melding.e_mail == aanvraag.user.email and melding.context["reden"] == "Onbekend bij ons."
    assert Event.objects.get(verb=AuditVerb.TOEGANGSAANVRAAG_BEANTWOORD).note == "Onbekend bij ons."


def test_the_school_admins_dashboard_section_costs_one_query(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duaal.accounts.actor import actor_for
    from duaal.portaal.toegang import toegang_secties

    side = world.sides["A"]
    for _ in range(3):
        toegang_aanvragen(
            organisatie=side.onderwijsinstelling, toelichting="", door=als(UserFactory())
        )
    actor = actor_for(side.users[Rol.SCHOOLBEHEERDER])
    with CaptureQueriesContext(connection) as queries:
        [sectie] = toegang_secties(actor, timezone.now())
    assert len(sectie.punten) == 3 and len(queries) == 1


def test_the_invitation_survives_the_login_it_asks_for(
    world: World, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    link = _link(world, django_capture_on_commit_callbacks, mailoutbox)
    persoon = UserFactory(email="nieuw@voorbeeld.be")
    client = Client()
    naar_login = client.get(client.get(link).url)
    inloggen = {"username": persoon.email, "password": "geheim-wachtwoord-123"}
    terug = client.post(naar_login.url, inloggen)
    assert terug.status_code == 302 and terug.url == reverse("accounts:uitnodiging_aanvaarden")
    client.post(terug.url)
    assert persoon.memberships.get().organisatie_id == world.sides["A"].onderneming.pk
