"""No token is stored where anyone reads it: a mail that carries a personal link (approval,
password reset) is queued as its template, its facts and a reference to the link, and gets its
link only when it is rendered and delivered; `/beheer/` shows the stored row, and so no token
(R61)."""

import datetime as dt
import json
import re
from importlib import import_module

import pytest

from django.apps import apps
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.accounts.links import WACHTWOORD_LINK
from duaal.meldingen.bezorging import melding_bezorgen
from duaal.meldingen.constants import MeldingStatus
from duaal.meldingen.links import PLAATSHOUDER
from duaal.meldingen.models import Melding
from overeenkomsten.constants import LINK_SALT, UITNODIGING_LINK, Partij
from overeenkomsten.models import Goedkeuring, Overeenkomst
from overeenkomsten.partijen import link_voor
from overeenkomsten.services import overeenkomst_versturen, uitnodiging_opnieuw_versturen

from . import overeenkomst_screens
from .overeenkomst_screens import SLEUTEL, TRAJ, Plek, _verstuurd
from .support import als
from .world import World

pytestmark = pytest.mark.django_db

plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture

LINK = re.compile(r"https?://\S+/goedkeuren/([^/\s]+)/")


def _payload(uitnodiging) -> str:
    """The part of every token for this invitation that does not change with the clock."""
    return signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT).split(":")[0]


def _opgeslagen(melding: Melding) -> str:
    """Everything the row stores that a reader of the outbox sees."""
    return " ".join(
        [
            melding.sjabloon,
            melding.onderwerp,
            melding.tekst,
            melding.naam,
            json.dumps(melding.context),
        ]
    )


def _mail_aan(e_mail: str) -> mail.EmailMessage:
    (bericht,) = [m for m in mail.outbox if m.to == [e_mail]]
    return bericht


def test_the_outbox_keeps_a_reference_and_the_delivered_mail_a_working_link(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    melding = Melding.objects.get(e_mail=o.leerling.e_mail)
    assert melding.status == MeldingStatus.VERZONDEN
    assert (melding.link_soort, melding.link_naar) == (UITNODIGING_LINK, uitnodiging.public_id)
    assert melding.sjabloon == "overeenkomsten/approval_link" and melding.tekst == ""
    opgeslagen = _opgeslagen(melding)
    assert "/goedkeuren/" not in opgeslagen and _payload(uitnodiging) not in opgeslagen

    # The mail itself carries the link, and the link works: it opens the agreement and approves.
    body = _mail_aan(o.leerling.e_mail).body
    assert PLAATSHOUDER not in body
    link = LINK.search(body).group(0)
    browser = Client()
    response = browser.get(link)
    assert response.status_code == 302
    pagina = browser.get(response["Location"])
    assert pagina.status_code == 200
    sleutel = SLEUTEL.search(pagina.content.decode()).group(1)
    assert (
        browser.post(response["Location"] + "goedkeuren/", {"sleutel": sleutel}).status_code == 200
    )
    assert Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()


def test_beheer_shows_an_approval_mail_without_its_token(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    melding = Melding.objects.get(e_mail=o.leerling.e_mail)
    beheerder = world.client_for("A", Rol.PLATFORMBEHEERDER)
    for pagina in (
        reverse("admin:meldingen_melding_change", args=[melding.pk]),
        reverse("admin:meldingen_melding_changelist") + f"?q={o.leerling.e_mail}",
    ):
        response = beheerder.get(pagina)
        body = response.content.decode()
        assert response.status_code == 200
        assert "/goedkeuren/" not in body and _payload(uitnodiging) not in body
        assert link_voor(uitnodiging).rsplit(":", 1)[0] not in body
    assert (
        "overeenkomsten/approval_link"
        in beheerder.get(
            reverse("admin:meldingen_melding_change", args=[melding.pk])
        ).content.decode()
    )
    # Read-only: the stored text cannot be edited into something else.
    wijzig = reverse("admin:meldingen_melding_change", args=[melding.pk])
    beheerder.post(wijzig, {"tekst": "anders", "status": MeldingStatus.TE_VERZENDEN})
    melding.refresh_from_db()
    assert melding.tekst != "anders" and melding.status == MeldingStatus.VERZONDEN


def test_a_queued_mail_whose_link_was_replaced_lapses_unsent(world: World, plek: Plek) -> None:
    """The coach sent a new link before the first mail went out: the first mail would carry a
    dead link, so it is not sent; the new one is."""
    o = overeenkomst_screens._opgesteld(world, plek)
    coach = als(world.sides["A"].users[TRAJ])
    overeenkomst_versturen(overeenkomst=o, door=coach)  # on-commit delivery never runs here
    eerste = Melding.objects.get(e_mail=o.leerling.e_mail)
    later = timezone.now() + dt.timedelta(seconds=1)  # the mail's event is per second
    uitnodiging_opnieuw_versturen(overeenkomst=o, partij=Partij.LEERLING, door=coach, now=later)
    tweede = Melding.objects.filter(e_mail=o.leerling.e_mail).exclude(pk=eerste.pk).get()
    assert melding_bezorgen(melding_id=eerste.pk) is False
    eerste.refresh_from_db()
    assert eerste.status == MeldingStatus.VERVALLEN and mail.outbox == []
    assert melding_bezorgen(melding_id=tweede.pk) is True
    nieuw = Overeenkomst.objects.get(pk=o.pk).uitnodigingen.get(partij=Partij.LEERLING)
    assert _payload(nieuw) in _mail_aan(o.leerling.e_mail).body


def test_the_password_reset_mail_is_queued_without_its_token(
    world: World, django_capture_on_commit_callbacks
) -> None:
    user = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    melding = Melding.objects.get(ontvanger=user)
    assert (melding.link_soort, melding.link_naar) == (WACHTWOORD_LINK, user.public_id)
    assert melding.sjabloon == "accounts/password_reset"
    assert "/wachtwoord/herstellen/" not in _opgeslagen(melding)
    assert melding.status == MeldingStatus.VERZONDEN

    # The delivered mail's link lets the user choose a new password.
    link = re.search(r"https?://\S+/wachtwoord/herstellen/\S+/", _mail_aan(user.email).body)
    browser = Client()
    response = browser.get(link.group(0))
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    nieuw = {"new_password1": "Zeer-lang-wachtwoord-42", "new_password2": "Zeer-lang-wachtwoord-42"}
    assert browser.post(response["Location"], nieuw).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Zeer-lang-wachtwoord-42")


def test_existing_outbox_rows_lose_their_tokens(world: World, plek: Plek, capture) -> None:
    """The data migration: a row still queued keeps a reference and gets its link at
    delivery; a row already sent has the link blanked."""
    o = _verstuurd(world, plek, capture)
    Melding.objects.all().delete()
    mail.outbox.clear()
    leerling = o.uitnodigingen.get(partij=Partij.LEERLING)
    ouder = o.uitnodigingen.get(partij=Partij.VERTEGENWOORDIGER)
    oud = "Lees en keur goed via deze persoonlijke link:\n{}"
    wachtend = Melding.objects.create(
        event_key="oud:1",
        e_mail="leerling@example.org",
        onderwerp="Keur goed",
        tekst=oud.format(link_voor(leerling)),
    )
    verzonden = Melding.objects.create(
        event_key="oud:2",
        e_mail="ouder@example.org",
        onderwerp="Keur goed",
        tekst=oud.format(link_voor(ouder)),
        status=MeldingStatus.VERZONDEN,
    )
    import_module("duaal.meldingen.migrations.0003_melding_link_verwijzing").tokens_uit_de_outbox(
        apps, None
    )
    wachtend.refresh_from_db()
    verzonden.refresh_from_db()
    for melding in (wachtend, verzonden):
        assert "/goedkeuren/" not in melding.tekst
        assert _payload(leerling) not in melding.tekst and _payload(ouder) not in melding.tekst
    assert (wachtend.link_soort, wachtend.link_naar) == (UITNODIGING_LINK, leerling.public_id)
    assert wachtend.tekst == oud.format(PLAATSHOUDER)
    assert verzonden.tekst == oud.format("[link removed]") and not verzonden.link_soort
    assert melding_bezorgen(melding_id=wachtend.pk) is True
    assert _payload(leerling) in _mail_aan("leerling@example.org").body


def test_a_mail_with_a_link_needs_a_known_template_and_a_known_builder() -> None:
    import uuid

    from duaal.meldingen.links import LinkVerwijzing
    from duaal.meldingen.services import send_mail

    verwijzing = LinkVerwijzing(soort="onbekend", public_id=uuid.uuid4())
    with pytest.raises(ValueError):
        send_mail(
            "overeenkomsten/geen_sjabloon",
            recipients=[],
            event_key="x:1",
            context={},
            link=verwijzing,
            e_mails={"a@example.org": "A"},
        )
    (melding,) = send_mail(
        "overeenkomsten/approval_link",
        recipients=[],
        event_key="x:2",
        context={"onderneming": "O", "opleiding": "O", "d": dt.date(2026, 9, 30)},
        link=verwijzing,
        e_mails={"a@example.org": "A"},
    )
    # No builder: the mail is not sent with a placeholder but retried (a deployment error).
    assert melding_bezorgen(melding_id=melding.pk) is False
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.TE_VERZENDEN and "onbekend" in melding.fout
    assert mail.outbox == []
