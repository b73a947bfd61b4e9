"""S7: no INSZ in the logs. The whole agreements path runs through the screens while every log
record is captured (at DEBUG), and neither the learner's nor the mentor's INSZ, raw or formatted,
may appear in a log line, in a URL or redirect, or in the audit trail.

At DEBUG, django.template logs a failed variable lookup with the repr of the whole context;
this test found the PDF's context leaking the full INSZ that way (now kept out of the
presenter's repr)."""

import json
import logging
from collections.abc import Callable
from functools import partial

import pytest
from stdnum.be import ssn

from django.test import Client
from django.urls import reverse

from duaal.accounts.models import User
from duaal.audit.models import Event
from duaal.requestlog import JsonFormatter
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Leerling, Overeenkomst

from . import overeenkomst_screens
from .overeenkomst_screens import (
    GEGEVENS,
    TRAJ,
    VERT,
    Plek,
    _inhoud,
    _token,
    _vandaag,
    link_openen,
    url,
)
from .support import via_samenvatting
from .world import World

pytestmark = pytest.mark.django_db

# The screens' fixture: side A's establishment, recognised, with a mentor who qualifies.
plek = overeenkomst_screens.plek


class RecordingClient(Client):
    """A test client that notes every URL it asked for and every redirect it was given, and
    runs the on-commit work (PDF, mails) after each request, as a real commit would."""

    def __init__(self, capture: Callable, urls: list[str], user: User | None = None) -> None:
        super().__init__()
        self.capture, self.urls = capture, urls
        if user is not None:
            self.force_login(user)

    def request(self, **request):
        with self.capture(execute=True):
            response = super().request(**request)
        self.urls.append(f"{request['PATH_INFO']}?{request.get('QUERY_STRING', '')}")
        self.urls.append(response.get("Location", ""))
        return response


def spellings(insz: str) -> list[str]:
    return [insz, ssn.format(insz)]


@pytest.fixture
def logs(caplog) -> pytest.LogCaptureFixture:
    """Every record at DEBUG: the root, and each logger that sets a level of its own (django,
    weasyprint, psycopg, ...) or that the brief of S7 names (django.request, celery)."""
    levelled = [
        name
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET
    ]
    for name in [None, "django.request", "celery", *levelled]:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _agreement_through_the_screens(world: World, plek: Plek, client: Callable) -> Overeenkomst:
    """Register, screen, approve and match a learner; draft and send the agreement; approve it
    as employer and coach, then by each personal link (after its PDF); download the PDF."""
    side = world.sides["A"]
    coach, employer, anonymous = client(side.users[TRAJ]), client(side.users[VERT]), client()
    registration = {**GEGEVENS, "opleiding": str(side.opleiding.public_id)}
    assert coach.post(reverse("overeenkomsten:leerling_nieuw"), registration).status_code == 302
    leerling = Leerling.objects.get()
    screening = {"advies": "positief", "advies_door": "klassenraad", "toelichting": "Goed"}
    workplace = {"vestiging": str(side.vestiging.public_id), "intake_op": f"{_vandaag():%d/%m/%Y}"}
    for step, data in (
        ("leerling_screenen", screening),
        ("leerling_goedkeuren", {"arbeidsrijp": "1"}),
        ("werkplek_goedkeuren", workplace),
        ("overeenkomst_opstellen", _inhoud(plek)),
    ):
        assert coach.post(url(step, leerling), data).status_code == 302, step
    o = Overeenkomst.objects.get(leerling=leerling)
    assert via_samenvatting(coach, url("overeenkomst_versturen", o)).status_code == 302
    for approver in (employer, coach):
        assert approver.post(url("overeenkomst_goedkeuren", o), {"versie": 1}).status_code == 302
    for uitnodiging in o.uitnodigingen.all():
        token = _token(uitnodiging)
        sessie = link_openen(anonymous, uitnodiging, token)
        _assert_pdf(anonymous.get(sessie.pdf()))
        assert anonymous.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel}).status_code == 200
        # Used: 410, which django.request logs with the path; once every party signed, the
        # same link opens the signed copy instead.
        signed = Overeenkomst.objects.filter(pk=o.pk, ondertekend_op__isnull=False).exists()
        again = anonymous.get(reverse("overeenkomsten:link_openen", args=[token]))
        assert again.status_code == (302 if signed else 410)
    _assert_pdf(employer.get(url("document_pdf", o.documenten.get())))
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    return o


def _assert_pdf(response) -> None:
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_insz_never_reaches_logs_urls_or_the_audit_trail(
    world: World, plek: Plek, logs, django_capture_on_commit_callbacks
) -> None:
    urls: list[str] = []
    o = _agreement_through_the_screens(
        world, plek, partial(RecordingClient, django_capture_on_commit_callbacks, urls)
    )
    forbidden = spellings(o.leerling.insz) + spellings(plek.toewijzing.mentor.insz)
    assert any(r.name == "django.request" for r in logs.records), "no request was captured"
    lines = [JsonFormatter().format(r) for r in logs.records] + [logs.text]
    assert not [(f, line) for line in lines for f in forbidden if f in line]
    assert len(urls) > 20 and not [(f, u) for u in urls for f in forbidden if f in u]
    events = Event.objects.values_list("before", "after", "note", "object_repr")
    texts = [json.dumps([before, after]) + note + repr_ for before, after, note, repr_ in events]
    assert len(texts) > 5 and not [(f, t) for t in texts for f in forbidden if f in t]
