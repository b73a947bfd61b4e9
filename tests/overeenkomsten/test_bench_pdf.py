"""The P4 benchmark command runs end to end and prints every figure with its target; the timings
themselves are never asserted (shared, noisy machines: quality.md)."""

import re
from io import StringIO

from django.core.management import call_command

from overeenkomsten.models import Overeenkomst


def test_it_prints_every_figure_next_to_its_target_and_leaves_nothing_behind(db) -> None:
    uit = StringIO()
    call_command("bench_pdf", "--n", "3", "--warmup", "1", stdout=uit)
    tekst = uit.getvalue()
    verwacht = [
        r"^P4 agreement PDF: 3 renders of each kind after 1 warm-up, \d+ pages",
        r"^portal path \(presenteer \+ render_to_pdf\): median [\d.]+ ms, p95 [\d.]+ ms$",
        r"^bare WeasyPrint \(same HTML, pdf/a-3a\): +median [\d.]+ ms, p95 [\d.]+ ms$",
        r"^ratio of medians: [\d.]+x \(target <= 1.2x\) (OK|MISSED)$",
        r"^median portal render: \d+ ms \(target <= 1000 ms\) (OK|MISSED)$",
        r"^memory: RSS [\d.]+ MB after warm-up, [\d.]+ MB after 3 portal renders, "
        r"growth [+-][\d.]+% \(target < 10%\) (OK|MISSED)$",
    ]
    for patroon in verwacht:
        assert re.search(patroon, tekst, re.MULTILINE), (patroon, tekst)
    assert not Overeenkomst.objects.exists()
