"""The P1 page benchmark (quality.md) runs end to end on a tiny scale seed; no timing asserted."""

import io

import pytest

from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db

PAGINAS = (
    "minimal view",
    "consultant queue",
    "application detail",
    "employer dashboard",
    "school dashboard",
    "workplace search",
)


@pytest.fixture
def uitvoer() -> str:
    call_command("seed_scale", "--scale", "0.0005", stdout=io.StringIO())
    # The test wraps everything in one transaction: check the deferred foreign keys now.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    out = io.StringIO()
    call_command("bench_pages", "--n", "2", "--warmup", "0", stdout=out)
    return out.getvalue()


def test_it_prints_a_figure_line_per_page(uitvoer: str) -> None:
    regels = uitvoer.splitlines()
    assert regels[0].startswith("P1 key pages: 2 requests each after 0 warm-up")
    for naam in PAGINAS:
        cijfers = next(r for r in regels if r.startswith(naam))
        assert "ERROR" not in cijfers, cijfers
    assert "(reference)" in next(r for r in regels if r.startswith("minimal view"))


def test_it_judges_each_key_page_against_the_three_targets(uitvoer: str) -> None:
    regels = uitvoer.splitlines()
    assert "tpl q" in regels[1]
    assert regels[1].endswith("p95<=150ms  queries<=12  no tpl q")
    for naam in PAGINAS[1:]:
        cijfers = next(r for r in regels if r.startswith(naam))
        assert all(oordeel in {"OK", "MISSED"} for oordeel in cijfers.split()[-3:]), cijfers


def test_no_key_page_queries_from_a_template_on_the_seed(uitvoer: str) -> None:
    """The tpl q column counts the queries run from a template; every key page has none (P1),
    so the list of offenders under the table is absent."""
    kop = uitvoer.splitlines()[1]
    kolom = kop.index("tpl q") + len("tpl q")  # right-aligned under its header
    for naam in PAGINAS:
        cijfers = next(r for r in uitvoer.splitlines() if r.startswith(naam))
        assert cijfers[:kolom].split()[-1] == "0", cijfers
        if naam != "minimal view":
            assert cijfers.split()[-1] == "OK", cijfers
    assert "queries from a template" not in uitvoer
