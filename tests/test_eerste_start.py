"""The first start: `make demo PORT=...`, a short demo_data output, one-click demo logins that
exist only with the dev settings."""

import importlib
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.core.management import call_command
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, clear_url_caches, reverse

from devtools.demo.portaal import demo_data_laden
from devtools.management.commands import demo_data
from duaal.accounts.models import User
from duaal.portaal.demo import DemoAanmeldenView

from .factories import MembershipFactory

ROOT = Path(__file__).resolve().parent.parent
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def _herladen() -> None:
    import duaal.portaal.urls
    import duaal.urls

    importlib.reload(duaal.portaal.urls)
    importlib.reload(duaal.urls)
    clear_url_caches()


@pytest.fixture
def demo_aanmelden(settings) -> Iterator[None]:
    """The dev settings' DEMO_AANMELDEN, switched on explicitly for one test."""
    settings.DEMO_AANMELDEN = True
    _herladen()
    yield
    django_settings.DEMO_AANMELDEN = False
    _herladen()


# transaction=True: the scenarios' mails go out after commit, as in the demo.
@pytest.mark.django_db(transaction=True)
def test_demo_data_prints_only_a_short_table_first_and_later(
    settings, tmp_path, monkeypatch, capsys, caplog
) -> None:
    settings.EMAIL_BACKEND = CONSOLE  # the demo's: every mail would print ~25 lines
    monkeypatch.setattr(demo_data, "MAIL_DIR", tmp_path / "demo-mails")
    caplog.set_level(logging.INFO)
    for run in ("first", "later"):
        call_command("demo_data")
        out, err = capsys.readouterr()
        lines = out.splitlines()
        assert len(lines) < 40, (run, len(lines))
        assert "werkgever@demo.duaal.be" in out and "Subject:" not in out, run
        assert err == "", run
    ruis = [r for r in caplog.records if r.levelno < logging.WARNING and "celery" in r.name]
    assert ruis == []
    # The scenarios' mails (personal links among them) are kept, in files.
    assert any((tmp_path / "demo-mails").iterdir())


def _settings_value(name: str, **env: str) -> str:
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    omgeving = {k: v for k, v in os.environ.items() if k not in ("PORTAAL_URL", "PORT")}
    omgeving |= {"DJANGO_SETTINGS_MODULE": "duaal.settings.dev", **env}
    omgeving["DATABASE_URL"] = "sqlite:////tmp/geen-demo.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", code], env=omgeving, cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def test_mail_links_follow_the_demo_s_port_unless_portaal_url_is_set() -> None:
    assert _settings_value("PORTAAL_URL") == "http://127.0.0.1:8000"
    assert _settings_value("PORTAAL_URL", PORT="8010") == "http://127.0.0.1:8010"
    gezet = _settings_value("PORTAAL_URL", PORT="8010", PORTAAL_URL="https://portaal.example")
    assert gezet == "https://portaal.example"


def test_make_demo_passes_the_port_to_runserver_and_the_environment() -> None:
    result = subprocess.run(
        ["make", "-n", "demo", "PORT=8010"], cwd=ROOT, capture_output=True, text=True
    )
    assert "runserver 127.0.0.1:8010" in result.stdout
    assert "PORT=8010 .venv/bin/python manage.py demo_data" in result.stdout
    assert "bin/systeempakketten.sh" in result.stdout  # checks WeasyPrint's libraries


def test_only_the_dev_settings_switch_the_demo_logins_on() -> None:
    assert django_settings.DEMO_AANMELDEN is False  # the test settings
    assert _settings_value("DEMO_AANMELDEN") == "True"
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "p.example", "TRUSTED_PROXY_COUNT": "0"}
    env |= {"DJANGO_SETTINGS_MODULE": "duaal.settings.production"}
    assert _settings_value("DEMO_AANMELDEN", **env) == "False"


@pytest.mark.django_db
def test_without_the_setting_there_is_no_demo_login_url_nor_offer() -> None:
    demo_data_laden()
    with pytest.raises(NoReverseMatch):
        reverse("portaal:demo_aanmelden", args=[User.objects.first().public_id])
    html = Client().get(reverse("portaal:home")).content.decode()
    assert 'data-testid="demo-aanmelden"' not in html


@pytest.mark.django_db
def test_without_the_setting_the_view_refuses_even_when_reached() -> None:
    demo_data_laden()
    user = User.objects.get(email="werkgever@demo.duaal.be")
    request = RequestFactory().post("/")
    with pytest.raises(Http404):
        DemoAanmeldenView.as_view()(request, public_id=user.public_id)


@pytest.mark.django_db
def test_the_start_page_logs_in_as_a_demo_account_with_one_click(demo_aanmelden) -> None:
    demo_data_laden()
    client = Client()
    html = client.get(reverse("portaal:home")).content.decode()
    assert 'data-testid="demo-aanmelden"' in html
    assert "Trajectbegeleider" in html and "Sectorconsulent" in html  # the roles explained
    coach = User.objects.get(email="trajectbegeleider@demo.duaal.be")
    url = reverse("portaal:demo_aanmelden", args=[coach.public_id])
    assert url in html
    antwoord = client.post(url)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:dashboard")
    assert client.get(reverse("portaal:dashboard")).context["user"] == coach


@pytest.mark.django_db
def test_the_demo_login_never_logs_in_as_a_real_account(demo_aanmelden) -> None:
    echt = MembershipFactory(user__email="ann@onderneming.be").user
    client = Client()
    antwoord = client.post(reverse("portaal:demo_aanmelden", args=[echt.public_id]))
    assert antwoord.status_code == 404
    assert client.get(reverse("portaal:dashboard")).status_code == 302
    assert client.get(reverse("portaal:demo_aanmelden", args=[echt.public_id])).status_code == 405
