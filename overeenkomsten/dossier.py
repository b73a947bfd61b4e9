"""Reads for the learner's own dossier ("Mijn dossier"). A person logged in with the government
login (capacity BUR) has no membership: their learner records are found by the national number
on their account alone, and nothing else of the portal opens to them through it."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from duaal.accounts.models import User
from overeenkomsten.constants import Bevestiging
from overeenkomsten.models import Leerling, Overeenkomst, OvereenkomstDocument
from overeenkomsten.partijen import vereiste_partijen
from overeenkomsten.selectors import Stand, goedkeuringsstand


def leerlingen_van_persoon(user: User) -> QuerySet[Leerling]:
    """The learner records whose INSZ is the person's; an empty INSZ (a local account, a login
    without the national number) matches nothing."""
    insz = getattr(user, "insz", "") or ""
    if not insz:
        return Leerling.objects.none()
    return Leerling.objects.filter(insz=insz)


def overeenkomsten_van_persoon(user: User) -> QuerySet[Overeenkomst]:
    """The person's agreements as a learner, once the school sent them: a draft is the
    school's until then (as for the employer)."""
    return Overeenkomst.objects.filter(
        leerling__in=leerlingen_van_persoon(user).values("pk"), verstuurd_op__isnull=False
    )


@dataclass(frozen=True)
class DossierOvereenkomst:
    """One agreement in the dossier: where each party stands with the current version, and
    the signed copy once every party signed it."""

    overeenkomst: Overeenkomst
    stand: list[Stand]
    kopie: OvereenkomstDocument | None

    @property
    def nog_te_doen(self) -> list[Stand]:
        """The parties still to act: to approve, or to confirm a signature recorded for them."""
        return [
            s
            for s in self.stand
            if s.goedkeuring is None or s.goedkeuring.bevestiging == Bevestiging.TE_BEVESTIGEN
        ]


@dataclass(frozen=True)
class DossierLeerling:
    leerling: Leerling
    overeenkomsten: list[DossierOvereenkomst]


def getekende_kopie(o: Overeenkomst) -> OvereenkomstDocument | None:
    """The document of the version every party signed, once its signed copy is made; None
    before (or while it is made)."""
    if o.ondertekend_op is None:
        return None
    # Prefetched in the overview: the documents of every version.
    return next((d for d in o.documenten.all() if d.versie == o.versie and d.getekend_sha256), None)


def dossier_overeenkomst(o: Overeenkomst) -> DossierOvereenkomst:
    """Two queries for the stand; the documents come prefetched or in a third."""
    return DossierOvereenkomst(
        overeenkomst=o, stand=goedkeuringsstand(o, vereiste_partijen(o)), kopie=getekende_kopie(o)
    )


def dossier_van_persoon(user: User) -> list[DossierLeerling]:
    """Each learner record of the person, with its school, coach, workplace and every agreement
    sent (newest first) with its parties, mentor and approvals: a few queries, then two per
    agreement."""
    overeenkomsten = (
        Overeenkomst.objects.filter(verstuurd_op__isnull=False)
        .select_related("onderneming", "vestiging", "toewijzing__mentor", "opleiding")
        .prefetch_related("documenten")
        .order_by("-start", "-pk")
    )
    leerlingen = (
        leerlingen_van_persoon(user)
        .select_related(
            "onderwijsinstelling", "trajectbegeleider", "opleiding", "werkplek__onderneming"
        )
        .prefetch_related(Prefetch("overeenkomsten", queryset=overeenkomsten))
        .order_by("-start_lessen", "pk")
    )
    return [
        DossierLeerling(
            leerling=leerling,
            overeenkomsten=[dossier_overeenkomst(o) for o in leerling.overeenkomsten.all()],
        )
        for leerling in leerlingen
    ]
