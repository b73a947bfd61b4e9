"""The shape of the reference data set (quality.md "scale seed") and the COPY plumbing.

Every row is derived from its row number plus one random generator seeded from --seed, so two
runs with the same seed and scale give the same rows, public ids included. Numbers with check
digits come from prefixes no other data set uses (enterprises 05..., establishments 3...,
institutions 9....), so they are unique by construction.
"""

import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection

# Counts at --scale 1.0; every count is scaled and kept at 1 or more.
BASIS = {
    "partnerschappen": 20,
    "ondernemingen": 100_000,
    "vestigingen": 150_000,
    "opleidingen": 400,
    "erkenningen": 200_000,
    "aanvragen": 500_000,
    "open_aanvragen": 10_000,
    "mentoren": 60_000,
    "overeenkomsten": 100_000,
}
# Fixed at every scale: enough logins to benchmark pages, few enough to stay readable.
SCHOLEN = 10
WERKGEVERS = 20

# Truncated by --reset; CASCADE reaches everything that points at them (memberships, audit).
DOMEINTABELLEN = (
    "accounts_user",
    "organisaties_organisatie",
    "organisaties_opleiding",
    "organisaties_vestiging",
)
# Tables whose integer id the seed hands out itself; their sequences are set afterwards.
TABELLEN_MET_ID = (
    "organisaties_organisatie",
    "organisaties_vestiging",
    "organisaties_opleiding",
    "accounts_user",
    "accounts_membership",
    "erkenning_aanvraag",
    "erkenning_erkenning",
    "mentors_mentor",
    "mentors_mentortoewijzing",
    "overeenkomsten_leerling",
    "overeenkomsten_overeenkomst",
)
# Names a --reset may touch: throw-away databases only, never real data.
RESET_TOEGESTAAN = ("scale", "bench")


def aantallen_voor(schaal: float) -> dict[str, int]:
    aantallen = {naam: max(1, round(basis * schaal)) for naam, basis in BASIS.items()}
    # Open applications are part of the applications, so there must be room for them.
    aantallen["aanvragen"] = max(aantallen["aanvragen"], aantallen["open_aanvragen"] + 1)
    return aantallen


def reset_toegestaan(dbnaam: str) -> bool:
    naam = dbnaam.lower()
    return naam.startswith("test_") or any(woord in naam for woord in RESET_TOEGESTAAN)


@dataclass
class Plan:
    """Counts, the first free id per table and the id of every generated row by number."""

    aantallen: dict[str, int]
    rng: random.Random
    now: datetime
    dag: date
    wachtwoord_hash: str
    basis: dict[str, int] = field(default_factory=dict)

    def __getattr__(self, naam: str) -> int:
        # plan.ondernemingen etc.: the scaled count, so the generators read like the spec.
        try:
            return self.__dict__["aantallen"][naam]
        except KeyError:
            raise AttributeError(naam) from None

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    # Organisations share one id space (multi-table inheritance): partnerships, then
    # enterprises, then schools.
    def partnerschap_id(self, i: int) -> int:
        return self.basis["organisaties_organisatie"] + 1 + i

    def onderneming_id(self, i: int) -> int:
        return self.partnerschap_id(self.partnerschappen) + i

    def school_id(self, i: int) -> int:
        return self.onderneming_id(self.ondernemingen) + i

    # Users: one import user, a consultant and an administrator per partnership, a coach per
    # school, a representative for the first enterprises.
    def import_user_id(self) -> int:
        return self.basis["accounts_user"] + 1

    def consulent_id(self, partnerschap: int) -> int:
        return self.import_user_id() + 1 + 2 * partnerschap

    def beheerder_id(self, partnerschap: int) -> int:
        return self.consulent_id(partnerschap) + 1

    def coach_id(self, school: int) -> int:
        return self.consulent_id(self.partnerschappen) + school

    def werkgever_id(self, j: int) -> int:
        return self.coach_id(SCHOLEN) + j

    def werkgevers(self) -> int:
        return min(WERKGEVERS, self.ondernemingen)

    def id(self, tabel: str, i: int) -> int:
        return self.basis[tabel] + 1 + i

    # Where things are: establishment j belongs to enterprise j % E; programme i to
    # partnership i % P; mentor m works at establishment m % min(V, R), which holds
    # recognition number m (round 0), so every designation is at a recognised place.
    def vestiging_onderneming(self, j: int) -> int:
        return j % self.ondernemingen

    def opleiding_partnerschap(self, i: int) -> int:
        return i % self.partnerschappen

    def mentor_vestiging(self, m: int) -> int:
        return m % min(self.vestigingen, self.erkenningen)

    def plaats_van_erkenning(self, k: int) -> tuple[int, int]:
        """(establishment, programme) of recognition k: round r = k // V shifts the programme."""
        vestiging, ronde = k % self.vestigingen, k // self.vestigingen
        return vestiging, (vestiging + 37 * ronde) % self.opleidingen


def hoogste_ids() -> dict[str, int]:
    with connection.cursor() as cursor:
        result = {}
        for tabel in TABELLEN_MET_ID:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {tabel}")
            result[tabel] = cursor.fetchone()[0]
        return result


def kopieer(tabel: str, kolommen: tuple[str, ...], rijen: Iterable[tuple]) -> int:
    """Stream rows into a table with COPY; returns the number of rows."""
    sql = f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN"
    aantal = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for rij in rijen:
            copy.write_row(rij)
            aantal += 1
    return aantal


def bevat_data() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM organisaties_organisatie) "
            "OR EXISTS (SELECT 1 FROM organisaties_opleiding) "
            "OR EXISTS (SELECT 1 FROM erkenning_erkenning)"
        )
        return cursor.fetchone()[0]


def leegmaken() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(DOMEINTABELLEN)} RESTART IDENTITY CASCADE")


def sequenties_zetten() -> None:
    """Point every id sequence past the copied rows, so later ORM inserts get fresh ids."""
    with connection.cursor() as cursor:
        for tabel in TABELLEN_MET_ID:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                f"coalesce(max(id), 0) + 1, false) FROM {tabel}"
            )


def analyseren() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def tellingen() -> dict[str, int]:
    with connection.cursor() as cursor:
        result = {}
        for tabel in (*TABELLEN_MET_ID, "organisaties_partnerschap", "organisaties_onderneming"):
            cursor.execute(f"SELECT count(*) FROM {tabel}")
            result[tabel] = cursor.fetchone()[0]
        return result
