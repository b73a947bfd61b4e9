"""No link token in a log line: Django's request and CSRF lines, runserver's and gunicorn's
access lines all pass one filter (duaal/requestlog.py TokenFilter) that redacts the token
segment of every link a mail carries. The e2e run of a learner's link is in
tests/e2e/test_link_e2e.py."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.accounts.links import wachtwoord_link_bouwen
from duaal.requestlog import JsonFormatter, tokens_verbergen
from overeenkomsten.constants import Partij
from overeenkomsten.partijen import link_voor

from . import overeenkomst_screens
from .overeenkomst_screens import Plek, _token, _verstuurd, link_goedkeuren
from .test_geen_insz_in_logs import logs  # noqa: F401 (a fixture)
from .world import World

pytestmark = pytest.mark.django_db

plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture
ROOT = Path(__file__).resolve().parent.parent


def _regels(logs) -> list[str]:  # noqa: F811
    return [JsonFormatter().format(r) for r in logs.records] + [logs.text]


def test_every_mailed_link_kind_is_redacted(world: World, plek: Plek, capture) -> None:
    """The filter knows the path of every link the outbox builds: a new kind of link must add
    its path to TOKEN_PADEN."""
    o = _verstuurd(world, plek, capture)
    user = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    for link in (
        link_voor(o.uitnodigingen.get(partij=Partij.LEERLING)),
        wachtwoord_link_bouwen(user.public_id, timezone.now()),
        settings.PORTAAL_URL
        + reverse("accounts:registratie_link", args=[signing.dumps("x", salt="registratie")]),
    ):
        token = link.rstrip("/").rsplit("/", 1)[1]
        regel = tokens_verbergen(f'"GET {link} HTTP/1.1" 302 "{link}"')
        assert token not in regel and regel.count("[token]") == 2
    # The token-free pages after it keep their paths.
    vrij = f"/link/{uuid.uuid4()}/goedkeuren/ /account/wachtwoord/herstellen/MQ/set-password/"
    vrij += " /account/registreren/bevestigen/"
    assert tokens_verbergen(vrij) == vrij


def test_gone_and_csrf_lines_carry_no_token(world: World, plek: Plek, capture, logs) -> None:  # noqa: F811
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    token = _token(uitnodiging)
    assert link_goedkeuren(Client(), uitnodiging).status_code == 200
    link = reverse("overeenkomsten:link_openen", args=[token])
    # Used: 410, which django.request logs as "Gone: <path>".
    assert Client().get(link).status_code == 410
    # A POST without a CSRF token: django.security.csrf logs "Forbidden (CSRF ...): <path>".
    assert Client(enforce_csrf_checks=True).post(link).status_code == 403
    # A path under the link that does not exist: "Not Found: <path>".
    assert Client().get(link + "niets/").status_code == 404
    berichten = [r.getMessage() for r in logs.records]
    for soort in ("Gone:", "Forbidden (CSRF", "Not Found:"):
        assert [b for b in berichten if b.startswith(soort) and "/goedkeuren/[token]/" in b], soort
    assert not [r for r in _regels(logs) if token in r]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorns_access_log_carries_no_token(tmp_path: Path) -> None:
    """Gunicorn as the Dockerfile starts it (gunicorn.conf.py): the request line and the
    Referer of a personal link are logged without its token."""
    poort = _vrije_poort()
    access = tmp_path / "access.log"
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x").rsplit("/", 1)[
        0
    ]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "duaal.settings.test",
        # The test database, on the server this run uses.
        "DATABASE_URL": f"{server}/{settings.DATABASES['default']['NAME']}",
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "duaal.wsgi:application"]
    proces = subprocess.Popen(
        [*gunicorn, "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{poort}"]
        + ["--workers", "1", "--access-logfile", str(access), "--error-logfile", "-"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    token = f"geheim-{uuid.uuid4().hex}"
    pad = f"/goedkeuren/{token}/"
    try:
        for _ in range(100):
            try:
                verzoek = urllib.request.Request(
                    f"http://127.0.0.1:{poort}{pad}",
                    headers={"Referer": f"http://127.0.0.1:{poort}{pad}", "Host": "localhost"},
                )
                urllib.request.urlopen(verzoek, timeout=5)
            except urllib.error.HTTPError:
                break  # any answer: the line is logged
            except OSError:
                time.sleep(0.1)
            else:
                break
        for _ in range(50):
            if access.exists() and access.read_text():
                break
            time.sleep(0.1)
    finally:
        proces.terminate()
        proces.wait(timeout=10)
    regels = access.read_text()
    assert regels.count("/goedkeuren/[token]/") == 2, regels  # request line and Referer
    assert token not in regels
