"""The learner's own dossier ("Mijn dossier"): a person logged in with the government login (no
membership) finds their learner records by the national number on their account, approves an
agreement waiting for them, downloads the signed copy; nobody else's data opens; one person
never acts for two parties, across capacities; the parent's personal link offers the signed
copy once every party signed. Status codes, database state, element markers and URLs are
asserted, not the Dutch wording."""

# The agreements domain's `traject` fixture is imported below; the tests take it as an argument.
# ruff: noqa: F811

import datetime as dt
import logging

import pytest

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.workflow import Refused
from overeenkomsten.constants import GoedkeuringWijze, OvereenkomstStatus, Partij
from overeenkomsten.dossier import leerlingen_van_persoon
from overeenkomsten.models import (
    Goedkeuring,
    Leerling,
    Overeenkomst,
    OvereenkomstDocument,
    Uitnodiging,
)
from overeenkomsten.services import (
    goedkeuren_als_leerling,
    goedkeuren_via_link,
    kan_goedkeuren,
    kan_goedkeuren_als_leerling,
    overeenkomst_goedkeuren,
)
from tests.factories import MembershipFactory, UserFactory, insz
from tests.overeenkomst_screens import link_openen
from tests.overeenkomsten.conftest import NU, Traject, token, traject  # noqa: F401
from tests.support import KLEINE_PDF, als

pytestmark = pytest.mark.django_db


# A national number that no learner of the tests carries.
NIEMANDS_INSZ = insz(dt.date(1985, 7, 30), 33)


def persoon(leerling: Leerling | None = None, *, nummer: str = "") -> User:
    """A person logged in with the government login: their account carries the learner's INSZ
    (or `nummer`; neither: a local account)."""
    return UserFactory(insz=leerling.insz if leerling else nummer)


def ingelogd(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def mijn(name: str, o: Overeenkomst) -> str:
    return reverse(f"overeenkomsten:{name}", args=[o.public_id])


def met_pdf(o: Overeenkomst) -> OvereenkomstDocument:
    """The version's PDF (the task renders it after commit; here it is stored at once), and
    once signed its signed copy."""
    document = OvereenkomstDocument(overeenkomst=o, versie=o.versie, sha256="0" * 64)
    document.bestand.save("overeenkomst.pdf", ContentFile(KLEINE_PDF))
    if o.ondertekend_op is not None:
        met_kopie(document)
    return document


def met_kopie(document: OvereenkomstDocument) -> None:
    """The signed copy, as the task makes it after the last approval (the real one:
    tests/overeenkomsten/test_getekende_kopie.py)."""
    document.getekend_sha256 = "1" * 64
    document.getekend_bestand.save("getekend.pdf", ContentFile(KLEINE_PDF))


def door_werkgever_en_school(traject: Traject, o: Overeenkomst) -> None:
    for partij in (traject.werkgever, traject.coach):
        overeenkomst_goedkeuren(overeenkomst=o, versie=o.versie, door=als(partij), now=NU)


def link_van(o: Overeenkomst, partij: str) -> Uitnodiging:
    return Uitnodiging.objects.get(overeenkomst=o, versie=o.versie, partij=partij)


def nog_geldig(uitnodiging: Uitnodiging) -> Uitnodiging:
    """The fixture's clock (NU) is in the past: the link is valid from today's view too."""
    uitnodiging.geldig_tot = timezone.now() + dt.timedelta(days=14)
    uitnodiging.save(update_fields=["geldig_tot"])
    return uitnodiging


# --- The selector ---------------------------------------------------------------------------


def test_a_person_finds_only_the_learner_records_with_their_insz(traject: Traject) -> None:
    eigen = traject.leerling()
    traject.leerling(volgnummer=43)  # another learner of the same school
    assert list(leerlingen_van_persoon(persoon(eigen))) == [eigen]
    assert not leerlingen_van_persoon(persoon()).exists()


def test_an_empty_insz_matches_nothing_not_even_a_record_without_one(traject: Traject) -> None:
    leerling = traject.leerling()
    Leerling.objects.filter(pk=leerling.pk).update(insz="")
    assert not leerlingen_van_persoon(persoon()).exists()


# --- The overview ---------------------------------------------------------------------------


def test_the_overview_shows_the_record_its_window_school_coach_workplace_and_agreements(
    traject: Traject,
) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    body = ingelogd(persoon(leerling)).get(reverse("overeenkomsten:mijn_dossier")).content.decode()
    assert f'data-leerling="{leerling.public_id}"' in body
    assert f'data-status="{leerling.status}"' in body
    assert f'data-uiterlijk="{leerling.overeenkomst_uiterlijk:%Y-%m-%d}"' in body
    assert traject.school.naam in body and traject.coach.email in body
    assert traject.vestiging.naam in body and traject.toewijzing.mentor.achternaam in body
    assert f'data-overeenkomst="{o.public_id}"' in body
    # Employer, school, learner and the parent of this minor: each still to approve.
    assert body.count('data-goedgekeurd="nee"') == 4
    assert leerling.insz not in body and leerling.insz_gemaskeerd in body


def test_a_draft_is_not_shown_until_the_school_sends_it(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.ontwerp(leerling)
    client = ingelogd(persoon(leerling))
    assert (
        str(o.public_id) not in client.get(reverse("overeenkomsten:mijn_dossier")).content.decode()
    )
    assert client.get(mijn("mijn_overeenkomst", o)).status_code == 404


def test_the_overview_says_who_approved_when_and_offers_the_signed_copy(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.ondertekend(leerling)
    met_pdf(o)
    client = ingelogd(persoon(leerling))
    body = client.get(reverse("overeenkomsten:mijn_dossier")).content.decode()
    assert body.count('data-goedgekeurd="ja"') == 4 and 'data-goedgekeurd="nee"' not in body
    assert traject.werkgever.naam in body  # who approved for the employer
    assert mijn("mijn_overeenkomst_pdf", o) in body
    response = client.get(mijn("mijn_overeenkomst_pdf", o))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_copy_is_not_offered_before_every_party_signed(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    met_pdf(o)
    client = ingelogd(persoon(leerling))
    assert (
        mijn("mijn_overeenkomst_pdf", o)
        not in client.get(reverse("overeenkomsten:mijn_dossier")).content.decode()
    )
    assert client.get(mijn("mijn_overeenkomst_pdf", o)).status_code == 404


# --- Approving as the learner ---------------------------------------------------------------


def test_the_learner_approves_from_the_dossier_and_their_link_stops(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    user = persoon(leerling)
    client = ingelogd(user)
    assert 'data-testid="goedkeuren"' in client.get(mijn("mijn_overeenkomst", o)).content.decode()
    response = client.post(mijn("mijn_overeenkomst_goedkeuren", o), {"versie": o.versie})
    assert response.status_code == 302 and response["Location"] == mijn("mijn_overeenkomst", o)
    goedkeuring = Goedkeuring.objects.get(overeenkomst=o, partij=Partij.LEERLING)
    assert goedkeuring.door == user and goedkeuring.wijze == GoedkeuringWijze.PORTAAL
    assert link_van(o, Partij.LEERLING).gebruikt_op is not None
    body = client.get(mijn("mijn_overeenkomst", o)).content.decode()
    assert 'data-testid="niet-mogelijk"' in body and 'data-testid="goedkeuren"' not in body


def test_the_last_approval_from_the_dossier_signs_the_agreement(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    door_werkgever_en_school(traject, o)
    goedkeuren_via_link(token=token(link_van(o, Partij.VERTEGENWOORDIGER)), now=NU)
    goedkeuren_als_leerling(overeenkomst=o, versie=o.versie, door=als(persoon(leerling)), now=NU)
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND


def test_an_approval_of_an_older_version_is_refused(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    client = ingelogd(persoon(leerling))
    response = client.post(mijn("mijn_overeenkomst_goedkeuren", o), {"versie": o.versie + 1})
    assert response.status_code == 302
    assert not Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()


def test_the_refusal_says_why_it_is_not_the_learners_turn(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    door = als(persoon(leerling))
    goedkeuren_als_leerling(overeenkomst=o, versie=o.versie, door=door, now=NU)
    with translation.override("en"):
        refusals = kan_goedkeuren_als_leerling(o, door=door, now=NU)
    assert refusals.reasons == (
        "You already approved this version. The other parties still have to approve it.",
    )
    with pytest.raises(Refused):
        goedkeuren_als_leerling(overeenkomst=o, versie=o.versie, door=door, now=NU)


def test_a_signed_agreement_has_nothing_left_to_approve(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.ondertekend(leerling)
    with translation.override("en"):
        refusals = kan_goedkeuren_als_leerling(o, door=als(persoon(leerling)), now=NU)
    assert refusals.reasons == ("This agreement is already signed.",)


def test_nobody_but_the_learner_approves_as_the_learner(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    for door in (als(persoon()), als(traject.coach), als(traject.werkgever)):
        assert not kan_goedkeuren_als_leerling(o, door=door, now=NU).allowed


# --- One person never acts for two parties, across capacities -------------------------------


def werkgever_en_leerling(traject: Traject, leerling: Leerling, *, insz: str) -> User:
    """A representative of the employer whose account carries `insz` (empty: a local account,
    not logged in with the government login yet)."""
    user = UserFactory(insz=insz)
    MembershipFactory(user=user, organisatie=traject.onderneming, rol=Rol.VERTEGENWOORDIGER)
    return user


def test_the_learner_never_approves_for_the_employer(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    user = werkgever_en_leerling(traject, leerling, insz=leerling.insz)
    with translation.override("en"):
        refusals = kan_goedkeuren(o, door=als(user, traject.onderneming), now=NU)
    assert any("two parties" in r for r in refusals.reasons)
    with pytest.raises(Refused):
        overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(user), now=NU)


def test_after_approving_as_learner_the_same_person_cannot_approve_as_employer(
    traject: Traject,
) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    user = werkgever_en_leerling(traject, leerling, insz=leerling.insz)
    # In the dossier the person acts under their employer membership: still as the learner.
    goedkeuren_als_leerling(overeenkomst=o, versie=1, door=als(user), now=NU)
    with pytest.raises(Refused):
        overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(user), now=NU)
    assert not Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.WERKGEVER).exists()


def test_after_approving_as_employer_the_same_person_cannot_approve_as_learner(
    traject: Traject,
) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    # A local account approved for the employer; the government login later adds the INSZ.
    user = werkgever_en_leerling(traject, leerling, insz="")
    overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(user), now=NU)
    User.objects.filter(pk=user.pk).update(insz=leerling.insz)
    user.refresh_from_db()
    with translation.override("en"):
        refusals = kan_goedkeuren_als_leerling(o, door=als(user), now=NU)
    assert any("two parties" in r for r in refusals.reasons)
    response = ingelogd(user).post(mijn("mijn_overeenkomst_goedkeuren", o), {"versie": 1})
    assert response.status_code == 302
    # Nor through the learner's personal link, which names nobody.
    with pytest.raises(Refused):
        goedkeuren_via_link(token=token(link_van(o, Partij.LEERLING)), now=NU)
    assert not Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()


def test_a_learner_who_acted_for_no_other_party_approves_by_link(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    persoon(leerling)  # their account exists, and acted for nobody
    goedkeuren_via_link(token=token(link_van(o, Partij.LEERLING)), now=NU)
    assert Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()


# --- Nobody else's data ---------------------------------------------------------------------


def test_a_person_whose_insz_matches_no_learner_sees_nothing(traject: Traject) -> None:
    leerling = traject.leerling()
    o = traject.ondertekend(leerling)
    met_pdf(o)
    client = ingelogd(persoon(nummer=NIEMANDS_INSZ))
    body = client.get(reverse("overeenkomsten:mijn_dossier")).content.decode()
    # The full name: a generated account name may share the learner's surname.
    assert 'data-testid="geen-dossier"' in body and str(leerling) not in body
    for name in ("mijn_overeenkomst", "mijn_overeenkomst_goedkeuren", "mijn_overeenkomst_pdf"):
        assert client.get(mijn(name, o)).status_code == 404, name


def test_another_learners_agreement_gives_404(traject: Traject) -> None:
    eigen, ander = traject.leerling(), traject.leerling(volgnummer=43, voornaam="Ander")
    o = traject.verstuurd(ander)
    client = ingelogd(persoon(eigen))
    assert client.get(mijn("mijn_overeenkomst", o)).status_code == 404
    assert client.post(mijn("mijn_overeenkomst_goedkeuren", o), {"versie": 1}).status_code == 404
    assert not Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()


def test_the_insz_is_never_in_a_url_or_log_line(traject: Traject, caplog) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    caplog.set_level(logging.DEBUG)
    client = ingelogd(persoon(leerling))
    urls = [reverse("portaal:dashboard"), reverse("overeenkomsten:mijn_dossier")]
    urls += [mijn("mijn_overeenkomst", o), mijn("mijn_overeenkomst_pdf", o)]
    redirects = []
    for url in urls:
        response = client.get(url)
        redirects.append(response.get("Location", ""))
        assert leerling.insz not in response.content.decode(errors="ignore"), url
    response = client.post(mijn("mijn_overeenkomst_goedkeuren", o), {"versie": 1})
    redirects.append(response["Location"])
    assert not [u for u in urls + redirects if leerling.insz in u]
    assert leerling.insz not in caplog.text


# --- The dashboard of a person without a membership ------------------------------------------


def test_a_learner_without_membership_goes_from_the_dashboard_to_the_dossier(
    traject: Traject,
) -> None:
    client = ingelogd(persoon(traject.leerling()))
    response = client.get(reverse("portaal:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("overeenkomsten:mijn_dossier")


def test_a_person_without_membership_or_dossier_is_told_so_without_role_menus(
    traject: Traject,
) -> None:
    user = persoon(nummer=NIEMANDS_INSZ)
    body = ingelogd(user).get(reverse("portaal:dashboard")).content.decode()
    assert 'data-testid="geen-koppeling"' in body and user.insz_gemaskeerd in body
    assert user.insz not in body
    for role_menu in (
        "overeenkomsten:leerling_list",
        "overeenkomsten:overeenkomst_list",
        "mentors:mentor_list",
        "erkenning:aanvraag_list",
        "erkenning:wachtrij",
    ):
        assert f'href="{reverse(role_menu)}"' not in body, role_menu
    assert reverse("overeenkomsten:mijn_dossier") in body


def test_a_member_who_is_also_a_learner_keeps_the_dashboard(traject: Traject) -> None:
    leerling = traject.leerling()
    user = werkgever_en_leerling(traject, leerling, insz=leerling.insz)
    client = ingelogd(user)
    assert client.get(reverse("portaal:dashboard")).status_code == 200
    assert client.get(reverse("overeenkomsten:mijn_dossier")).status_code == 200


# --- The parent's personal link after signing -----------------------------------------------


def test_the_parents_link_offers_the_signed_copy_once_every_party_signed(
    traject: Traject,
) -> None:
    leerling = traject.leerling()
    o = traject.verstuurd(leerling)
    door_werkgever_en_school(traject, o)
    goedkeuren_via_link(token=token(link_van(o, Partij.LEERLING)), now=NU)
    document = met_pdf(o)
    ouder = nog_geldig(link_van(o, Partij.VERTEGENWOORDIGER))
    browser = Client()
    sessie = link_openen(browser, ouder)
    response = browser.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel})
    assert response.status_code == 200 and sessie.pdf() in response.content.decode()
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    # Until the signed copy is made (after commit), its link leads to the page that says so.
    assert browser.get(sessie.pdf())["Location"] == sessie.pagina
    met_kopie(document)
    # The session stays open for the copy; approving again answers as a used link.
    assert browser.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel}).status_code == 410
    assert browser.get(sessie.pdf()).status_code == 200
    # Later, in another browser, the same mailed link: the signed copy, no approval.
    later = Client()
    link = later.get(reverse("overeenkomsten:link_openen", args=[token(ouder)]))
    assert link.status_code == 302 and link["Location"] == sessie.pagina
    body = later.get(sessie.pagina).content.decode()
    assert 'data-testid="kopie"' in body and 'data-testid="goedkeuren"' not in body
    pdf = later.get(sessie.pdf())
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_used_link_still_answers_410_while_the_agreement_is_not_signed(
    traject: Traject,
) -> None:
    o = traject.verstuurd(traject.leerling())
    ouder = link_van(o, Partij.VERTEGENWOORDIGER)
    goedkeuren_via_link(token=token(ouder), now=NU)
    nog_geldig(ouder)
    link = reverse("overeenkomsten:link_openen", args=[token(ouder)])
    assert Client().get(link).status_code == 410


def test_an_expired_link_offers_no_copy(traject: Traject) -> None:
    o = traject.ondertekend(traject.leerling())
    ouder = link_van(o, Partij.VERTEGENWOORDIGER)
    Uitnodiging.objects.filter(pk=ouder.pk).update(
        geldig_tot=timezone.now() - dt.timedelta(minutes=1)
    )
    link = reverse("overeenkomsten:link_openen", args=[token(ouder)])
    assert Client().get(link).status_code == 410
