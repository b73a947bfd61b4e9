"""G27: durable state is the only link between apps. No app defines a Django signal for
another to receive; an app reacts to another's change in its own sweep over stored state."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("mentors", "erkenning", "overeenkomsten")
KERNEL = "duaal"


def _modules(*apps: str) -> list[Path]:
    return [
        pad
        for app in apps
        for pad in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in pad.parts
    ]


@pytest.mark.parametrize("app", APPS)
def test_no_app_has_a_signals_module(app) -> None:
    assert not (ROOT / app / "signals.py").exists()


def test_no_app_module_defines_or_receives_a_signal() -> None:
    verboden = re.compile(r"django\.dispatch|\bSignal\(|\.connect\(|@receiver\b|\.send\(sender")
    treffers = [
        f"{pad.relative_to(ROOT)}:{nr}: {regel.strip()}"
        for pad in _modules(*APPS)
        for nr, regel in enumerate(pad.read_text().splitlines(), 1)
        if verboden.search(regel)
    ]
    assert treffers == []


def test_the_kernel_defines_no_domain_signal() -> None:
    """The kernel may listen to Django's own signals (a login), but defines none of its own."""
    treffers = [
        f"{pad.relative_to(ROOT)}:{nr}: {regel.strip()}"
        for pad in _modules(KERNEL)
        for nr, regel in enumerate(pad.read_text().splitlines(), 1)
        if re.search(r"\bSignal\(|from django\.dispatch import .*\bSignal\b", regel)
    ]
    assert treffers == []


def test_the_cross_app_sweeps_are_on_the_beat_schedule() -> None:
    from django.conf import settings

    taken = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "erkenning.tasks.erkenningen_mentorstatus",
        "overeenkomsten.tasks.overeenkomsten_zonder_erkenning",
    } <= taken
