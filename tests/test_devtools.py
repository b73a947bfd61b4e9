"""Tooling lives on the top floor (style.md G29): the development app may import every app, no
app imports it, and production never installs it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ("duaal", "mentors", "erkenning", "overeenkomsten")


def _devtools_imports(path: Path) -> list[str]:
    """The `devtools` imports of one module, by its syntax tree: a comment or a docstring that
    names the app is no import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            namen = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            namen = [node.module or ""]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            namen = [str(node.args[0].value)]
        else:
            continue
        plek = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        found += [f"{plek}:{node.lineno} {naam}" for naam in namen]
    return [f for f in found if f.split(" ", 1)[1].split(".")[0] == "devtools"]


def test_no_domain_package_imports_devtools() -> None:
    modules = [p for package in DOMAIN for p in (ROOT / package).rglob("*.py")]
    assert len(modules) > 50  # the scan sees the packages
    assert [hit for module in modules for hit in _devtools_imports(module)] == []


def test_the_scan_finds_every_form_of_a_devtools_import(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text(
        '"""Not an import: devtools."""\n'
        "from devtools.demo import alles_laden\n"
        "import devtools.querybron\n"
        "from duaal.devtools import x\n"
        "def f():\n"
        "    from devtools import scale_seed\n"
        "    return import_module('devtools.demo')\n"
    )
    assert len(_devtools_imports(module)) == 4


def test_the_test_settings_install_devtools_last() -> None:
    assert settings.INSTALLED_APPS[-1] == "devtools"


def test_production_does_not_install_devtools() -> None:
    env = {
        "DJANGO_SETTINGS_MODULE": "duaal.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-and-random-enough-test-key-" + "y" * 20,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "ALLOWED_HOSTS": "portaal.example",
        "TRUSTED_PROXY_COUNT": "1",
        "PATH": os.environ.get("PATH", ""),
    }
    code = (
        "from django.apps import apps; from django.conf import settings as s; "
        "print('APPS', 'devtools' in s.INSTALLED_APPS, apps.is_installed('devtools'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "APPS False False" in result.stdout, result.stderr
    # Nor does it know the tooling's commands.
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    commands = set(result.stdout.split())
    assert "migrate" in commands, result.stderr
    assert commands.isdisjoint(
        {"demo_data", "seed_scale", "bench_pages", "bench_pdf", "bench_verloop"}
    )
