"""What the government identity provider says of a person, read into the portal's terms.

One module, no database: the claims of a verified ID token in, an `Identiteit` or a
`ClaimsGeweigerd` with a Dutch reason out. Which memberships follow is `gewenste_rollen`;
matching the organisation codes to organisations is the login service's work.

The conventions are those of the Flemish government's IdP (README, "Claims"): `vo_doelgroepcode`
is the capacity the person logs in with, `vo_orgcode` the organisation of that capacity,
`wv_orgcode` the enterprise they legally represent, and a multi-valued role claim named after
the application grants roles directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duaal.insz import normalise_insz
from duaal.organisaties.validators import normalise_kbo

from .constants import Rol


class Doelgroep:
    """The capacities (`vo_doelgroepcode`) the portal admits."""

    ONDERNEMING = "EA"  # orgcode: the enterprise's KBO number
    ONDERWIJS = "OV"  # orgcode: the school's instellingsnummer
    OVERHEID = "GID"  # orgcode: an OVO code
    BURGER = "BUR"  # no orgcode: a learner or a parent

    ALLE = (ONDERNEMING, ONDERWIJS, OVERHEID, BURGER)


# The role names a role claim may carry and the portal role each grants. The organisation the
# code names decides whether the role fits (a coach's role on an enterprise grants nothing).
CLAIM_ROLLEN: dict[str, str] = {
    "beheerder": Rol.VERTEGENWOORDIGER,
    "medewerker": Rol.ONDERNEMING_MEDEWERKER,
    "trajectbegeleider": Rol.TRAJECTBEGELEIDER,
    "schoolbeheerder": Rol.SCHOOLBEHEERDER,
    "consulent": Rol.SECTORCONSULENT,
    "partnerschapsbeheerder": Rol.PARTNERSCHAPSBEHEERDER,
    "platformbeheerder": Rol.PLATFORMBEHEERDER,
}

_OVO = re.compile(r"OVO[0-9]{6}")
_INSTELLING = re.compile(r"[0-9]{5,6}")


class Code:
    """The kinds of organisation code a claim can carry."""

    KBO = "kbo"
    OVO = "ovo"
    INSTELLING = "instellingsnummer"


@dataclass(frozen=True)
class Orgcode:
    soort: str  # Code.*
    waarde: str  # normalised: 10 KBO digits, OVO code, institution number


@dataclass(frozen=True)
class GewensteRol:
    """A membership the claims give: `rol` in the organisation `code` names."""

    code: Orgcode
    rol: str
    wettelijk_vertegenwoordiger: bool = False


@dataclass(frozen=True)
class Identiteit:
    sub: str
    voornaam: str
    familienaam: str
    email: str
    insz: str
    doelgroep: str
    doelgroepnaam: str
    orgcode: Orgcode | None
    orgnaam: str
    vertegenwoordigt: Orgcode | None
    rollen: tuple[GewensteRol, ...] = field(default_factory=tuple)
    acr: str = ""

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.familienaam}".strip()


@dataclass(frozen=True)
class ClaimsGeweigerd(Exception):
    """Why a login is refused: a Dutch title, what happened and what to do next."""

    code: str
    uitleg: str | Promise
    volgende_stap: str | Promise


@dataclass(frozen=True)
class ClaimsInstellingen:
    acr_levels: Sequence[str]
    min_acr: str
    role_claim: str
    role_prefix: str


def _tekst(claims: Mapping[str, Any], naam: str) -> str:
    waarde = claims.get(naam)
    return waarde.strip() if isinstance(waarde, str) else ""


def _geweigerd(code: str, uitleg: str | Promise, volgende_stap: str | Promise) -> ClaimsGeweigerd:
    return ClaimsGeweigerd(code=code, uitleg=uitleg, volgende_stap=volgende_stap)


def orgcode_lezen(waarde: str) -> Orgcode:
    """An organisation code as the IdP writes it: an OVO code, a KBO number (check digits
    verified) or an institution number. Raises ClaimsGeweigerd for anything else."""
    waarde = waarde.strip().upper()
    if _OVO.fullmatch(waarde):
        return Orgcode(Code.OVO, waarde)
    cijfers = re.sub(r"[.\s]", "", waarde)
    if len(cijfers) in (9, 10) and cijfers.isdigit():
        try:
            return Orgcode(Code.KBO, normalise_kbo(cijfers))
        except ValidationError:
            raise _geweigerd(
                "kbo",
                _(
                    "The enterprise number (KBO) the login service gave for your organisation "
                    "is not valid: its check digits do not match."
                ),
                _(
                    "Ask the login service's helpdesk to correct your organisation's details, "
                    "then log in again."
                ),
            ) from None
    if _INSTELLING.fullmatch(cijfers):
        return Orgcode(Code.INSTELLING, cijfers)
    raise _geweigerd(
        "orgcode",
        _("The login service named your organisation with a code the portal does not know."),
        _(
            "Log in again and choose the capacity of your enterprise, school or government "
            "organisation."
        ),
    )


def _acr_controleren(acr: str, instellingen: ClaimsInstellingen) -> None:
    levels = list(instellingen.acr_levels)
    minimum = levels.index(instellingen.min_acr) if instellingen.min_acr in levels else 0
    if acr not in levels or levels.index(acr) < minimum:
        raise _geweigerd(
            "acr",
            _("You logged in with a method that is not secure enough for this portal."),
            _("Log in again with your eID card and a card reader, or with the itsme app."),
        )


def _rollen(claims: Mapping[str, Any], instellingen: ClaimsInstellingen) -> list[GewensteRol]:
    """The role claim's values `<prefix>-<role>:<orgcode>`; values of other applications
    or with an unknown role are ignored (they grant nothing here)."""
    waarden = claims.get(instellingen.role_claim) or []
    if isinstance(waarden, str):
        waarden = [waarden]
    prefix = f"{instellingen.role_prefix}-"
    gewenst = []
    for waarde in waarden:
        if not isinstance(waarde, str) or not waarde.startswith(prefix) or ":" not in waarde:
            continue
        naam, _sep, code = waarde[len(prefix) :].partition(":")
        if naam in CLAIM_ROLLEN:
            gewenst.append(GewensteRol(code=orgcode_lezen(code), rol=CLAIM_ROLLEN[naam]))
    return gewenst


def identiteit_lezen(claims: Mapping[str, Any], instellingen: ClaimsInstellingen) -> Identiteit:
    """Read verified ID-token claims; raises ClaimsGeweigerd with the reason to show."""
    sub = _tekst(claims, "sub")
    if not sub:
        raise _geweigerd(
            "sub",
            _("The login service did not say who you are."),
            _("Log in again; if this keeps happening, contact the helpdesk."),
        )
    _acr_controleren(_tekst(claims, "acr"), instellingen)
    doelgroep = _tekst(claims, "vo_doelgroepcode").upper()
    if doelgroep not in Doelgroep.ALLE:
        raise _geweigerd(
            "doelgroep",
            _("You logged in in a capacity this portal does not serve."),
            _(
                "Log in again and choose to act for an enterprise, a school, a government "
                "organisation or as a citizen."
            ),
        )
    rrn = _tekst(claims, "rrn")
    if not rrn:
        raise _geweigerd(
            "rrn",
            _("The login service did not give your national register number."),
            _(
                "Log in again with your eID card or itsme, which give it; a login without it "
                "cannot be used here."
            ),
        )
    try:
        insz = normalise_insz(rrn)
    except ValidationError:
        raise _geweigerd(
            "rrn",
            _("The national register number the login service gave is not valid."),
            _("Contact the helpdesk of the login service."),
        ) from None
    orgcode = None
    if doelgroep != Doelgroep.BURGER:
        if not _tekst(claims, "vo_orgcode"):
            raise _geweigerd(
                "orgcode",
                _("The login service did not say which organisation you act for."),
                _("Log in again and choose your organisation."),
            )
        orgcode = orgcode_lezen(_tekst(claims, "vo_orgcode"))
    vertegenwoordigt = None
    if doelgroep == Doelgroep.ONDERNEMING and _tekst(claims, "wv_orgcode"):
        vertegenwoordigt = orgcode_lezen(_tekst(claims, "wv_orgcode"))
    return Identiteit(
        sub=sub,
        voornaam=_tekst(claims, "given_name"),
        familienaam=_tekst(claims, "family_name"),
        email=(_tekst(claims, "vo_email") or _tekst(claims, "email")).lower(),
        insz=insz,
        doelgroep=doelgroep,
        doelgroepnaam=_tekst(claims, "vo_doelgroepnaam"),
        orgcode=orgcode,
        orgnaam=_tekst(claims, "vo_orgnaam"),
        vertegenwoordigt=vertegenwoordigt,
        rollen=tuple(_rollen(claims, instellingen)),
        acr=_tekst(claims, "acr"),
    )


def gewenste_rollen(identiteit: Identiteit) -> list[GewensteRol]:
    """The memberships the claims give: the legal representative administers their
    enterprise; each role claim gives its role. A capacity without either gives nothing
    (the person asks the organisation's administrators for access)."""
    gewenst = list(identiteit.rollen)
    if identiteit.vertegenwoordigt is not None:
        gewenst.insert(
            0,
            GewensteRol(
                code=identiteit.vertegenwoordigt,
                rol=Rol.VERTEGENWOORDIGER,
                wettelijk_vertegenwoordiger=True,
            ),
        )
    return gewenst
