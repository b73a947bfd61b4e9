"""Shared test helpers: evidence files, moments and typed dates, members and actors, the audit
verbs of an object, queued notifications."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from duaal.accounts.actor import SYSTEM, Actor, actor_for
from duaal.accounts.models import User
from duaal.audit.models import Event
from duaal.meldingen.constants import MeldingStatus
from duaal.meldingen.models import Melding
from duaal.organisaties.models import Organisatie
from tests.factories import MembershipFactory, UserFactory

BRUSSEL = ZoneInfo("Europe/Brussels")

KLEINE_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def moment(dag: dt.date, uur: int = 10) -> dt.datetime:
    """`now` for a service: that day at `uur` o'clock in Brussels."""
    return dt.datetime.combine(dag, dt.time(uur), tzinfo=BRUSSEL)


def getypt(dag: dt.date) -> str:
    """A date as a user types it in a form: day first."""
    return dag.strftime("%d/%m/%Y")


def pdf(naam: str = "uittreksel.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, KLEINE_PDF, content_type="application/pdf")


def png(naam: str = "foto.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(naam, buffer.getvalue(), content_type="image/png")


def exe_als_pdf() -> SimpleUploadedFile:
    """A Windows executable renamed to x.pdf (S5: recognised by content, not by name)."""
    return SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/pdf")


def te_grote_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))


def lid(organisatie: Organisatie, rol: str, **kwargs) -> User:
    """A user acting for `organisatie` in `rol` (`kwargs` for the user, e.g. `naam`)."""
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, organisatie=organisatie, rol=rol)
    return user


def actor_van(organisatie: Organisatie, rol: str) -> Actor:
    return actor_for(lid(organisatie, rol))


def als(user: User | None, organisatie: Organisatie | None = None) -> Actor:
    """The actor a test passes to a service: `user` acting under its membership of
    `organisatie` (its first active membership when not given); None is the system."""
    if user is None:
        return SYSTEM
    membership = None
    if organisatie is not None:
        membership = user.memberships.get(organisatie=organisatie, actief=True)
    return actor_for(user, membership)


def verbs(obj) -> list[str]:
    """The audit verbs recorded for one object, oldest first."""
    return list(
        Event.objects.filter(
            object_id=obj.pk,
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
        )
        .order_by("at", "id")
        .values_list("verb", flat=True)
    )


def in_wachtrij(onderwerp: str, e_mail: str = "f@voorbeeld.be") -> Melding:
    """A notification waiting in the outbox."""
    return Melding.objects.create(
        event_key=onderwerp, e_mail=e_mail, onderwerp=onderwerp, tekst="T"
    )


def verzonden(melding: Melding) -> bool:
    melding.refresh_from_db()
    return melding.status == MeldingStatus.VERZONDEN


def via_samenvatting(client, url: str, data: dict | None = None):
    """POST the final action from its check-your-answers page, as the browser does: the page
    is read first and its fingerprint sent along (duaal/samenvatting.py)."""
    page = client.get(url)
    sleutel = page.context["sleutel"]
    return client.post(url, {**(data or {}), "samenvatting": sleutel})
