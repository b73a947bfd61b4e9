"""Nobody is bound without acting: a signature on paper that the coach recorded for another
party (the employer, the learner, the legal representative) binds that party only once it
confirms it, in the portal or through its personal link, or once the competent partnership
verifies the scan. "This is not ours" voids it: the agreement awaits approval again, the
partnership is alerted and the coach told. A daily sweep asks every party whose confirmation
was never requested (the signatures the data migration marked)."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, Actor
from duaal.accounts.constants import Rol
from duaal.accounts.selectors import gebruikers_van
from duaal.audit.services import audit_record
from duaal.meldingen.services import portal_url, send_mail, untranslated
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten.constants import (
    OPEN_VOOR_BEVESTIGING,
    AuditVerb,
    Bevestiging,
    OvereenkomstStatus,
    Partij,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Overeenkomst, Uitnodiging
from overeenkomsten.partijen import te_bevestigen_van
from overeenkomsten.selectors import werkgever_heeft_aanvaard

from .common import (
    andere_partij_weigering,
    mentor_plaats_weigering,
    overgang,
    partijen_van_persoon,
    verplicht,
)
from .document import pdf_na_aanvaarding
from .ondertekenen import link_claimen, ondertekenen_als_volledig


def _pagina(overeenkomst: Overeenkomst) -> str:
    return settings.PORTAAL_URL + overeenkomst.get_absolute_url()


def _partnerschap_id(overeenkomst: Overeenkomst) -> int:
    # The stubs type the id of a key to a multi-table child (Partnerschap) as Any.
    partnerschap_id: int = overeenkomst.opleiding.partnerschap_id
    return partnerschap_id


# The guards.


def _open_voor_antwoord(goedkeuring: Goedkeuring) -> list[str | None]:
    overeenkomst = goedkeuring.overeenkomst
    return [
        refuse_if(
            goedkeuring.bevestiging != Bevestiging.TE_BEVESTIGEN,
            _("This signature does not await confirmation: it is “%(stand)s”.")
            % {"stand": goedkeuring.get_bevestiging_display()},
        ),
        refuse_if(
            goedkeuring.versie != overeenkomst.versie
            or overeenkomst.status not in OPEN_VOOR_BEVESTIGING,
            _("This signature no longer counts: the agreement changed or is no longer open."),
        ),
    ]


def _werkgever_antwoordt(goedkeuring: Goedkeuring, door: Actor) -> list[str | Refusals | None]:
    overeenkomst = goedkeuring.overeenkomst
    return [
        refuse_if(
            goedkeuring.partij != Partij.WERKGEVER,
            _("The learner's side answers through its personal link, not here."),
        ),
        door.may(
            perms.WERKGEVER_INSTEMMEN,
            goedkeuring,
            reason=_("Only a legal representative of the enterprise can answer for the employer."),
        )
        if goedkeuring.partij == Partij.WERKGEVER
        else None,
        andere_partij_weigering(door, overeenkomst, Partij.WERKGEVER),
    ]


def kan_handtekening_bevestigen(
    goedkeuring: Goedkeuring, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why `door` may not confirm, for the employer, this recorded signature."""
    return refusals(*_open_voor_antwoord(goedkeuring), *_werkgever_antwoordt(goedkeuring, door))


def kan_handtekening_betwisten(goedkeuring: Goedkeuring, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why `door` may not answer "this is not ours" for the employer."""
    return refusals(*_open_voor_antwoord(goedkeuring), *_werkgever_antwoordt(goedkeuring, door))


def kan_handtekening_verifieren(
    goedkeuring: Goedkeuring, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why `door` may not verify this recorded signature for the competent
    partnership (the programme's, R12)."""
    overeenkomst = goedkeuring.overeenkomst
    return refusals(
        *_open_voor_antwoord(goedkeuring),
        door.may(
            perms.HANDTEKENING_VERIFIEREN,
            goedkeuring,
            reason=_("Only the partnership competent for the programme verifies a signature."),
        ),
        refuse_if(
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
    door: Actor,
    now: datetime,
    bevestiging: str = Bevestiging.BEVESTIGD,
) -> Goedkeuring:
    """The signature binds its party from now: confirmed by it (`door` the system: through the
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
    goedkeuring.bevestigd_door = door.audit_user
    goedkeuring.save(update_fields=["bevestiging", "bevestigd_op", "bevestigd_door", "updated_at"])
    if aanvaarding:
        pdf_na_aanvaarding(overeenkomst)
    ondertekenen_als_volledig(overeenkomst, now=now)
    audit_record(
        obj=overeenkomst,
        verb=(
            AuditVerb.HANDTEKENING_GEVERIFIEERD
            if bevestiging == Bevestiging.GEVERIFIEERD
            else AuditVerb.HANDTEKENING_BEVESTIGD
        ),
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
        "overeenkomst": str(overeenkomst),
        "partij": untranslated(Partij(goedkeuring.partij).label),
        "naam": goedkeuring.naam,
        "reden": goedkeuring.betwist_toelichting,
    }
    send_mail(
        "overeenkomsten/signature_disputed_partnership",
        recipients=list(
            gebruikers_van(
                _partnerschap_id(overeenkomst), Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER
            )
        ),
        event_key=f"goedkeuring:{goedkeuring.pk}:betwist:partnerschap",
        context={**gegevens, "url": portal_url("overeenkomsten:handtekening_list")},
    )
    coaches = {g for g in (goedkeuring.door, overeenkomst.trajectbegeleider) if g is not None}
    send_mail(
        "overeenkomsten/signature_disputed_school",
        recipients=sorted(coaches, key=lambda u: u.pk),
        event_key=f"goedkeuring:{goedkeuring.pk}:betwist:school",
        context={**gegevens, "url": _pagina(overeenkomst)},
    )


def betwisting_vastleggen(
    goedkeuring: Goedkeuring,
    overeenkomst: Overeenkomst,
    *,
    toelichting: str,
    door: Actor,
    now: datetime,
) -> Goedkeuring:
    """ "This is not ours": the signature is void, the agreement awaits approval again (R59),
    the partnership is alerted and the coach told. Under the agreement's lock."""
    toelichting = verplicht(toelichting, _("Say why this signature is not yours."))
    voor = overeenkomst.status
    goedkeuring.bevestiging = Bevestiging.BETWIST
    goedkeuring.bevestigd_op = now
    goedkeuring.bevestigd_door = door.audit_user
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
        label = overeenkomst.get_status_display()
        refuse_unless(refusals(overgang(voor, OvereenkomstStatus.TER_GOEDKEURING, label)))
        overeenkomst.status = OvereenkomstStatus.TER_GOEDKEURING
        overeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.HANDTEKENING_BETWIST,
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


@guarded_by(kan_handtekening_bevestigen)
@transaction.atomic
def handtekening_bevestigen(
    *, goedkeuring: Goedkeuring, door: Actor, now: datetime | None = None
) -> Goedkeuring:
    """The employer's legal representative confirms: "yes, we signed this"."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _vergrendeld(goedkeuring)
    refuse_unless(kan_handtekening_bevestigen(goedkeuring, door=door, now=now))
    return bevestiging_vastleggen(goedkeuring, overeenkomst, door=door, now=now)


@guarded_by(kan_handtekening_betwisten)
@transaction.atomic
def handtekening_betwisten(
    *, goedkeuring: Goedkeuring, toelichting: str, door: Actor, now: datetime | None = None
) -> Goedkeuring:
    """The employer's legal representative answers "this is not ours", with the reason."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _vergrendeld(goedkeuring)
    refuse_unless(kan_handtekening_betwisten(goedkeuring, door=door, now=now))
    return betwisting_vastleggen(
        goedkeuring, overeenkomst, toelichting=toelichting, door=door, now=now
    )


@guarded_by(kan_handtekening_verifieren)
@transaction.atomic
def handtekening_verifieren(
    *, goedkeuring: Goedkeuring, door: Actor, now: datetime | None = None
) -> Goedkeuring:
    """A consultant or admin of the competent partnership verified the scan with the party:
    it binds as if the party had confirmed it."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _vergrendeld(goedkeuring)
    refuse_unless(kan_handtekening_verifieren(goedkeuring, door=door, now=now))
    return bevestiging_vastleggen(
        goedkeuring, overeenkomst, door=door, now=now, bevestiging=Bevestiging.GEVERIFIEERD
    )


def kan_via_link_antwoorden(uitnodiging: Uitnodiging, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the holder of this personal link may not confirm or dispute a
    signature now: one on paper must await their confirmation. The signed token proves who
    the holder is (no account), so `door` is the system acting on the link."""
    goedkeuring = te_bevestigen_van(uitnodiging.overeenkomst, uitnodiging.partij)
    if goedkeuring is None:
        return refusals(_("No signature on paper awaits your confirmation."))
    goedkeuring.overeenkomst = uitnodiging.overeenkomst
    return refusals(*_open_voor_antwoord(goedkeuring))


def _via_link(token: str, now: datetime) -> tuple[Goedkeuring, Overeenkomst]:
    """The signature recorded in the name of the link's holder, the link used up."""
    uitnodiging, overeenkomst = link_claimen(token, now=now)
    uitnodiging.overeenkomst = overeenkomst
    refuse_unless(kan_via_link_antwoorden(uitnodiging, door=SYSTEM, now=now))
    goedkeuring = te_bevestigen_van(overeenkomst, uitnodiging.partij)
    assert goedkeuring is not None  # the guard refuses when no signature awaits confirmation
    goedkeuring = Goedkeuring.objects.select_for_update().get(pk=goedkeuring.pk)
    goedkeuring.overeenkomst = overeenkomst
    return goedkeuring, overeenkomst


@guarded_by(kan_via_link_antwoorden)
@transaction.atomic
def handtekening_bevestigen_via_link(*, token: str, now: datetime | None = None) -> Goedkeuring:
    """The learner or the legal representative confirms, through the personal link, the
    signature on paper recorded in their name (its guard: `kan_via_link_antwoorden(`)."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _via_link(token, now)
    return bevestiging_vastleggen(goedkeuring, overeenkomst, door=SYSTEM, now=now)


@guarded_by(kan_via_link_antwoorden)
@transaction.atomic
def handtekening_betwisten_via_link(
    *, token: str, toelichting: str, now: datetime | None = None
) -> Goedkeuring:
    """The learner or the legal representative says, through the personal link, that the
    signature on paper recorded in their name is not theirs (its guard:
    `kan_via_link_antwoorden(`, asked when the link is claimed)."""
    now = now or timezone.now()
    goedkeuring, overeenkomst = _via_link(token, now)
    return betwisting_vastleggen(
        goedkeuring, overeenkomst, toelichting=toelichting, door=SYSTEM, now=now
    )
