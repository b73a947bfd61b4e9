"""Build an application through the real services, step by step, at a given moment."""

import dataclasses
import datetime as dt

from duaal.accounts.actor import Actor
from erkenning.constants import AanvraagSoort
from erkenning.models import Aanvraag
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_afwijzen,
    aanvraag_antwoorden_opslaan,
    aanvraag_document_opladen,
    aanvraag_goedkeuren,
    aanvraag_indienen,
    aanvraag_mentoren_kiezen,
    aanvraag_volledig_verklaren,
)
from mentors.models import Mentor
from tests.factories import MentorFactory, UittrekselFactory, VestigingFactory
from tests.support import als, moment, pdf, verbs  # noqa: F401 - verbs: for the tests here

NU = moment(dt.date(2026, 10, 1))


def dag(n: int, van: dt.datetime = NU) -> dt.datetime:
    """`n` days after `van`, same hour."""
    return van + dt.timedelta(days=n)


def andere_vestiging(plaats):
    """The same enterprise, programme and people at another establishment."""
    return dataclasses.replace(plaats, vestiging=VestigingFactory(onderneming=plaats.onderneming))


def mentor_met_uittreksel(plaats, *, now: dt.datetime = NU, **kwargs) -> Mentor:
    """A mentor of the enterprise who meets R32-R36 on `now` (extract two months old)."""
    mentor = MentorFactory(onderneming=plaats.onderneming, **kwargs)
    UittrekselFactory(
        mentor=mentor,
        uitgereikt_op=now.date() - dt.timedelta(days=60),
        opgeladen_door=plaats.werkgever,
    )
    return mentor


def _actor(plaats, door, namens) -> Actor:
    """`door` as an actor: a user acts for `namens` (its first organisation when not given)."""
    if isinstance(door, Actor):
        return door
    return als(door or plaats.werkgever, namens)


def ingevuld(
    plaats,
    *,
    now: dt.datetime = NU,
    door=None,
    namens=None,
    mentor=None,
    soort: str = AanvraagSoort.NIEUW,
) -> Aanvraag:
    """A draft with every criterion ticked, one mentor and every required document; `door`
    (the employer when not given) acting for `namens` (its first organisation when not given)."""
    door = _actor(plaats, door, namens)
    aanvraag = aanvraag_aanmaken(
        vestiging=plaats.vestiging,
        opleiding=plaats.opleiding,
        door=door,
        soort=soort,
        now=now,
    )
    aanvraag_antwoorden_opslaan(
        aanvraag=aanvraag, antwoorden={c.pk: (True, "In orde.") for c in plaats.criteria}, door=door
    )
    mentor = mentor or mentor_met_uittreksel(plaats, now=now)
    aanvraag_mentoren_kiezen(aanvraag=aanvraag, mentoren=[mentor], door=door)
    aanvraag_document_opladen(
        aanvraag=aanvraag, vereist=plaats.rsz, bestand=pdf("rsz.pdf"), door=door, now=now
    )
    aanvraag_document_opladen(
        aanvraag=aanvraag,
        vereist=plaats.uittreksel,
        bestand=pdf(),
        mentor=mentor,
        door=door,
        now=now,
    )
    return aanvraag


def ingediend(plaats, *, now: dt.datetime = NU, **kwargs) -> Aanvraag:
    aanvraag = ingevuld(plaats, now=now, **kwargs)
    door = _actor(plaats, kwargs.get("door"), kwargs.get("namens"))
    return aanvraag_indienen(aanvraag=aanvraag, door=door, verklaring_op_eer=True, now=now)


def volledig(plaats, *, now: dt.datetime = NU, **kwargs) -> Aanvraag:
    aanvraag = ingediend(plaats, now=now, **kwargs)
    return aanvraag_volledig_verklaren(aanvraag=aanvraag, door=als(plaats.consulent), now=now)


def goedgekeurd(plaats, *, now: dt.datetime = NU, beslist: dt.datetime | None = None) -> Aanvraag:
    aanvraag = volledig(plaats, now=now)
    return aanvraag_goedkeuren(
        aanvraag=aanvraag,
        motivering="Werkplek in orde.",
        door=als(plaats.consulent),
        now=beslist or now,
    )


def afgewezen(plaats, *, now: dt.datetime = NU) -> Aanvraag:
    return aanvraag_afwijzen(
        aanvraag=volledig(plaats, now=now),
        motivering="Uitrusting ontbreekt.",
        door=als(plaats.consulent),
        now=now,
    )
