"""The mentor tables can be built: `migrate` (and so `make test`) must load the migrations,
and a regenerated migration must reference the upload paths by an importable name."""

import importlib

import pytest

from django.db.migrations.loader import MigrationLoader
from django.db.migrations.serializer import serializer_factory

from mentors.models import Mentoropleiding, Uittreksel, Uitzondering

BESTANDSVELDEN = [
    (Uittreksel, "bestand"),
    (Uitzondering, "bewijs"),
    (Mentoropleiding, "certificaat"),
]


def test_the_mentor_migrations_load(settings) -> None:
    settings.MIGRATION_MODULES = {}  # also when pytest runs with --nomigrations
    loader = MigrationLoader(None, ignore_no_migrations=True)
    assert ("mentors", "0001_initial") in loader.disk_migrations


@pytest.mark.parametrize(("model", "veld"), BESTANDSVELDEN)
def test_a_regenerated_migration_can_import_the_upload_path(model, veld) -> None:
    upload_to = model._meta.get_field(veld).upload_to
    pad, _imports = serializer_factory(upload_to).serialize()
    module, _, naam = pad.rpartition(".")
    assert getattr(importlib.import_module(module), naam, None) is upload_to
