"""Organisations, programmes, establishments and the logins of the scale seed."""

from collections.abc import Iterator

from duaal.accounts.constants import Rol
from duaal.organisaties.constants import (
    BijTermijnoverschrijding,
    OrganisatieSoort,
    Overeenkomsttype,
    PartnerschapSoort,
    Rechtsvorm,
)

from .plan import SCHOLEN, Plan, kopieer

GEMEENTEN = (
    ("9000", "Gent"),
    ("2000", "Antwerpen"),
    ("8000", "Brugge"),
    ("3000", "Leuven"),
    ("3500", "Hasselt"),
    ("2800", "Mechelen"),
    ("8500", "Kortrijk"),
    ("9300", "Aalst"),
)
STRATEN = ("Kerkstraat", "Stationsstraat", "Dorpsstraat", "Nieuwstraat", "Molenstraat")
RECHTSVORMEN = (Rechtsvorm.BV, Rechtsvorm.NV, Rechtsvorm.VZW, Rechtsvorm.EENMANSZAAK)
ADRES = ("straat", "huisnummer", "postcode", "gemeente")


def mod97(prefix: str) -> str:
    """Append the two check digits of the KBO scheme (97 - prefix mod 97)."""
    return prefix + str(97 - int(prefix) % 97).zfill(2)


def kbo_nummer(i: int) -> str:
    return mod97(f"05{i:06d}")


def vestigingseenheidsnummer(j: int) -> str:
    return mod97(f"3{j:07d}")


def _adres(plan: Plan, i: int) -> tuple[str, str, str, str]:
    postcode, gemeente = GEMEENTEN[i % len(GEMEENTEN)]
    return STRATEN[plan.rng.randrange(len(STRATEN))], str(1 + i % 250), postcode, gemeente


def _organisatie_rijen(plan: Plan) -> Iterator[tuple]:
    for i in range(plan.partnerschappen):
        naam = "Vlaams Partnerschap Duaal Leren" if i == 0 else f"Partnerschap sector {i:02d}"
        yield plan.partnerschap_id(i), naam, OrganisatieSoort.PARTNERSCHAP.value
    for i in range(plan.ondernemingen):
        yield plan.onderneming_id(i), f"Onderneming {i:06d}", OrganisatieSoort.ONDERNEMING.value
    for i in range(SCHOLEN):
        yield plan.school_id(i), f"Campus {i + 1:02d}", OrganisatieSoort.ONDERWIJSINSTELLING.value


def organisaties_kopieren(plan: Plan) -> None:
    kopieer(
        "organisaties_organisatie",
        ("id", "public_id", "created_at", "updated_at", "naam", "soort", "e_mail"),
        (
            (pk, plan.uuid(), plan.now, plan.now, naam, soort, "")
            for pk, naam, soort in _organisatie_rijen(plan)
        ),
    )
    # There is exactly one VPDL (constraint een_vpdl): the first partnership; the rest sectoral.
    kopieer(
        "organisaties_partnerschap",
        (
            "organisatie_ptr_id",
            "partnerschap_soort",
            "beslistermijn_dagen",
            "herinnering_dagen_voor_termijn",
            "bij_termijnoverschrijding",
            "geldigheid_jaren",
            "beroepstermijn_dagen",
            "max_leerlingen_per_mentor",
            "mentoropleiding_termijn_maanden",
            "uittreksel_bewaartermijn_dagen",
            "mentoropleiding_herinnering_dagen",
        ),
        (
            (
                plan.partnerschap_id(i),
                (PartnerschapSoort.VPDL if i == 0 else PartnerschapSoort.SECTORAAL).value,
                14,
                3,
                BijTermijnoverschrijding.ESCALEREN.value,
                5,
                10,
                2,
                12,
                30,
                30,
            )
            for i in range(plan.partnerschappen)
        ),
    )
    kopieer(
        "organisaties_onderneming",
        ("organisatie_ptr_id", *ADRES, "kbo_nummer", "rechtsvorm"),
        (
            (
                plan.onderneming_id(i),
                *_adres(plan, i),
                kbo_nummer(i),
                RECHTSVORMEN[i % len(RECHTSVORMEN)].value,
            )
            for i in range(plan.ondernemingen)
        ),
    )
    kopieer(
        "organisaties_onderwijsinstelling",
        ("organisatie_ptr_id", *ADRES, "instellingsnummer"),
        ((plan.school_id(i), *_adres(plan, i), f"9{i:05d}") for i in range(SCHOLEN)),
    )


def opleiding_soort_en_uren(i: int) -> tuple[str, int]:
    """Mostly OAO (20-38 h, R54), some SAO (under 20 h) and DA; never above 38 h."""
    if i % 10 == 9:
        return Overeenkomsttype.DA.value, 24 + i % 15
    if i % 10 == 8:
        return Overeenkomsttype.SAO.value, 12 + i % 8
    return Overeenkomsttype.OAO.value, 20 + i % 19


def opleidingen_en_vestigingen_kopieren(plan: Plan) -> None:
    kopieer(
        "organisaties_opleiding",
        (
            "id",
            "public_id",
            "created_at",
            "updated_at",
            "officiele_naam",
            "code",
            "overeenkomsttype",
            "werkplekuren_per_week",
            "minimumleeftijd",
            "maximumleeftijd",
            "actief",
            "partnerschap_id",
        ),
        (
            (
                plan.id("organisaties_opleiding", i),
                plan.uuid(),
                plan.now,
                plan.now,
                f"Opleiding {i:03d} duaal",
                f"SCALE-{i:04d}",
                *opleiding_soort_en_uren(i),
                15,
                25,
                True,
                plan.partnerschap_id(plan.opleiding_partnerschap(i)),
            )
            for i in range(plan.opleidingen)
        ),
    )
    kopieer(
        "organisaties_vestiging",
        (
            "id",
            "public_id",
            "created_at",
            "updated_at",
            *ADRES,
            "naam",
            "vestigingseenheidsnummer",
            "onderneming_id",
        ),
        (
            (
                plan.id("organisaties_vestiging", j),
                plan.uuid(),
                plan.now,
                plan.now,
                *_adres(plan, j),
                f"Vestiging {j:06d}",
                vestigingseenheidsnummer(j),
                plan.onderneming_id(plan.vestiging_onderneming(j)),
            )
            for j in range(plan.vestigingen)
        ),
    )


def _gebruikers(plan: Plan) -> Iterator[tuple[int, str, str, int | None, str | None]]:
    """(id, e-mail, name, organisation id, role) of every seeded login."""
    yield plan.import_user_id(), "import@scale.duaal.be", "Scale import", None, None
    for i in range(plan.partnerschappen):
        org = plan.partnerschap_id(i)
        yield (
            plan.consulent_id(i),
            f"consulent{i + 1}@scale.duaal.be",
            f"Consulent {i + 1}",
            org,
            Rol.SECTORCONSULENT.value,
        )
        yield (
            plan.beheerder_id(i),
            f"beheerder{i + 1}@scale.duaal.be",
            f"Beheerder {i + 1}",
            org,
            Rol.PARTNERSCHAPSBEHEERDER.value,
        )
    for i in range(SCHOLEN):
        yield (
            plan.coach_id(i),
            f"coach{i + 1}@scale.duaal.be",
            f"Coach {i + 1}",
            plan.school_id(i),
            Rol.TRAJECTBEGELEIDER.value,
        )
    for j in range(plan.werkgevers()):
        yield (
            plan.werkgever_id(j),
            f"werkgever{j + 1}@scale.duaal.be",
            f"Werkgever {j + 1}",
            plan.onderneming_id(j),
            Rol.VERTEGENWOORDIGER.value,
        )


def gebruikers_kopieren(plan: Plan) -> list[tuple[str, str]]:
    """Copy the logins and their memberships; returns (role, e-mail) of the first of each role."""
    gebruikers = list(_gebruikers(plan))
    kopieer(
        "accounts_user",
        (
            "id",
            "password",
            "is_superuser",
            "public_id",
            "email",
            "naam",
            "is_staff",
            "is_active",
            "date_joined",
            "insz",
        ),
        (
            # The import user only signs the historical rows; it cannot log in ("!" = unusable).
            (pk, plan.wachtwoord_hash if rol else "!", False, plan.uuid(), email, naam, False)
            + (bool(rol), plan.now, "")
            for pk, email, naam, _, rol in gebruikers
        ),
    )
    leden = [(pk, org, rol) for pk, _, _, org, rol in gebruikers if rol]
    kopieer(
        "accounts_membership",
        (
            "id",
            "public_id",
            "created_at",
            "updated_at",
            "rol",
            "actief",
            "organisatie_id",
            "user_id",
            "bron",
            "wettelijk_vertegenwoordiger",
        ),
        (
            (plan.id("accounts_membership", n), plan.uuid(), plan.now, plan.now, rol, True, org, pk)
            + ("portaal", False)
            for n, (pk, org, rol) in enumerate(leden)
        ),
    )
    eerste: dict[str, str] = {}
    for _, email, _, _, rol in gebruikers:
        if rol:
            eerste.setdefault(rol, email)
    return list(eerste.items())
