"""Queue notifications in the outbox; delivery runs after commit."""

from functools import partial

from django.db import transaction

from duaal.accounts.models import User

from .constants import MeldingStatus
from .links import PLAATSHOUDER, LinkVerwijzing
from .models import Melding
from .tasks import bezorg_melding_task


def melding_plannen(
    *,
    event_key: str,
    ontvangers: list[User],
    onderwerp: str,
    tekst: str,
    e_mails: list[str] | None = None,
    link: LinkVerwijzing | None = None,
) -> list[Melding]:
    """Queue one notification per recipient; a repeated event adds nothing (unique key).

    `e_mails` reaches people without an account (a learner approving through a link).
    `link`: a mail that carries a token gets it by reference; `tekst` holds PLAATSHOUDER where
    delivery puts the link (links.py), never the link itself.
    Must run inside the caller's transaction: delivery is scheduled on commit.
    """
    if link is not None and PLAATSHOUDER not in tekst:
        raise ValueError("a mail with a link needs the placeholder in its text")
    extra = {"link_soort": link.soort, "link_naar": link.public_id} if link else {}
    rows = [
        Melding(
            event_key=event_key,
            ontvanger=u,
            e_mail=u.email,
            onderwerp=onderwerp,
            tekst=tekst,
            **extra,
        )
        for u in ontvangers
        if u.email
    ] + [
        Melding(event_key=event_key, e_mail=adres, onderwerp=onderwerp, tekst=tekst, **extra)
        for adres in e_mails or []
        if adres
    ]
    Melding.objects.bulk_create(rows, ignore_conflicts=True)
    queued = list(Melding.objects.filter(event_key=event_key, status=MeldingStatus.TE_VERZENDEN))
    for melding in queued:
        transaction.on_commit(partial(bezorg_melding_task.delay, melding.pk))
    return queued
