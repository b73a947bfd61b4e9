"""Uploads are judged by their content (S5, issue 13): a decompression bomb is "not a readable
image", and a stored file's extension and served Content-Type follow what the file is, never
the name the uploader gave it."""

import struct
import zlib

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.termijnen import vandaag
from duaal.uploads import controleer_bewijsstuk
from mentors.models import Uittreksel

from .world import World

# A PDF by its first bytes, HTML after them: a browser would run it if served as text/html.
PDF_MET_HTML = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def _chunk(soort: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))


def _png_bom(zijde: int = 30000) -> bytes:
    """A few dozen bytes whose header claims 30000 x 30000 pixels (900 megapixels)."""
    kop = struct.pack(">IIBBBBB", zijde, zijde, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", kop)
        + _chunk(b"IDAT", zlib.compress(b""))
        + _chunk(b"IEND", b"")
    )


def _opladen(world: World, bestand: SimpleUploadedFile):
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("mentors:uittreksel_opladen", args=[side.mentor.public_id])
    vandaag_ = vandaag(timezone.now()).strftime("%d/%m/%Y")
    return client.post(url, {"uitgereikt_op": vandaag_, "bestand": bestand})


# Pillow raises above twice its pixel limit (30000 x 30000) and only warns above it (10000 x
# 10000): both are refused.
@pytest.mark.parametrize("zijde", [30000, 10000])
def test_a_decompression_bomb_is_not_a_readable_image(zijde: int) -> None:
    with pytest.raises(ValidationError) as fout:
        controleer_bewijsstuk(SimpleUploadedFile("scan.png", _png_bom(zijde)))
    assert fout.value.code == "onleesbaar"


@pytest.mark.django_db
def test_uploading_a_decompression_bomb_is_refused_on_the_form(world: World) -> None:
    voor = Uittreksel.objects.count()
    response = _opladen(world, SimpleUploadedFile("scan.png", _png_bom(), "image/png"))
    assert response.status_code == 200
    assert response.context["form"].errors["bestand"] == [
        "Deze afbeelding kan niet worden gelezen."
    ]
    assert Uittreksel.objects.count() == voor


def _download(world: World, uittreksel: Uittreksel):
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    return client.get(reverse("mentors:uittreksel_bestand", args=[uittreksel.public_id]))


@pytest.mark.django_db
def test_a_pdf_named_html_is_stored_as_pdf_and_served_as_application_pdf(world: World) -> None:
    response = _opladen(world, SimpleUploadedFile("x.html", PDF_MET_HTML, "text/html"))
    assert response.status_code == 302
    uittreksel = Uittreksel.objects.filter(mentor=world.sides["A"].mentor).latest("created_at")
    assert uittreksel.bestand.name.endswith(".pdf")
    download = _download(world, uittreksel)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert '.pdf"' in download["Content-Disposition"]


@pytest.mark.django_db
def test_a_file_stored_with_a_wrong_extension_is_served_by_its_content(world: World) -> None:
    """Files stored before the name followed the content keep their old name on disk."""
    uittreksel = world.sides["A"].uittreksel
    uittreksel.bestand.name = default_storage.save(
        "uittreksels/oud.html", ContentFile(PDF_MET_HTML)
    )
    uittreksel.save(update_fields=["bestand"])
    download = _download(world, uittreksel)
    assert download["Content-Type"] == "application/pdf"
    assert '.pdf"' in download["Content-Disposition"]


@pytest.mark.django_db
def test_a_file_of_unknown_content_is_served_as_bytes_without_extension(world: World) -> None:
    uittreksel = world.sides["A"].uittreksel
    uittreksel.bestand.name = default_storage.save("uittreksels/x.html", ContentFile(b"<html>"))
    uittreksel.save(update_fields=["bestand"])
    download = _download(world, uittreksel)
    assert download["Content-Type"] == "application/octet-stream"
    assert ".html" not in download["Content-Disposition"]
