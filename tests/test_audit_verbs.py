"""G32: audit verbs are enums. Every verb the trail holds is registered with its label, an
unknown verb is refused when it is recorded, each app registers its `AuditVerb` enum in its
AppConfig, and no service writes a verb as a bare string where a typo would hide."""

import datetime as dt
import os
import re
from io import StringIO
from pathlib import Path

import pytest
import time_machine

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.models import TextChoices

from duaal.audit import verbs
from duaal.audit.models import Event
from duaal.audit.services import audit_record, audit_record_bulk
from duaal.audit.verbs import UnknownVerb
from duaal.celery import app as celery_app

from .world import World

ROOT = Path(settings.BASE_DIR)

# Beat entries that write no audit events and need a running worker or beat of their own.
NOT_A_SWEEP = {"heartbeat", "meldingen-bezorgen"}


def _project_apps() -> list:
    """The portal's own apps (the kernel's and the domain apps), not Django's or third parties'."""
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    ]


# A call that writes audit events (not the audit app's own definitions of them).
RECORDS = re.compile(r"(?<!def )\b(audit_record|audit_record_bulk|events_insert_sql)\(")


def _records_audit_events(app_path: Path) -> bool:
    for path in app_path.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        if RECORDS.search(path.read_text()):
            return True
    return False


def _unknown_stored_verbs() -> list[str]:
    stored = Event.objects.values_list("verb", flat=True).distinct()
    return sorted(verb for verb in stored if not verbs.is_known(verb))


@pytest.mark.django_db
def test_every_verb_the_demo_and_the_sweeps_store_is_registered() -> None:
    # The demo walks every service through every state; the sweeps, run years later, expire
    # and flag what the demo left, through the SQL bulk path too (which asks no registry).
    call_command("demo_data", stdout=StringIO())
    celery_app.loader.import_default_modules()
    with time_machine.travel(dt.datetime(2031, 1, 6, 6, 30, tzinfo=dt.UTC), tick=False):
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            if name not in NOT_A_SWEEP:
                celery_app.tasks[entry["task"]]()
    assert Event.objects.exists()
    assert _unknown_stored_verbs() == []


def test_every_verb_the_test_world_stores_is_registered(world: World) -> None:
    assert Event.objects.exists()
    assert _unknown_stored_verbs() == []


def test_recording_an_unknown_verb_is_refused_and_stores_nothing(world: World) -> None:
    vestiging = world.sides["A"].vestiging
    voor = Event.objects.count()
    with pytest.raises(UnknownVerb):
        audit_record(obj=vestiging, verb="vestiging.gewijzgd", door=None)  # sic: a typo
    with pytest.raises(UnknownVerb):
        audit_record_bulk(objs=[vestiging], verb="vestiging.gewijzgd")
    assert Event.objects.count() == voor


def test_a_registered_verb_is_shown_by_its_label() -> None:
    class Probe(TextChoices):
        PROBE = "probe.gedaan", "probe done"

    saved = dict(verbs.VERB_LABELS)
    try:
        verbs.register(Probe)
        assert verbs.is_known(Probe.PROBE)
        assert Event(verb=Probe.PROBE).verb_label == "probe done"
    finally:
        verbs.VERB_LABELS.clear()
        verbs.VERB_LABELS.update(saved)


def test_every_registered_verb_has_a_label_of_its_own() -> None:
    unlabelled = sorted(verb for verb, label in verbs.VERB_LABELS.items() if str(label) == verb)
    assert unlabelled == []


def test_every_app_that_records_events_registers_an_audit_verb_enum() -> None:
    missing = []
    for config in _project_apps():
        app_path = Path(config.path)
        apps_py = (app_path / "apps.py").read_text() if (app_path / "apps.py").exists() else ""
        if "VERB_LABELS.update(" in apps_py:
            missing.append(f"{config.name}: apps.py still updates VERB_LABELS by hand")
        if not _records_audit_events(app_path):
            continue
        constants = app_path / "constants.py"
        if not constants.exists() or "class AuditVerb(" not in constants.read_text():
            missing.append(f"{config.name}: no AuditVerb enum in constants.py")
        if not re.search(r"\bregister\(\s*AuditVerb\s*\)", apps_py):
            missing.append(f"{config.name}: apps.py does not register(AuditVerb)")
    assert missing == []


def test_every_app_enum_is_registered() -> None:
    unregistered = []
    for config in _project_apps():
        try:
            module = __import__(f"{config.name}.constants", fromlist=["AuditVerb"])
        except ModuleNotFoundError:
            continue
        enum = getattr(module, "AuditVerb", None)
        if enum is not None:
            unregistered += [f"{config.name}: {v.value}" for v in enum if not verbs.is_known(v)]
    assert unregistered == []


# `verb="x.y"` (or 'x.y', f"x.{y}") in a call, and `"verb": "'x.y'"` in the SQL of a bulk insert.
VERB_LITERAL = re.compile(r"""\bverb\s*=\s*[rbfu]*["']|["']verb["']\s*:\s*[rbfu]*["']'""")


def _source_files() -> list[Path]:
    skip = {".venv", "node_modules", "migrations", "tests", ".git", "var"}
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in skip]
        found += [Path(folder) / name for name in files if name.endswith(".py")]
    return found


def test_no_source_writes_a_verb_as_a_bare_string() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _source_files()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if VERB_LITERAL.search(line)
    ]
    assert found == [], "use the app's AuditVerb members:\n" + "\n".join(found)
