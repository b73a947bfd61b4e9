"""The P3 benchmark command itself: it seeds, measures and reports on the test database.
Its figures are not asserted (shared, noisy machines); what it reports is."""

import io
import re

import pytest

from django.core.management import CommandError, call_command
from django.db import connection

from duaal.audit.models import Event
from erkenning.models import Erkenning


def _bench(**kwargs) -> str:
    uit = io.StringIO()
    call_command("bench_verloop", stdout=uit, **kwargs)
    return uit.getvalue()


@pytest.mark.django_db(transaction=True)
def test_it_reports_the_due_rows_expired_and_a_verdict_per_target() -> None:
    uit = _bench(aantal=2000, due=50, seed=7, rondes=2)
    assert "rows expired: 50" in uit
    tijden = r"median [\d.]+ s \(rounds: [\d.]+, [\d.]+\)"
    assert re.search(r"\(a\) raw SQL UPDATE \(rolled back\): 50 rows, " + tijden, uit)
    assert re.search(
        r"\(b\) erkenningen_laten_verlopen: +50 rows, " + tijden + r", 1 batch\(es\) \+ 1 empty",
        uit,
    )
    assert re.search(r"\(c\) re-run, nothing due: +0 rows", uit)
    assert len(re.findall(r"\((target [^)]*)\) +(PASS|MISS)", uit)) == 3
    # Both rounds expired the same 50 rows: the second found them put back, each audited.
    assert Erkenning.objects.filter(status="verlopen").count() == 50
    assert Event.objects.filter(verb="erkenning.verlopen").count() == 100
    assert Erkenning.objects.count() == 2000 and "--alleen-opruimen" in uit


@pytest.mark.django_db(transaction=True)
def test_it_removes_its_seed_when_asked() -> None:
    uit = _bench(aantal=300, due=5, seed=1, opruimen=True)
    assert "rows expired: 5" in uit and "Removed the bench seed: 300 recognitions" in uit
    assert not Erkenning.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_database_other_than_postgresql(monkeypatch) -> None:
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        _bench(aantal=10, due=1)
