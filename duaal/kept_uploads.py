"""An upload kept across a failed submit: a form with a valid file and an error elsewhere
stores the file in private storage and gives the page a signed token for it, so the next
submit without a new file uses the kept one.

The token names a server-chosen storage name and the name the user gave the file (shown,
never used as a path). It is signed with the owner (the user and their session) in the salt:
another user or session cannot use it, and it stops working after KEPT_UPLOAD_MAX_AGE. The
beat sweep `kept_uploads_opruimen` deletes kept files older than that, used or not: the
service that takes a file stores its own copy under its own name."""

import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core import signing
from django.core.files.storage import Storage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.crypto import salted_hmac

from duaal.uploads import CONTENT_TYPES, MAX_BYTES, private_naam, soort_van
from duaal.workflow import system_sweep

KEPT_MAP = "bewaard"
_SALT = "duaal.kept-upload"


@dataclass(frozen=True)
class KeptUpload:
    """A kept file: its token for the hidden field and the name to show."""

    token: str
    naam: str


def owner_of(user_pk: object, session_key: str | None) -> str:
    """Who a kept file belongs to: this user in this session (a digest, never shown)."""
    return salted_hmac(_SALT, f"{user_pk}:{session_key or ''}").hexdigest()


def _shown_name(naam: str | None) -> str:
    # Only the last part of whatever the browser sent, and not too long to show.
    return (PurePath((naam or "").replace("\\", "/")).name or "bestand")[:120]


def keep(bestand: UploadedFile, *, naam: str | None, owner: str) -> KeptUpload:
    """Store a checked upload under a server-chosen name and sign a token for `owner`."""
    bestand.seek(0)
    opgeslagen = default_storage.save(private_naam(KEPT_MAP, bestand.name or ""), bestand)
    bestand.seek(0)
    shown = _shown_name(naam)
    token = signing.dumps({"n": opgeslagen, "o": shown}, salt=f"{_SALT}:{owner}", compress=True)
    return KeptUpload(token=token, naam=shown)


def load(token: str, *, owner: str) -> tuple[UploadedFile, KeptUpload] | None:
    """The kept file for a token of this owner, as a fresh upload; None when the token is
    forged, another owner's, expired, or its file is gone."""
    try:
        data = signing.loads(
            token,
            salt=f"{_SALT}:{owner}",
            max_age=settings.KEPT_UPLOAD_MAX_AGE,
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    opgeslagen, shown = str(data.get("n", "")), _shown_name(data.get("o"))
    if posixpath.dirname(opgeslagen) != KEPT_MAP:
        return None  # signed by us, so never; but a path outside the map is never opened
    try:
        with default_storage.open(opgeslagen, "rb") as handle:
            inhoud = handle.read(MAX_BYTES + 1)
            soort = soort_van(handle) or ""
    except (FileNotFoundError, OSError):
        return None
    bestand = SimpleUploadedFile(
        shown, inhoud, content_type=CONTENT_TYPES.get(soort, "application/octet-stream")
    )
    return bestand, KeptUpload(token=token, naam=shown)


def _kept_files(storage: Storage) -> list[str]:
    try:
        _mappen, bestanden = storage.listdir(KEPT_MAP)
    except FileNotFoundError:
        return []  # nothing kept yet
    return [posixpath.join(KEPT_MAP, naam) for naam in bestanden]


@system_sweep
def kept_uploads_opruimen(*, now: datetime) -> int:
    """Delete kept files older than their token's lifetime. Idempotent: a deleted file is not
    listed again; a younger one may still be used by a page someone is correcting."""
    grens = now - settings.KEPT_UPLOAD_MAX_AGE
    aantal = 0
    for naam in _kept_files(default_storage):
        try:
            if default_storage.get_modified_time(naam) >= grens:
                continue
            default_storage.delete(naam)
        except FileNotFoundError:
            continue  # deleted meanwhile by a concurrent run
        aantal += 1
    return aantal
