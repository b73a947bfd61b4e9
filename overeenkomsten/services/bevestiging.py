"""Nobody is bound without acting: a signature on paper that the coach recorded for another
party (the employer, the learner, the legal representative) binds that party only once it
confirms it, in the portal or through its personal link, or once the competent partnership
verifies the scan. "This is not ours" voids it: the agreement awaits approval again, the
partnership is alerted and the coach told. A daily sweep asks every party whose confirmation
was never requested (the signatures the data migration marked)."""

import datetime as dt
import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal import workflow
from duaal.accounts import permissions as perms
from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.accounts.permissions import rol_heeft
from duaal.accounts.selectors import gebruikers_van
from duaal.audit.services import audit_record
from duaal.meldingen.links import PLAATSHOUDER, LinkVerwijzing
from duaal.workflow import Refusals
from overeenkomsten.constants import (
    LINK_GELDIG_DAGEN,
    OVEREENKOMST_OVERGANGEN,
    UITNODIGING_LINK,
    Bevestiging,
    OvereenkomstStatus,
    Partij,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging
from overeenkomsten.selectors import werkgever_heeft_aanvaard

from .common import (
    andere_partij_weigering,
    melden,
    mentor_plaats_weigering,
    overgang,
    partijen_van_persoon,
    verplicht,
)
from .document import pdf_na_aanvaarding
from .goedkeuring import _ondertekenen_als_volledig, link_claimen, te_bevestigen_van

logger = logging.getLogger(__name__)

# Answered while the agreement still awaits approval or confirmation of this version.
_OPEN = (OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.TE_BEVESTIGEN)


def _mag(door: User, organisatie_id: int, permissie: str) -> bool:
    """Whether one of `door`'s active roles at the organisation holds the permission."""
    rollen = Membership.objects.filter(
        user=door, organisatie_id=organisatie_id, actief=True
    ).values_list("rol", flat=True)
    return any(rol_heeft(rol, permissie) for rol in rollen)


def _pagina(overeenkomst: Overeenkomst) -> str:
    return settings.PORTAAL_URL + overeenkomst.get_absolute_url()


def _partnerschap_id(overeenkomst: Overeenkomst) -> int:
    return overeenkomst.opleiding.partnerschap_id


# Asking the party.


def _werkgever_vragen(goedkeuring: Goedkeuring, overeenkomst: Overeenkomst) -> None:
    for werkgever in gebruikers_van(overeenkomst.onderneming_id, Rol.VERTEGENWOORDIGER):
        melden(
            f"goedkeuring:{goedkeuring.pk}:bevestigen",
            [werkgever],
            _("Confirm a signature recorded for your enterprise"),
            _(
                "Dear %(naam)s,\n\n"
                "On %(d)s the school %(school)s recorded that %(ondertekenaar)s signed the "
                "agreement %(overeenkomst)s on paper for %(onderneming)s. It binds your "
                "enterprise only once you confirm it.\n\n"
                "Open the agreement, read the scan and confirm the signature, or answer "
                '"this is not ours" with the reason, before %(start)s, the day the agreement '
                "would start:\n%(link)s"
            )
            % {
                "naam": werkgever.naam or werkgever.email,
                "d": goedkeuring.op.strftime("%d/%m/%Y"),
                "school": overeenkomst.onderwijsinstelling,
                "ondertekenaar": goedkeuring.naam,
                "overeenkomst": overeenkomst,
                "onderneming": overeenkomst.onderneming,
                "start": overeenkomst.start.strftime("%d/%m/%Y"),
                "link": _pagina(overeenkomst),
            },
        )


def _via_link_vragen(goedkeuring: Goedkeuring, overeenkomst: Overeenkomst, now: datetime) -> None:
    """A fresh personal link (the earlier one stops working), mailed by reference."""
    leerling = overeenkomst.leerling
    if goedkeuring.partij == Partij.LEERLING:
        naam, e_mail = str(leerling), leerling.e_mail
    else:
        naam, e_mail = leerling.vertegenwoordiger_naam, leerling.vertegenwoordiger_e_mail
    Uitnodiging.objects.filter(
        overeenkomst=overeenkomst, versie=goedkeuring.versie, partij=goedkeuring.partij
    ).delete()
    uitnodiging = Uitnodiging.objects.create(
        overeenkomst=overeenkomst,
        versie=goedkeuring.versie,
        partij=goedkeuring.partij,
        e_mail=e_mail,
        geldig_tot=now + dt.timedelta(days=LINK_GELDIG_DAGEN),
    )
    melden(
        f"goedkeuring:{goedkeuring.pk}:bevestigen:{now:%Y%m%d%H%M%S}",
        [],
        _("Confirm your signature on the dual-learning agreement"),
        _(
            "Dear %(naam)s,\n\n"
            "On %(d)s the school %(school)s recorded that you signed the agreement with "
            "%(onderneming)s for %(opleiding)s on paper. It counts only once you confirm it.\n\n"
            "Open your personal link, read the agreement and confirm your signature, or tell "
            "us it is not yours, by %(tot)s:\n%(link)s"
        )
        % {
            "naam": naam,
            "d": goedkeuring.op.strftime("%d/%m/%Y"),
            "school": overeenkomst.onderwijsinstelling,
            "onderneming": overeenkomst.onderneming,
            "opleiding": overeenkomst.opleiding,
            "tot": uitnodiging.geldig_tot.strftime("%d/%m/%Y"),
            "link": PLAATSHOUDER,
        },
        e_mails=[e_mail],
        link=LinkVerwijzing(soort=UITNODIGING_LINK, public_id=uitnodiging.public_id),
    )


def bevestiging_vragen(goedkeuring: Goedkeuring, *, now: datetime) -> None:
    """Ask the party a recorded signature names to confirm it: the employer's representatives
    by mail, the learner or legal representative through a fresh personal link. Must run inside
    the caller's transaction, under the agreement's lock."""
    overeenkomst = goedkeuring.overeenkomst
    if goedkeuring.partij == Partij.WERKGEVER:
        _werkgever_vragen(goedkeuring, overeenkomst)
    else:
        _via_link_vragen(goedkeuring, overeenkomst, now)
    goedkeuring.bevestiging_gevraagd_op = now
    goedkeuring.save(update_fields=["bevestiging_gevraagd_op", "updated_at"])


def handtekeningen_bevestiging_vragen(*, now: datetime | None = None) -> int:
    """Daily sweep: ask every party whose signature awaits its confirmation but was never
    asked (the signatures marked by the data migration), while its agreement still awaits
    approval or confirmation of that version (an ended one has nothing left to confirm).
    Idempotent: an asked signature has `bevestiging_gevraagd_op`, and one agreement's failure
    does not stop the others."""
    now = now or timezone.now()
    gevraagd = 0
    te_vragen = Goedkeuring.objects.filter(
        bevestiging=Bevestiging.TE_BEVESTIGEN,
        bevestiging_gevraagd_op__isnull=True,
        overeenkomst__status__in=_OPEN,
        versie=F("overeenkomst__versie"),
    ).order_by("created_at")
    for goedkeuring_id, overeenkomst_id in list(te_vragen.values_list("pk", "overeenkomst_id")):
        try:
            with transaction.atomic():
                gevraagd += _vragen_als_nog_niet(goedkeuring_id, overeenkomst_id, now=now)
        except Exception:
            logger.exception("asking to confirm signature %s failed", goedkeuring_id)
    return gevraagd


def _vragen_als_nog_niet(goedkeuring_id: int, overeenkomst_id: int, *, now: datetime) -> int:
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst_id)
    goedkeuring = Goedkeuring.objects.select_for_update().get(pk=goedkeuring_id)
    # Re-checked under the lock: a concurrent run or an answer may have come first.
    if (
        goedkeuring.bevestiging != Bevestiging.TE_BEVESTIGEN
        or goedkeuring.bevestiging_gevraagd_op is not None
        or overeenkomst.status not in _OPEN
        or goedkeuring.versie != overeenkomst.versie
    ):
        return 0
    goedkeuring.overeenkomst = overeenkomst
    bevestiging_vragen(goedkeuring, now=now)
    return 1


# The guards.


def _open_voor_antwoord(goedkeuring: Goedkeuring) -> list[str | None]:
    overeenkomst = goedkeuring.overeenkomst
    return [
        workflow.refuse_if(
            goedkeuring.bevestiging != Bevestiging.TE_BEVESTIGEN,
            _("This signature does not await confirmation: it is “%(stand)s”.")
            % {"stand": goedkeuring.get_bevestiging_display()},
        ),
        workflow.refuse_if(
            goedkeuring.versie != overeenkomst.versie or overeenkomst.status not in _OPEN,
            _("This signature no longer counts: the agreement changed or is no longer open."),
        ),
    ]


def _werkgever_antwoordt(goedkeuring: Goedkeuring, door: User) -> list[str | None]:
    overeenkomst = goedkeuring.overeenkomst
    return [
        workflow.refuse_if(
            goedkeuring.partij != Partij.WERKGEVER,
            _("The learner's side answers through its personal link, not here."),
        ),
        workflow.refuse_if(
            not _mag(door, overeenkomst.onderneming_id, perms.WERKGEVER_INSTEMMEN),
            _("Only a legal representative of the enterprise can answer for the employer."),
        ),
        andere_partij_weigering(door, overeenkomst, Partij.WERKGEVER),
    ]


def kan_handtekening_bevestigen(goedkeuring: Goedkeuring, *, door: User, now: datetime) -> Refusals:
    """Every reason why `door` may not confirm, for the employer, this recorded signature."""
    return workflow.refusals(
        *_open_voor_antwoord(goedkeuring), *_werkgever_antwoordt(goedkeuring, door)
    )


def kan_handtekening_betwisten(goedkeuring: Goedkeuring, *, door: User, now: datetime) -> Refusals:
    """Every reason why `door` may not answer "this is not ours" for the employer."""
    return workflow.refusals(
        *_open_voor_antwoord(goedkeuring), *_werkgever_antwoordt(goedkeuring, door)
    )


def kan_handtekening_verifieren(goedkeuring: Goedkeuring, *, door: User, now: datetime) -> Refusals:
    """Every reason why `door` may not verify this recorded signature for the competent
    partnership (the programme's, R12)."""
    overeenkomst = goedkeuring.overeenkomst
    return workflow.refusals(
        *_open_voor_antwoord(goedkeuring),
        workflow.refuse_if(
            not _mag(door, _partnerschap_id(overeenkomst), perms.HANDTEKENING_VERIFIEREN),
            _("Only the partnership competent for the programme verifies a signature."),
        ),
        workflow.refuse_if(
            bool(partijen_van_persoon(door, overeenkomst)),
            _(
                "You already acted for a party of this agreement; one person never acts for "
                "two parties. A colleague must do this."
            ),
        ),
    )


# The answers.


def _vergrendeld(goedkeuring: Goedkeuring) -> tuple[Goedkeuring, Overeenkomst]:
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=goedkeuring.overeenkomst_id)
    goedkeuring = Goedkeuring.objects.select_for_update().get(pk=goedkeuring.pk)
    goedkeuring.overeenkomst = overeenkomst
    return goedkeuring, overeenkomst


def bevestiging_vastleggen(
    goedkeuring: Goedkeuring,
    overeenkomst: Overeenkomst,
    *,
    door: User | None,
    now: datetime,
    bevestiging: str = Bevestiging.BEVESTIGD,
) -> Goedkeuring:
    """The signature binds its party from now: confirmed by it (`door` None: through the
    personal link) or verified by the partnership; signed when every approval binds. Under the
    agreement's lock."""
    voor = overeenkomst.status
    aanvaarding = goedkeuring.partij == Partij.WERKGEVER and not werkgever_heeft_aanvaard(
        overeenkomst
    )
    # The employer's first binding act makes the agreement count toward the mentor's cap
    # (R40): the cap guard runs again now, as when the employer approves in the portal.
    if aanvaarding and (vol := mentor_plaats_weigering(overeenkomst)) is not None:
        raise OvereenkomstFout(vol)
    goedkeuring.bevestiging = bevestiging
    goedkeuring.bevestigd_op = now
    goedkeuring.bevestigd_door = door
    goedkeuring.save(update_fields=["bevestiging", "bevestigd_op", "bevestigd_door", "updated_at"])
    if aanvaarding:
        pdf_na_aanvaarding(overeenkomst)
    _ondertekenen_als_volledig(overeenkomst, now=now)
    audit_record(
        obj=overeenkomst,
        verb=f"overeenkomst.handtekening_{bevestiging}",
        door=door,
        organisatie=None,
        before={"status": voor, "bevestiging": Bevestiging.TE_BEVESTIGEN},
        after={
            "status": overeenkomst.status,
            "bevestiging": bevestiging,
            "partij": goedkeuring.partij,
            "versie": goedkeuring.versie,
        },
        note=goedkeuring.naam,
        now=now,
    )
    return goedkeuring


def _betwisting_melden(goedkeuring: Goedkeuring, overeenkomst: Overeenkomst) -> None:
    gegevens = {
        "overeenkomst": overeenkomst,
        "partij": goedkeuring.get_partij_display(),
        "naam": goedkeuring.naam,
        "reden": goedkeuring.betwist_toelichting,
    }
    melden(
        f"goedkeuring:{goedkeuring.pk}:betwist:partnerschap",
        list(
            gebruikers_van(
                _partnerschap_id(overeenkomst), Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER
            )
        ),
        _("A signature on paper was disputed"),
        _(
            "The %(partij)s disputes the signature on paper (%(naam)s) that the school recorded "
            "for the agreement %(overeenkomst)s: “%(reden)s”. The signature is void and the "
            "agreement awaits approval again. Look into it on the portal:\n%(link)s"
        )
        % {**gegevens, "link": settings.PORTAAL_URL + reverse("overeenkomsten:handtekening_list")},
    )
    coaches = {g for g in (goedkeuring.door, overeenkomst.trajectbegeleider) if g is not None}
    melden(
        f"goedkeuring:{goedkeuring.pk}:betwist:school",
        sorted(coaches, key=lambda u: u.pk),
        _("A signature you recorded was disputed"),
        _(
            "The %(partij)s says the signature on paper (%(naam)s) recorded for the agreement "
            "%(overeenkomst)s is not theirs: “%(reden)s”. It is void and the partnership is "
            "informed. The agreement awaits that party's approval again:\n%(link)s"
        )
        % {**gegevens, "link": _pagina(overeenkomst)},
    )


def betwisting_vastleggen(
    goedkeuring: Goedkeuring,
    overeenkomst: Overeenkomst,
    *,
    toelichting: str,
    door: User | None,
    now: datetime,
) -> Goedkeuring:
    """ "This is not ours": the signature is void, the agreement awaits approval again (R59),
    the partnership is alerted and the coach told. Under the agreement's lock."""
    toelichting = verplicht(toelichting, _("Say why this signature is not yours."))
    voor = overeenkomst.status
    goedkeuring.bevestiging = Bevestiging.BETWIST
    goedkeuring.bevestigd_op = now
    goedkeuring.bevestigd_door = door
    goedkeuring.betwist_toelichting = toelichting
    goedkeuring.save(
        update_fields=[
            "bevestiging",
            "bevestigd_op",
            "bevestigd_door",
            "betwist_toelichting",
            "updated_at",
        ]
    )
    if voor == OvereenkomstStatus.TE_BEVESTIGEN:
        overgang(
            voor,
            OvereenkomstStatus.TER_GOEDKEURING,
            OVEREENKOMST_OVERGANGEN,
            overeenkomst.get_status_display(),
        )
        overeenkomst.status = OvereenkomstStatus.TER_GOEDKEURING
        overeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.handtekening_betwist",
        door=door,
        organisatie=None,
        before={"status": voor, "bevestiging": Bevestiging.TE_BEVESTIGEN},
        after={
            "status": overeenkomst.status,
            "bevestiging": Bevestiging.BETWIST,
            "partij": goedkeuring.partij,
            "versie": goedkeuring.versie,
        },
        note=toelichting,
        now=now,
    )
    _betwisting_melden(goedkeuring, overeenkomst)
    return goedkeuring


@transaction.atomic
def handtekening_bevestigen(
    *, goedkeuring: Goedkeuring, door: User, now: datetime | None = None
) -> Goedkeuring:
    """The employer's legal representative confirms: "yes, we signed this"."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _vergrendeld(goedkeuring)
    workflow.refuse_unless(kan_handtekening_bevestigen(goedkeuring, door=door, now=now))
    return bevestiging_vastleggen(goedkeuring, overeenkomst, door=door, now=now)


@transaction.atomic
def handtekening_betwisten(
    *, goedkeuring: Goedkeuring, toelichting: str, door: User, now: datetime | None = None
) -> Goedkeuring:
    """The employer's legal representative answers "this is not ours", with the reason."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _vergrendeld(goedkeuring)
    workflow.refuse_unless(kan_handtekening_betwisten(goedkeuring, door=door, now=now))
    return betwisting_vastleggen(
        goedkeuring, overeenkomst, toelichting=toelichting, door=door, now=now
    )


@transaction.atomic
def handtekening_verifieren(
    *, goedkeuring: Goedkeuring, door: User, now: datetime | None = None
) -> Goedkeuring:
    """A consultant or admin of the competent partnership verified the scan with the party:
    it binds as if the party had confirmed it."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _vergrendeld(goedkeuring)
    workflow.refuse_unless(kan_handtekening_verifieren(goedkeuring, door=door, now=now))
    return bevestiging_vastleggen(
        goedkeuring, overeenkomst, door=door, now=now, bevestiging=Bevestiging.GEVERIFIEERD
    )


def _via_link(token: str, now: datetime) -> tuple[Goedkeuring, Overeenkomst]:
    """The signature recorded in the name of the link's holder, the link used up."""
    uitnodiging, overeenkomst = link_claimen(token, now=now)
    goedkeuring = te_bevestigen_van(overeenkomst, uitnodiging.partij)
    if goedkeuring is None:
        raise OvereenkomstFout(_("No signature on paper awaits your confirmation."))
    goedkeuring = Goedkeuring.objects.select_for_update().get(pk=goedkeuring.pk)
    goedkeuring.overeenkomst = overeenkomst
    return goedkeuring, overeenkomst


@transaction.atomic
def handtekening_bevestigen_via_link(*, token: str, now: datetime | None = None) -> Goedkeuring:
    """The learner or the legal representative confirms, through the personal link, the
    signature on paper recorded in their name."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _via_link(token, now)
    return bevestiging_vastleggen(goedkeuring, overeenkomst, door=None, now=now)


@transaction.atomic
def handtekening_betwisten_via_link(
    *, token: str, toelichting: str, now: datetime | None = None
) -> Goedkeuring:
    """The learner or the legal representative says, through the personal link, that the
    signature on paper recorded in their name is not theirs."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _via_link(token, now)
    return betwisting_vastleggen(
        goedkeuring, overeenkomst, toelichting=toelichting, door=None, now=now
    )
