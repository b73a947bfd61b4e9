"""Writes of the government login: the account and the memberships its claims give.

A login with a verified identity finds the account by its subject, never silently by e-mail
(an existing local account with the same address is linked only after its password is given
once: `account_koppelen`). The memberships that come from claims are re-synced at every login:
a claim that appeared starts its membership, a claim that disappeared ends it. Grants made in
the portal (`bron` PORTAAL) are never touched here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record
from duaal.organisaties.models import Onderneming, Onderwijsinstelling, Organisatie, Partnerschap
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless

from .actor import Actor
from .claims import Code, Identiteit, Orgcode, gewenste_rollen
from .constants import ROL_ORGANISATIESOORT, AuditVerb, MembershipBron
from .models import Membership, User

__all__ = [
    "Aanmelding",
    "account_koppelen",
    "aanmelden_met_identiteit",
    "kan_aanmelden_met_identiteit",
    "kan_account_koppelen",
    "organisatie_voor",
]

# A citizen's login may carry no e-mail address; the account still needs a unique one.
GEEN_ADRES_DOMEIN = "burger.invalid"


@dataclass
class Aanmelding:
    """What a login came to. `user` is None when a local account must be linked first."""

    user: User | None
    koppelen: User | None = None
    # The organisation the person logged in for without a role there: ask for access.
    zonder_rol: Organisatie | None = None
    # The enterprise the person legally represents that the portal does not know yet.
    onbekende_onderneming: Orgcode | None = None
    gestart: list[Membership] = field(default_factory=list)
    beeindigd: list[Membership] = field(default_factory=list)


def organisatie_voor(code: Orgcode) -> Organisatie | None:
    """The organisation a code names: an enterprise or a partnership (its host body) by KBO
    number, a school by its institution number, a public body by its OVO code."""
    if code.soort == Code.KBO:
        gevonden: Organisatie | None = Onderneming.objects.filter(kbo_nummer=code.waarde).first()
        return gevonden or Partnerschap.objects.filter(kbo_nummer=code.waarde).first()
    if code.soort == Code.INSTELLING:
        return Onderwijsinstelling.objects.filter(instellingsnummer=code.waarde).first()
    return Organisatie.objects.filter(ovo_code=code.waarde).first()


def kan_aanmelden_met_identiteit(identiteit: Identiteit, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this identity may not log in: none left. The claims were verified
    and read before (signature, iss, aud, exp, nonce, acr, capacity: `claims.py`); anyone the
    provider vouches for may log in, and what they may do follows from their memberships."""
    return refusals()


def _email(identiteit: Identiteit) -> str:
    if identiteit.email:
        return identiteit.email
    return f"{hashlib.sha256(identiteit.sub.encode()).hexdigest()[:24]}@{GEEN_ADRES_DOMEIN}"


@guarded_by(kan_aanmelden_met_identiteit)
@transaction.atomic
def aanmelden_met_identiteit(
    identiteit: Identiteit, *, door: Actor, now: datetime | None = None
) -> Aanmelding:
    """Find or create the account of the subject and re-sync its claim memberships."""
    now = now or timezone.now()
    refuse_unless(kan_aanmelden_met_identiteit(identiteit, door=door, now=now))
    user = User.objects.select_for_update().filter(oidc_sub=identiteit.sub).first()
    if user is None:
        bestaand = User.objects.filter(email=_email(identiteit)).first()
        if bestaand is not None:
            return Aanmelding(user=None, koppelen=bestaand)
        user = User.objects.create_user(email=_email(identiteit), naam=identiteit.naam)
        user.set_unusable_password()
        user.oidc_sub = identiteit.sub
    _gegevens_bijwerken(user, identiteit)
    return _lidmaatschappen_bijwerken(user, identiteit, now)


def _gegevens_bijwerken(user: User, identiteit: Identiteit) -> None:
    """The provider's name and national number are the truth; the address too, when it gave
    one that no other account uses."""
    user.naam = identiteit.naam or user.naam
    user.insz = identiteit.insz
    if identiteit.email and identiteit.email != user.email:
        if not User.objects.filter(email=identiteit.email).exclude(pk=user.pk).exists():
            user.email = identiteit.email
    user.save()


def _lidmaatschappen_bijwerken(user: User, identiteit: Identiteit, now: datetime) -> Aanmelding:
    aanmelding = Aanmelding(user=user)
    gewenst: dict[tuple[int, str], tuple[Organisatie, bool]] = {}
    for rol in gewenste_rollen(identiteit):
        org = organisatie_voor(rol.code)
        if org is None:
            if rol.wettelijk_vertegenwoordiger:
                aanmelding.onbekende_onderneming = rol.code
            continue
        if ROL_ORGANISATIESOORT[rol.rol] != org.soort:
            continue  # a role that does not fit the organisation's kind grants nothing
        vorige = gewenst.get((org.pk, rol.rol))
        gewenst[(org.pk, rol.rol)] = (
            org,
            rol.wettelijk_vertegenwoordiger or bool(vorige and vorige[1]),
        )
    bestaand = {
        (m.organisatie_id, m.rol): m
        for m in Membership.objects.select_for_update()
        .filter(user=user, bron=MembershipBron.CLAIM)
        .select_related("organisatie")
    }
    for sleutel, (org, wettelijk) in gewenst.items():
        membership = bestaand.get(sleutel)
        if membership is None:
            membership = Membership.objects.create(
                user=user,
                organisatie=org,
                rol=sleutel[1],
                bron=MembershipBron.CLAIM,
                wettelijk_vertegenwoordiger=wettelijk,
            )
        elif membership.actief and membership.wettelijk_vertegenwoordiger == wettelijk:
            continue
        else:
            membership.actief = True
            membership.wettelijk_vertegenwoordiger = wettelijk
            membership.save(update_fields=["actief", "wettelijk_vertegenwoordiger", "updated_at"])
        aanmelding.gestart.append(membership)
        _audit(membership, AuditVerb.CLAIM_TOEGANG_GESTART, now)
    for sleutel, membership in bestaand.items():
        if sleutel not in gewenst and membership.actief:
            membership.actief = False
            membership.save(update_fields=["actief", "updated_at"])
            aanmelding.beeindigd.append(membership)
            _audit(membership, AuditVerb.CLAIM_TOEGANG_BEEINDIGD, now)
    if identiteit.orgcode is not None:
        org = organisatie_voor(identiteit.orgcode)
        if org is not None and not user.memberships.filter(organisatie=org, actief=True).exists():
            aanmelding.zonder_rol = org
    return aanmelding


def _concreet(org: Organisatie) -> Organisatie:
    """The organisation as its own kind (the audit trail files events under the enterprise,
    school or partnership, not under the shared parent row)."""
    for soort in ("onderneming", "onderwijsinstelling", "partnerschap"):
        kind = getattr(org, soort, None)
        if isinstance(kind, Organisatie):
            return kind
    return org


def _audit(membership: Membership, verb: str, now: datetime) -> None:
    org = _concreet(membership.organisatie)
    audit_record(
        obj=org,
        verb=verb,
        door=membership.user,
        organisatie=org,
        after={
            "gebruiker": membership.user.email,
            "rol": membership.rol,
            "actief": membership.actief,
            "wettelijk_vertegenwoordiger": membership.wettelijk_vertegenwoordiger,
        },
        now=now,
    )


def kan_account_koppelen(user: User, *, door: Actor, now: datetime) -> Refusals:
    """A local account is linked once: not when it already belongs to another login."""
    return refusals(
        refuse_if(
            bool(user.oidc_sub), _("This account is already linked to another government login.")
        )
    )


@guarded_by(kan_account_koppelen)
@transaction.atomic
def account_koppelen(
    user: User, identiteit: Identiteit, *, door: Actor, now: datetime | None = None
) -> Aanmelding:
    """Link a local account to the subject, after the view checked its password (the
    person proved both): from now on the government login opens this account."""
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    refuse_unless(kan_account_koppelen(user, door=door, now=now))
    user.oidc_sub = identiteit.sub
    user.save(update_fields=["oidc_sub"])
    audit_record(obj=user, verb=AuditVerb.ACCOUNT_GEKOPPELD, door=user, after={}, now=now)
    return aanmelden_met_identiteit(identiteit, door=door, now=now)
