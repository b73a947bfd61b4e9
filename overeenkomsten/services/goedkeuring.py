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

from duaal import workflow
from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.meldingen.links import PLAATSHOUDER, LinkVerwijzing
from duaal.termijnen import leeftijd_op, vandaag
from duaal.uploads import controleer_bewijsstuk
from duaal.workflow import Refusals
from erkenning.selectors import mag_overeenkomst_starten
from overeenkomsten.constants import (
    BEVESTIGING_TELT,
    LINK_GELDIG_DAGEN,
    OVEREENKOMST_OVERGANGEN,
    PARTIJEN_MET_LINK,
    UITNODIGING_LINK,
    Bevestiging,
    GoedkeuringWijze,
    OvereenkomstStatus,
    Partij,
)
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging
from overeenkomsten.selectors import werkgever_heeft_aanvaard

from .common import (
    andere_partij_weigering,
    coach_vereist,
    coaches,
    is_lid,
    leerling_en_mentor_vergrendelen,
    melden,
    mentor_plaats_weigering,
    overgang,
    werkgevers,
)
from .document import pdf_na_aanvaarding
from .opstellen import Bezwaren, pdf_na_commit

LINK_SALT = "overeenkomsten.uitnodiging"


def vereiste_partijen(overeenkomst: Overeenkomst) -> list[str]:
    partijen = [Partij.WERKGEVER, Partij.SCHOOL, Partij.LEERLING]
    if overeenkomst.met_vertegenwoordiger:
        partijen.append(Partij.VERTEGENWOORDIGER)
    return partijen


def link_voor(uitnodiging: Uitnodiging) -> str:
    """The personal link, built when the mail is delivered; the outbox stores only a reference
    to the invitation (UITNODIGING_LINK)."""
    token = signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)
    return settings.PORTAAL_URL + reverse("overeenkomsten:link_openen", args=[token])


def _uitnodigen(overeenkomst: Overeenkomst, partij: str, *, now: datetime) -> Uitnodiging:
    leerling = overeenkomst.leerling
    e_mail = leerling.e_mail if partij == Partij.LEERLING else leerling.vertegenwoordiger_e_mail
    uitnodiging, _nieuw = Uitnodiging.objects.update_or_create(
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        partij=partij,
        defaults={"e_mail": e_mail, "geldig_tot": now + dt.timedelta(days=LINK_GELDIG_DAGEN)},
    )
    # The token is not stored: the row names the invitation, delivery builds the link.
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
            "link": PLAATSHOUDER,
        },
        e_mails=[e_mail],
        link=LinkVerwijzing(soort=UITNODIGING_LINK, public_id=uitnodiging.public_id),
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


def _wacht_op_bevestiging(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    voor = overeenkomst.status
    if voor == OvereenkomstStatus.TE_BEVESTIGEN:
        return
    overgang(
        voor,
        OvereenkomstStatus.TE_BEVESTIGEN,
        OVEREENKOMST_OVERGANGEN,
        overeenkomst.get_status_display(),
    )
    overeenkomst.status = OvereenkomstStatus.TE_BEVESTIGEN
    overeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.te_bevestigen",
        door=None,
        organisatie=overeenkomst.onderwijsinstelling,
        before={"status": voor},
        after={"status": overeenkomst.status, "versie": overeenkomst.versie},
        now=now,
    )


def _ondertekenen_als_volledig(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    """Sign once every required party has an approval that binds it. Nobody is bound without
    acting: while a signature recorded for a party still awaits that party's confirmation (or
    the partnership's verification), the agreement awaits confirmation, binds nobody and does
    not count toward the mentor's cap (R40)."""
    bevestigingen = dict(
        overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .values_list("partij", "bevestiging")
    )
    if not set(vereiste_partijen(overeenkomst)) <= set(bevestigingen):
        return
    if not set(bevestigingen.values()) <= set(BEVESTIGING_TELT):
        _wacht_op_bevestiging(overeenkomst, now=now)
        return
    voor = overeenkomst.status
    overgang(
        voor,
        OvereenkomstStatus.ONDERTEKEND,
        OVEREENKOMST_OVERGANGEN,
        overeenkomst.get_status_display(),
    )
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
        before={"status": voor},
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
    bevestiging: str = Bevestiging.EIGEN,
) -> Goedkeuring:
    """Store one party's approval of the current version. `bevestiging`: the party's own act
    (EIGEN) binds it; one recorded for it by someone else awaits its confirmation."""
    if overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING:
        raise OvereenkomstFout(_("This agreement is not awaiting approval."))
    if partij not in vereiste_partijen(overeenkomst):
        raise OvereenkomstFout(_("This party does not sign this agreement."))
    aanvaarding = (
        partij == Partij.WERKGEVER
        and bevestiging in BEVESTIGING_TELT
        and not werkgever_heeft_aanvaard(overeenkomst)
    )
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
                bevestiging=bevestiging,
            )
    except IntegrityError:
        raise OvereenkomstFout(_("This party already approved this version.")) from None
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.goedgekeurd",
        door=door,
        organisatie=None,
        after={
            "partij": partij,
            "versie": overeenkomst.versie,
            "wijze": wijze,
            "bevestiging": bevestiging,
        },
        note=naam,
        now=now,
    )
    if aanvaarding:
        pdf_na_aanvaarding(overeenkomst)
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
    # One person never acts for two parties: whoever drafted it or proposed its learner acted
    # for the school and cannot approve it for the employer.
    if (weigering := andere_partij_weigering(door, overeenkomst, partij)) is not None:
        raise OvereenkomstFout(weigering)
    # The employer's approval makes the agreement count toward the mentor's cap (R40) when no
    # accepted proposal did already: the cap guard runs again now (learner, then mentor lock).
    if partij == Partij.WERKGEVER and not werkgever_heeft_aanvaard(overeenkomst):
        if (vol := mentor_plaats_weigering(overeenkomst)) is not None:
            raise OvereenkomstFout(vol)
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
        or not _link_werkt(uitnodiging, overeenkomst)
    ):
        raise OngeldigeLink
    return uitnodiging


def te_bevestigen_van(overeenkomst: Overeenkomst, partij: str) -> Goedkeuring | None:
    """The signature recorded for `partij` on the current version that awaits its
    confirmation, if any."""
    return overeenkomst.goedkeuringen.filter(
        versie=overeenkomst.versie, partij=partij, bevestiging=Bevestiging.TE_BEVESTIGEN
    ).first()


def _link_werkt(uitnodiging: Uitnodiging, overeenkomst: Overeenkomst) -> bool:
    """The link's holder still has something to do with this version: approve it, or
    confirm (or dispute) a signature on paper recorded in their name."""
    if uitnodiging.versie != overeenkomst.versie:
        return False
    if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING:
        return True
    return (
        overeenkomst.status == OvereenkomstStatus.TE_BEVESTIGEN
        and te_bevestigen_van(overeenkomst, uitnodiging.partij) is not None
    )


def link_claimen(token: str, *, now: datetime) -> tuple[Uitnodiging, Overeenkomst]:
    """Check a personal link, lock its agreement and use the link up (once). Must run inside
    the caller's transaction."""
    uitnodiging = uitnodiging_uit_link(token, now=now)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=uitnodiging.overeenkomst_id)
    # The link was checked before the lock: a change committed in between made a new version,
    # and this link must not approve a version its holder never saw.
    if not _link_werkt(uitnodiging, overeenkomst):
        raise OngeldigeLink
    # Claim the link: a double click or a replayed link approves once.
    if not Uitnodiging.objects.filter(pk=uitnodiging.pk, gebruikt_op__isnull=True).update(
        gebruikt_op=now
    ):
        raise OngeldigeLink
    return uitnodiging, overeenkomst


@transaction.atomic
def goedkeuren_via_link(*, token: str, now: datetime | None = None) -> Goedkeuring:
    """The learner or the legal representative approves through their personal link. When a
    signature on paper was recorded in their name, approving is confirming it."""
    # Imported here: the confirmation services build on this module.
    from .bevestiging import bevestiging_vastleggen

    now = now or timezone.now()
    uitnodiging, overeenkomst = link_claimen(token, now=now)
    if (opgenomen := te_bevestigen_van(overeenkomst, uitnodiging.partij)) is not None:
        return bevestiging_vastleggen(opgenomen, overeenkomst, door=None, now=now)
    leerling = overeenkomst.leerling
    naam = (
        str(leerling) if uitnodiging.partij == Partij.LEERLING else leerling.vertegenwoordiger_naam
    )
    return _goedkeuring_vastleggen(
        overeenkomst, partij=uitnodiging.partij, naam=naam, door=None, now=now
    )


def _heeft_goedgekeurd(overeenkomst: Overeenkomst, partij: str) -> bool:
    # A disputed (void) signature leaves the party free to approve.
    return (
        overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie, partij=partij)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .exists()
    )


def kan_op_papier_vastleggen(
    overeenkomst: Overeenkomst, *, partij: str, door: User, now: datetime
) -> Refusals:
    """Every reason why this coach may not record `partij`'s signature on paper now."""
    return workflow.refusals(
        workflow.refuse_if(
            not is_lid(door, overeenkomst.onderwijsinstelling_id, Rol.TRAJECTBEGELEIDER),
            _("Only a trajectory coach of the learner's school can do this."),
        ),
        workflow.refuse_if(
            overeenkomst.status != OvereenkomstStatus.TER_GOEDKEURING,
            _("This agreement is not awaiting approval."),
        ),
        workflow.refuse_if(
            partij not in vereiste_partijen(overeenkomst),
            _("This party does not sign this agreement."),
        ),
        workflow.refuse_if(
            _heeft_goedgekeurd(overeenkomst, partij),
            _("This party already approved this version."),
        ),
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
    one): "signed outside the portal". For the school that is its own act; for any other party
    it binds only once that party confirms it (or the partnership verifies it), and the party
    is asked at once."""
    # Imported here: the confirmation services build on this module.
    from .bevestiging import bevestiging_vragen

    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    workflow.refuse_unless(
        kan_op_papier_vastleggen(overeenkomst, partij=partij, door=door, now=now)
    )
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
    goedkeuring = _goedkeuring_vastleggen(
        overeenkomst,
        partij=partij,
        naam=naam,
        door=door,
        now=now,
        wijze=GoedkeuringWijze.PAPIER,
        scan=scan,
        bevestiging=(Bevestiging.EIGEN if partij == Partij.SCHOOL else Bevestiging.TE_BEVESTIGEN),
    )
    if goedkeuring.bevestiging == Bevestiging.TE_BEVESTIGEN:
        bevestiging_vragen(goedkeuring, now=now)
    return goedkeuring


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
    if _heeft_goedgekeurd(overeenkomst, partij):
        raise OvereenkomstFout(_("This party already approved this version."))
    # A new row (new public id) makes every earlier link for this version invalid.
    Uitnodiging.objects.filter(
        overeenkomst=overeenkomst, versie=overeenkomst.versie, partij=partij
    ).delete()
    return _uitnodigen(overeenkomst, partij, now=now)
