"""The test provider's standard accounts, as the government IdP would describe these people.

Every identifier carries valid check digits (python-stdnum validates each one at import), except
the one account that exists to show a wrong check digit. Tests create the organisations these
codes name (the constants below) and then log in through `tests.oidc_provider`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stdnum.be import ssn, vat

WACHTWOORD = "geheim"
ACR_SUBSTANTIEEL = "loa-substantial"
ACR_LAAG = "loa-low"
ROL_PREFIX = "DVDuaalGebruiker"


def kbo(basis: int) -> str:
    """A 10-digit enterprise number (KBO) with its mod-97 check digits."""
    eerste = f"{basis:08d}"
    return vat.validate(eerste + f"{97 - int(eerste) % 97:02d}")


def rrn(geboren: date, volgnummer: int) -> str:
    """An 11-digit national number; people born from 2000 get the '2' prefix in the check."""
    basis = f"{geboren:%y%m%d}{volgnummer:03d}"
    prefix = ("2" if geboren.year >= 2000 else "") + basis
    return ssn.validate(basis + f"{97 - int(prefix) % 97:02d}")


def rol(naam: str, orgcode: str) -> str:
    """A value of the application's role claim (`dv_duaal_rol_3d`)."""
    return f"{ROL_PREFIX}-{naam}:{orgcode}"


# Organisation codes, for tests to create the matching organisations. Away from the factories'
# sequences (KBO 040..., institution numbers from 100000) so the two never collide.
KBO_BAKKERIJ = kbo(4455667)
KBO_TWEEDE = kbo(5566778)
KBO_SECTORFONDS = kbo(8877665)
KBO_NIEUW = kbo(7123456)  # an enterprise the portal does not know
INSTELLINGSNUMMER_SCHOOL = "123456"
OVO_PARTNERSCHAP = "OVO002949"

# A KBO number whose check digits are wrong (one off): refused by the portal.
KBO_SLECHT = KBO_BAKKERIJ[:8] + f"{(int(KBO_BAKKERIJ[8:]) + 1) % 97:02d}"

RRN_VERTEGENWOORDIGER = rrn(date(1978, 3, 15), 33)
RRN_TWEE = rrn(date(1980, 6, 1), 45)
RRN_MEDEWERKER = rrn(date(1985, 7, 30), 33)
RRN_MEDEWERKER_ROL = rrn(date(1990, 1, 20), 57)
RRN_COACH = rrn(date(1982, 11, 10), 33)
RRN_CONSULENT = rrn(date(1975, 6, 7), 22)
RRN_FONDSCONSULENT = rrn(date(1979, 9, 9), 71)
RRN_LEERLING = rrn(date(2009, 3, 14), 301)
RRN_NIEUW = rrn(date(1970, 2, 2), 89)
RRN_ONBEKEND = rrn(date(1988, 8, 8), 12)


def _persoon(
    voornaam: str, achternaam: str, rrn_: str | None, e_mail: str, **claims: Any
) -> dict[str, Any]:
    gegevens: dict[str, Any] = {
        "given_name": voornaam,
        "family_name": achternaam,
        "vo_email": e_mail,
        **claims,
    }
    if rrn_ is not None:
        gegevens["rrn"] = rrn_
    return gegevens


def _ea(orgcode: str, orgnaam: str) -> dict[str, str]:
    return {
        "vo_doelgroepcode": "EA",
        "vo_doelgroepnaam": "Economische actor",
        "vo_orgcode": orgcode,
        "vo_orgnaam": orgnaam,
    }


BAKKERIJ = _ea(KBO_BAKKERIJ, "Bakkerij Test")

# account id -> claims (without `sub`, which is the account id itself).
CLAIMS: dict[str, dict[str, Any]] = {
    "vertegenwoordiger": _persoon(
        "Vera",
        "Verbeke",
        RRN_VERTEGENWOORDIGER,
        "vera@bakkerij.test",
        **BAKKERIJ,
        wv_orgcode=KBO_BAKKERIJ,
    ),
    "twee-ondernemingen": _persoon(
        "Tom",
        "Tweemans",
        RRN_TWEE,
        "tom@bakkerij.test",
        **BAKKERIJ,
        wv_orgcode=KBO_BAKKERIJ,
        dv_duaal_rol_3d=[rol("beheerder", KBO_TWEEDE)],
    ),
    "medewerker": _persoon("Mia", "Mertens", RRN_MEDEWERKER, "mia@bakkerij.test", **BAKKERIJ),
    "medewerker-rol": _persoon(
        "Milan",
        "Maes",
        RRN_MEDEWERKER_ROL,
        "milan@bakkerij.test",
        **BAKKERIJ,
        dv_duaal_rol_3d=[rol("medewerker", KBO_BAKKERIJ)],
    ),
    "coach": _persoon(
        "Cas",
        "Coppens",
        RRN_COACH,
        "cas@school.test",
        vo_doelgroepcode="OV",
        vo_doelgroepnaam="Onderwijs",
        vo_orgcode=INSTELLINGSNUMMER_SCHOOL,
        vo_orgnaam="Testschool",
        dv_duaal_rol_3d=[rol("trajectbegeleider", INSTELLINGSNUMMER_SCHOOL)],
    ),
    "consulent": _persoon(
        "Chris",
        "Claes",
        RRN_CONSULENT,
        "chris@partnerschap.test",
        vo_doelgroepcode="GID",
        vo_doelgroepnaam="Vlaamse overheid",
        vo_orgcode=OVO_PARTNERSCHAP,
        vo_orgnaam="Testpartnerschap",
        dv_duaal_rol_3d=[rol("consulent", OVO_PARTNERSCHAP)],
    ),
    "fondsconsulent": _persoon(
        "Fien",
        "Fonteyn",
        RRN_FONDSCONSULENT,
        "fien@sectorfonds.test",
        **_ea(KBO_SECTORFONDS, "Sectorfonds Test"),
        dv_duaal_rol_3d=[rol("consulent", KBO_SECTORFONDS)],
    ),
    "leerling": _persoon(
        "Lien",
        "Leroy",
        RRN_LEERLING,
        "lien@leerling.test",
        vo_doelgroepcode="BUR",
        vo_doelgroepnaam="Burger",
    ),
    "laag-acr": _persoon(
        "Lode",
        "Laga",
        RRN_VERTEGENWOORDIGER,
        "lode@bakkerij.test",
        **BAKKERIJ,
        wv_orgcode=KBO_BAKKERIJ,
    ),
    "zonder-rrn": _persoon(
        "Zoë", "Zonder", None, "zoe@bakkerij.test", **BAKKERIJ, wv_orgcode=KBO_BAKKERIJ
    ),
    "slechte-kbo": _persoon(
        "Sam",
        "Slecht",
        RRN_MEDEWERKER,
        "sam@slecht.test",
        **_ea(KBO_SLECHT, "Slechte Nummer bv"),
        wv_orgcode=KBO_SLECHT,
    ),
    "onbekende-doelgroep": _persoon(
        "Olga",
        "Onbekend",
        RRN_ONBEKEND,
        "olga@onbekend.test",
        vo_doelgroepcode="XYZ",
        vo_doelgroepnaam="Onbekend",
        vo_orgcode=KBO_BAKKERIJ,
    ),
    "nieuwe-onderneming": _persoon(
        "Nina",
        "Nieuwland",
        RRN_NIEUW,
        "nina@nieuw.test",
        **_ea(KBO_NIEUW, "Nieuwe Onderneming bv"),
        wv_orgcode=KBO_NIEUW,
    ),
}

ACR: dict[str, str] = {"laag-acr": ACR_LAAG}


def accounts() -> dict[str, dict[str, Any]]:
    """The provider's `accounts` config: id -> password, acr and claims."""
    return {
        account: {
            "password": WACHTWOORD,
            "acr": ACR.get(account, ACR_SUBSTANTIEEL),
            "claims": claims,
        }
        for account, claims in CLAIMS.items()
    }


PORTAAL = ("duaal-portaal", "portaal-geheim")
ANDER_PORTAAL = ("ander-portaal", "ander-geheim")

# The portal's callback is /account/inloggen/oidc/terug/; /inloggen/oidc/terug/ is accepted too.
# Any port on a loopback host is accepted (the live server picks one per run).
CALLBACK_PADEN = ("/account/inloggen/oidc/terug/", "/inloggen/oidc/terug/")
HOSTS = ("http://127.0.0.1", "http://localhost", "http://testserver")


def client(client_id: str, client_secret: str, hosts: tuple[str, ...] = HOSTS) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uris": [host + pad for host in hosts for pad in CALLBACK_PADEN],
        "post_logout_redirect_uris": [host + "/" for host in hosts],
    }


def default_config(
    port: int | None = None,
    clients: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The standard provider: the two test clients and every account above."""
    config: dict[str, Any] = {
        "port": port or 0,
        "clients": clients if clients is not None else [client(*PORTAAL), client(*ANDER_PORTAAL)],
        "accounts": accounts(),
        **extra,
    }
    return config
