"""Tripartite approval: employer, school and learner (and the legal representative of a minor)
approve the current version; a party may sign on paper instead (R59, R61)."""

import datetime as dt
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.termijnen import leeftijd_op, vandaag
from duaal.uploads import controleer_bewijsstuk
from erkenning.selectors import mag_overeenkomst_starten
from overeenkomsten.constants import (
    LINK_GELDIG_DAGEN,
    OVEREENKOMST_OVERGANGEN,
    PARTIJEN_MET_LINK,
    GoedkeuringWijze,
    OvereenkomstStatus,
    Partij,
)
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging

from .common import (
    coach_vereist,
    coaches,
    is_lid,
    leerling_en_mentor_vergrendelen,
    melden,
    overgang,
    werkgevers,
)
from .opstellen import Bezwaren, pdf_na_commit

LINK_SALT = "overeenkomsten.uitnodiging"


def vereiste_partijen(overeenkomst: Overeenkomst) -> list[str]:
    partijen = [Partij.WERKGEVER, Partij.SCHOOL, Partij.LEERLING]
    if overeenkomst.met_vertegenwoordiger:
        partijen.append(Partij.VERTEGENWOORDIGER)
    return partijen


def link_voor(uitnodiging: Uitnodiging) -> str:
    token = signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)
    return settings.PORTAAL_URL + reverse("overeenkomsten:link_goedkeuren", args=[token])


def _uitnodigen(overeenkomst: Overeenkomst, partij: str, *, now: datetime) -> Uitnodiging:
    leerling = overeenkomst.leerling
    e_mail = leerling.e_mail if partij == Partij.LEERLING else leerling.vertegenwoordiger_e_mail
    uitnodiging, _nieuw = Uitnodiging.objects.update_or_create(
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        partij=partij,
        defaults={"e_mail": e_mail, "geldig_tot": now + dt.timedelta(days=LINK_GELDIG_DAGEN)},
    )
    melden(
        f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:link:{partij}:{now:%Y%m%d%H%M%S}",
        [],
        _("Please approve your dual-learning agreement"),
        _(
            "The agreement with %(onderneming)s for %(opleiding)s is ready. Read it and approve it "
            "through this personal link, valid until %(d)s:\n%(link)s"
        )
        % {
            "onderneming": overeenkomst.onderneming,
            "opleiding": overeenkomst.opleiding,
            "d": uitnodiging.geldig_tot.strftime("%d/%m/%Y"),
            "link": link_voor(uitnodiging),
        },
        e_mails=[e_mail],
    )
    return uitnodiging


def _partijen_uitnodigen(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    for partij in vereiste_partijen(overeenkomst):
        if partij in PARTIJEN_MET_LINK:
            _uitnodigen(overeenkomst, partij, now=now)


@transaction.atomic
def overeenkomst_versturen(
    *, overeenkomst: Overeenkomst, door: User, now: datetime | None = None
) -> Overeenkomst:
    """Send the draft to the parties: every guard again, the timetable included."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    coach_vereist(door, overeenkomst.onderwijsinstelling_id)
    overgang(
        overeenkomst.status,
        OvereenkomstStatus.TER_GOEDKEURING,
        OVEREENKOMST_OVERGANGEN,
        overeenkomst.get_status_display(),
    )
    # Sending makes the agreement occupy the learner (overlap, R48) and the mentor (cap, R40).
    leerling_en_mentor_vergrendelen(overeenkomst)
    controle = controleren_overeenkomst(overeenkomst)
    if controle.fouten:
        raise Bezwaren(controle.fouten)
    overeenkomst.status = OvereenkomstStatus.TER_GOEDKEURING
    overeenkomst.verstuurd_op = now
    overeenkomst.met_vertegenwoordiger = (
        leeftijd_op(overeenkomst.leerling.geboortedatum, vandaag(now)) < 18
    )
    overeenkomst.save()
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.verstuurd",
        door=door,
        organisatie=overeenkomst.onderwijsinstelling,
        before={"status": OvereenkomstStatus.ONTWERP},
        after={"status": overeenkomst.status, "versie": overeenkomst.versie},
        now=now,
    )
    _partijen_uitnodigen(overeenkomst, now=now)
    melden(
        f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:werkgever",
        werkgevers(overeenkomst.onderneming_id),
        _("An agreement awaits your approval"),
        _("%(school)s sent the agreement %(overeenkomst)s for approval.")
        % {"school": overeenkomst.onderwijsinstelling, "overeenkomst": overeenkomst},
    )
    pdf_na_commit(overeenkomst)
    return overeenkomst


def nieuwe_versie_voorleggen(
    overeenkomst: Overeenkomst, *, gewijzigd: list[str], now: datetime
) -> None:
    """After a substantive change: new links, new PDF, and every party hears what changed."""
    _partijen_uitnodigen(overeenkomst, now=now)
    leerling = overeenkomst.leerling
    e_mails = [leerling.e_mail] + (
        [leerling.vertegenwoordiger_e_mail] if overeenkomst.met_vertegenwoordiger else []
    )
    melden(
        f"overeenkomst:{overeenkomst.pk}:v{overeenkomst.versie}:gewijzigd",
        werkgevers(overeenkomst.onderneming_id) + coaches(overeenkomst.onderwijsinstelling_id),
        _("The agreement changed: approve it again"),
        _(
            "The agreement %(overeenkomst)s changed (%(wat)s). Every approval was reset; "
            "please read version %(versie)s and approve it again."
        )
        % {
            "overeenkomst": overeenkomst,
            "wat": ", ".join(gewijzigd),
            "versie": overeenkomst.versie,
        },
        e_mails=e_mails,
    )
    pdf_na_commit(overeenkomst)


def _ondertekenen_als_volledig(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    goedgekeurd = set(
        overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie).values_list(
            "partij", flat=True
        )
    )
    if not set(vereiste_partijen(overeenkomst)) <= goedgekeurd:
        return
    # The recognition may have ended while the parties were approving (R24): no signature then.
    mag, reden = mag_overeenkomst_starten(
        overeenkomst.vestiging, overeenkomst.opleiding, op=overeenkomst.start
    )
    if not mag:
        raise OvereenkomstFout(
            _("The agreement cannot be signed: %(reden)s The coach will contact you.")
            % {"reden": reden}
        )
    overeenkomst.status = OvereenkomstStatus.ONDERTEKEND
    overeenkomst.ondertekend_op = now
    overeenkomst.save(update_fields=["status", "ondertekend_op", "updated_at"])
    # R48: the learner has an agreement; the 20-training-day window closes.
    leerling = overeenkomst.leerling
    leerling.overeenkomst_uiterlijk = None
    leerling.termijn_herinnerd_op = None
    leerling.termijn_verstreken_op = None
    leerling.save(
        update_fields=[
            "overeenkomst_uiterlijk",
            "termijn_herinnerd_op",
            "termijn_verstreken_op",
            "updated_at",
        ]
    )
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.ondertekend",
        door=None,
        organisatie=overeenkomst.onderwijsinstelling,
        before={"status": OvereenkomstStatus.TER_GOEDKEURING},
        after={"status": overeenkomst.status, "versie": overeenkomst.versie},
        now=now,
    )
    melden(
        f"overeenkomst:{overeenkomst.pk}:ondertekend",
        werkgevers(overeenkomst.onderneming_id) + coaches(overeenkomst.onderwijsinstelling_id),
        _("Agreement signed"),
        _("Every party approved %(overeenkomst)s. It starts on %(d)s.")
        % {"overeenkomst": overeenkomst, "d": overeenkomst.start.strftime("%d/%m/%Y")},
    )


def _goedkeuring_vastleggen(
    overeenkomst: Overeenkomst,
    *,
    partij: str,
    naam: str,
    door: User | None,
    now: datetime,
    wijze: str = GoedkeuringWijze.PORTAAL,
    scan: UploadedFile | None = None,
) -> Goedkeuring:
    if overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING:
        raise OvereenkomstFout(_("This agreement is not awaiting approval."))
    if partij not in vereiste_partijen(overeenkomst):
        raise OvereenkomstFout(_("This party does not sign this agreement."))
    try:
        with transaction.atomic():
            goedkeuring = Goedkeuring.objects.create(
                overeenkomst=overeenkomst,
                versie=overeenkomst.versie,
                partij=partij,
                naam=naam,
                door=door,
                op=now,
                wijze=wijze,
                scan=scan or "",
            )
    except IntegrityError:
        raise OvereenkomstFout(_("This party already approved this version.")) from None
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.goedgekeurd",
        door=door,
        organisatie=None,
        after={"partij": partij, "versie": overeenkomst.versie, "wijze": wijze},
        note=naam,
        now=now,
    )
    _ondertekenen_als_volledig(overeenkomst, now=now)
    return goedkeuring


def _gelezen_versie(overeenkomst: Overeenkomst, versie: int) -> None:
    if versie != overeenkomst.versie:
        raise OvereenkomstFout(
            _("The agreement changed since you opened it. Read version %(v)s and approve that.")
            % {"v": overeenkomst.versie}
        )


@transaction.atomic
def overeenkomst_goedkeuren(
    *, overeenkomst: Overeenkomst, versie: int, door: User, now: datetime | None = None
) -> Goedkeuring:
    """The employer's representative or the school's coach approves the version they read."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    _gelezen_versie(overeenkomst, versie)
    if is_lid(door, overeenkomst.onderneming_id, Rol.VERTEGENWOORDIGER):
        partij = Partij.WERKGEVER
    elif is_lid(door, overeenkomst.onderwijsinstelling_id, Rol.TRAJECTBEGELEIDER):
        partij = Partij.SCHOOL
    else:
        raise OvereenkomstFout(
            _("Only the employer's representative or the school's coach approve here.")
        )
    return _goedkeuring_vastleggen(
        overeenkomst, partij=partij, naam=door.naam or door.email, door=door, now=now
    )


def uitnodiging_uit_link(token: str, *, now: datetime | None = None) -> Uitnodiging:
    """The invitation a personal link names, if it is still good; else OngeldigeLink."""
    now = now or timezone.now()
    try:
        public_id = signing.loads(
            token, salt=LINK_SALT, max_age=dt.timedelta(days=LINK_GELDIG_DAGEN)
        )
        uitnodiging = Uitnodiging.objects.select_related("overeenkomst").get(public_id=public_id)
    except (signing.BadSignature, Uitnodiging.DoesNotExist, ValueError):
        raise OngeldigeLink from None
    overeenkomst = uitnodiging.overeenkomst
    if (
        uitnodiging.gebruikt_op is not None
        or uitnodiging.geldig_tot < now
        or uitnodiging.versie != overeenkomst.versie
        or overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING
    ):
        raise OngeldigeLink
    return uitnodiging


@transaction.atomic
def goedkeuren_via_link(*, token: str, now: datetime | None = None) -> Goedkeuring:
    """The learner or the legal representative approves through their personal link."""
    now = now or timezone.now()
    uitnodiging = uitnodiging_uit_link(token, now=now)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=uitnodiging.overeenkomst_id)
    # The link was checked before the lock: a change committed in between made a new version,
    # and this link must not approve a version its holder never saw.
    if (
        uitnodiging.versie != overeenkomst.versie
        or overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING
    ):
        raise OngeldigeLink
    # Claim the link: a double click or a replayed link approves once.
    if not Uitnodiging.objects.filter(pk=uitnodiging.pk, gebruikt_op__isnull=True).update(
        gebruikt_op=now
    ):
        raise OngeldigeLink
    leerling = overeenkomst.leerling
    naam = (
        str(leerling) if uitnodiging.partij == Partij.LEERLING else leerling.vertegenwoordiger_naam
    )
    return _goedkeuring_vastleggen(
        overeenkomst, partij=uitnodiging.partij, naam=naam, door=None, now=now
    )


@transaction.atomic
def goedkeuring_op_papier(
    *,
    overeenkomst: Overeenkomst,
    partij: str,
    naam: str,
    scan: UploadedFile,
    door: User,
    versie: int | None = None,
    now: datetime | None = None,
) -> Goedkeuring:
    """The coach uploads a party's wet-signed scan of version `versie` (default: the current
    one): "signed outside the portal"."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    coach_vereist(door, overeenkomst.onderwijsinstelling_id)
    if versie is not None:
        _gelezen_versie(overeenkomst, versie)
    naam = (naam or "").strip()
    if not naam:
        raise OvereenkomstFout(_("Give the name of the person who signed."))
    try:
        soort = controleer_bewijsstuk(scan)
    except ValidationError as fout:
        raise OvereenkomstFout(" ".join(fout.messages)) from None
    scan.name = f"scan.{soort}"
    return _goedkeuring_vastleggen(
        overeenkomst,
        partij=partij,
        naam=naam,
        door=door,
        now=now,
        wijze=GoedkeuringWijze.PAPIER,
        scan=scan,
    )


@transaction.atomic
def uitnodiging_opnieuw_versturen(
    *, overeenkomst: Overeenkomst, partij: str, door: User, now: datetime | None = None
) -> Uitnodiging:
    """A new link for a learner whose link expired or got lost; the old one stops working."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    coach_vereist(door, overeenkomst.onderwijsinstelling_id)
    if overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING:
        raise OvereenkomstFout(_("This agreement is not awaiting approval."))
    if partij not in PARTIJEN_MET_LINK or partij not in vereiste_partijen(overeenkomst):
        raise OvereenkomstFout(_("This party does not approve through a link."))
    if overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie, partij=partij).exists():
        raise OvereenkomstFout(_("This party already approved this version."))
    # A new row (new public id) makes every earlier link for this version invalid.
    Uitnodiging.objects.filter(
        overeenkomst=overeenkomst, versie=overeenkomst.versie, partij=partij
    ).delete()
    return _uitnodigen(overeenkomst, partij, now=now)
