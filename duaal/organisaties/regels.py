"""The partnership admin's changes to its rules: each is a new dated version, never an edit of
what is in force, so files keep the rules of their own date. Each change is audited."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.exceptions import DomainError
from duaal.workflow import Refusals, guarded_by, refusals, refuse_unless

from .constants import AuditVerb
from .models import CriteriaVersie, Criterium, CriteriumDocument, Partnerschap, PartnerschapRegels
from .selectors import in_kracht, regels_voor

__all__ = [
    "DocumentEis",
    "criterium_schrappen",
    "criterium_toevoegen",
    "criterium_wijzigen",
    "kan_criteria_wijzigen",
    "kan_regels_wijzigen",
    "regels_wijzigen",
]


@dataclass(frozen=True)
class DocumentEis:
    """A document a criterion asks, as the admin wants it; `bestaand` is the row it keeps
    or changes (None: a new document)."""

    naam: str
    per_mentor: bool
    verplicht: bool
    bestaand: int | None = None

    def als_dict(self) -> dict[str, object]:
        return {"naam": self.naam, "per_mentor": self.per_mentor, "verplicht": self.verplicht}


def _beheerder(partnerschap: Partnerschap, door: Actor) -> Refusals:
    return door.may(
        perms.PARTNERSCHAP_BEHEREN,
        partnerschap,
        reason=_("Only an administrator of this partnership can change its rules."),
    )


def kan_criteria_wijzigen(partnerschap: Partnerschap, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not add, change or remove this partnership's criteria."""
    return refusals(_beheerder(partnerschap, door))


def kan_regels_wijzigen(partnerschap: Partnerschap, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change the partnership's cap, training deadline or
    escalation address."""
    return refusals(_beheerder(partnerschap, door))


def _vergrendel(partnerschap: Partnerschap) -> Partnerschap:
    # Lock the partnership: two admins changing its criteria at once would each close and
    # replace rows the other just read.
    return Partnerschap.objects.select_for_update().get(pk=partnerschap.pk)


def _criterium_in_kracht(
    criterium: Criterium, partnerschap: Partnerschap, now: datetime
) -> Criterium:
    gevonden = (
        Criterium.objects.select_for_update()
        .filter(in_kracht(now), pk=criterium.pk, partnerschap=partnerschap)
        .first()
    )
    if gevonden is None:
        raise DomainError(
            _("This criterion was changed or removed meanwhile. Open the current version.")
        )
    return gevonden


def _documenten(criterium: Criterium, now: datetime) -> list[CriteriumDocument]:
    return list(criterium.documenten.filter(in_kracht(now)).order_by("pk"))


def _beschrijving(omschrijving: str, volgorde: int, documenten: list[dict]) -> dict[str, object]:
    return {"omschrijving": omschrijving, "volgorde": volgorde, "documenten": documenten}


def _versie(
    partnerschap: Partnerschap, verb: AuditVerb, criterium: str, door: Actor, now: datetime
) -> CriteriaVersie:
    return CriteriaVersie.objects.create(
        partnerschap=partnerschap,
        geldig_vanaf=now,
        gewijzigd_door=door.audit_user,
        wijziging=verb.value,
        samenvatting=criterium[:300],
    )


def _audit(
    partnerschap: Partnerschap,
    verb: AuditVerb,
    door: Actor,
    now: datetime,
    *,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    audit_record(
        obj=partnerschap,
        verb=verb,
        door=door,
        organisatie=partnerschap,
        before=before,
        after=after,
        now=now,
    )


def _omschrijving(tekst: str) -> str:
    tekst = tekst.strip()
    if not tekst:
        raise DomainError(_("Describe the criterion."))
    return tekst


def _nieuw_criterium(
    partnerschap: Partnerschap,
    omschrijving: str,
    volgorde: int,
    documenten: list[DocumentEis],
    now: datetime,
    vervangt: Criterium | None = None,
) -> Criterium:
    criterium = Criterium.objects.create(
        partnerschap=partnerschap,
        omschrijving=omschrijving,
        volgorde=volgorde,
        geldig_vanaf=now,
        vervangt=vervangt,
    )
    CriteriumDocument.objects.bulk_create(_document(criterium, eis, now) for eis in documenten)
    return criterium


def _document(criterium: Criterium, eis: DocumentEis, now: datetime) -> CriteriumDocument:
    return CriteriumDocument(
        criterium=criterium,
        naam=eis.naam,
        per_mentor=eis.per_mentor,
        verplicht=eis.verplicht,
        geldig_vanaf=now,
    )


@guarded_by(kan_criteria_wijzigen)
@transaction.atomic
def criterium_toevoegen(
    *,
    partnerschap: Partnerschap,
    door: Actor,
    omschrijving: str,
    volgorde: int,
    documenten: list[DocumentEis],
    now: datetime | None = None,
) -> Criterium:
    """Add a criterion from now on: drafts ask it, submitted applications do not."""
    now = now or timezone.now()
    partnerschap = _vergrendel(partnerschap)
    refuse_unless(kan_criteria_wijzigen(partnerschap, door=door, now=now))
    omschrijving = _omschrijving(omschrijving)
    criterium = _nieuw_criterium(partnerschap, omschrijving, volgorde, documenten, now)
    _versie(partnerschap, AuditVerb.CRITERIUM_TOEGEVOEGD, omschrijving, door, now)
    after = _beschrijving(omschrijving, volgorde, [e.als_dict() for e in documenten])
    _audit(partnerschap, AuditVerb.CRITERIUM_TOEGEVOEGD, door, now, after=after)
    return criterium


def _documenten_vervangen(
    criterium: Criterium,
    bestaande: list[CriteriumDocument],
    eisen: list[DocumentEis],
    now: datetime,
) -> None:
    """Close the documents that go or change, add the new and changed ones; unchanged rows stay
    (uploads against them still count)."""
    gewenst = {e.bestaand: e for e in eisen if e.bestaand is not None}
    sluiten = [
        d.pk
        for d in bestaande
        if d.pk not in gewenst or gewenst[d.pk].als_dict() != _document_dict(d)
    ]
    CriteriumDocument.objects.filter(pk__in=sluiten).update(geldig_tot=now)
    houden = {d.pk for d in bestaande} - set(sluiten)
    CriteriumDocument.objects.bulk_create(
        _document(criterium, e, now) for e in eisen if e.bestaand not in houden
    )


def _document_dict(document: CriteriumDocument) -> dict[str, object]:
    return {
        "naam": document.naam,
        "per_mentor": document.per_mentor,
        "verplicht": document.verplicht,
    }


@guarded_by(kan_criteria_wijzigen)
@transaction.atomic
def criterium_wijzigen(
    *,
    criterium: Criterium,
    door: Actor,
    omschrijving: str,
    volgorde: int,
    documenten: list[DocumentEis],
    now: datetime | None = None,
) -> Criterium:
    """Change a criterion from now on. A new wording or place replaces the row (drafts answer
    it anew); a change of documents only replaces those documents. Nothing changed: no version."""
    now = now or timezone.now()
    partnerschap = _vergrendel(criterium.partnerschap)
    refuse_unless(kan_criteria_wijzigen(partnerschap, door=door, now=now))
    criterium = _criterium_in_kracht(criterium, partnerschap, now)
    omschrijving = _omschrijving(omschrijving)
    bestaande = _documenten(criterium, now)
    voor = [_document_dict(d) for d in bestaande]
    before = _beschrijving(criterium.omschrijving, criterium.volgorde, voor)
    after = _beschrijving(omschrijving, volgorde, [e.als_dict() for e in documenten])
    if before == after:
        return criterium
    if (criterium.omschrijving, criterium.volgorde) != (omschrijving, volgorde):
        Criterium.objects.filter(pk=criterium.pk).update(geldig_tot=now)
        CriteriumDocument.objects.filter(pk__in=[d.pk for d in bestaande]).update(geldig_tot=now)
        eisen = [DocumentEis(e.naam, e.per_mentor, e.verplicht) for e in documenten]
        criterium = _nieuw_criterium(partnerschap, omschrijving, volgorde, eisen, now, criterium)
    else:
        _documenten_vervangen(criterium, bestaande, documenten, now)
    _versie(partnerschap, AuditVerb.CRITERIUM_GEWIJZIGD, omschrijving, door, now)
    _audit(partnerschap, AuditVerb.CRITERIUM_GEWIJZIGD, door, now, before=before, after=after)
    return criterium


@guarded_by(kan_criteria_wijzigen)
@transaction.atomic
def criterium_schrappen(
    *, criterium: Criterium, door: Actor, now: datetime | None = None
) -> Partnerschap:
    """Remove a criterion from now on; applications submitted before keep it."""
    now = now or timezone.now()
    partnerschap = _vergrendel(criterium.partnerschap)
    refuse_unless(kan_criteria_wijzigen(partnerschap, door=door, now=now))
    criterium = _criterium_in_kracht(criterium, partnerschap, now)
    bestaande = _documenten(criterium, now)
    Criterium.objects.filter(pk=criterium.pk).update(geldig_tot=now)
    CriteriumDocument.objects.filter(pk__in=[d.pk for d in bestaande]).update(geldig_tot=now)
    _versie(partnerschap, AuditVerb.CRITERIUM_GESCHRAPT, criterium.omschrijving, door, now)
    before = _beschrijving(
        criterium.omschrijving, criterium.volgorde, [_document_dict(d) for d in bestaande]
    )
    _audit(partnerschap, AuditVerb.CRITERIUM_GESCHRAPT, door, now, before=before)
    return partnerschap


REGEL_VELDEN = ["max_leerlingen_per_mentor", "mentoropleiding_termijn_maanden", "escalatie_e_mail"]


@guarded_by(kan_regels_wijzigen)
@transaction.atomic
def regels_wijzigen(
    *,
    partnerschap: Partnerschap,
    door: Actor,
    max_leerlingen_per_mentor: int,
    mentoropleiding_termijn_maanden: int,
    escalatie_e_mail: str,
    now: datetime | None = None,
) -> PartnerschapRegels:
    """A new version of the cap, training deadline and escalation address from now on.
    Agreements already sent and training clocks already running keep the version they had."""
    now = now or timezone.now()
    partnerschap = _vergrendel(partnerschap)
    refuse_unless(kan_regels_wijzigen(partnerschap, door=door, now=now))
    huidig = regels_voor(partnerschap, op=now)
    nieuw = PartnerschapRegels(
        partnerschap=partnerschap,
        geldig_vanaf=now,
        max_leerlingen_per_mentor=max_leerlingen_per_mentor,
        mentoropleiding_termijn_maanden=mentoropleiding_termijn_maanden,
        escalatie_e_mail=escalatie_e_mail.strip(),
        gewijzigd_door=door.audit_user,
    )
    before = {veld: getattr(huidig, veld) for veld in REGEL_VELDEN}
    after = {veld: getattr(nieuw, veld) for veld in REGEL_VELDEN}
    if before == after:
        return huidig
    nieuw.full_clean()
    nieuw.save()
    changed = [veld for veld in REGEL_VELDEN if before[veld] != after[veld]]
    _audit(
        partnerschap,
        AuditVerb.REGELS_GEWIJZIGD,
        door,
        now,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return nieuw
