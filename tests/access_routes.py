"""The classification of every URL pattern for the access sweep (test_access_sweep.py): who
may open each one, on their own side and on the other."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from duaal.accounts.constants import Rol

from .world import Side

ALL_ROLES = frozenset(Rol.values)
EIGEN, VREEMD = "eigen", "vreemd"
PLATFORM = Rol.PLATFORMBEHEERDER


@dataclass(frozen=True)
class Public:
    """Anyone, logged in or not. `kwargs` is built from side A; `opent_eigen_dossier` marks a
    personal link (a bearer token) that opens side A's own agreement to whoever holds it: side
    A's canaries are then its content, and side B's must still never appear."""

    kwargs: Callable[[Side], dict] | None = None
    methods: tuple[str, ...] = ("get",)
    opent_eigen_dossier: bool = False
    # What a valid personal link answers (the mailed link redirects to its session's page).
    geldig: int = 200


@dataclass(frozen=True)
class LinkSessie:
    """A page of the personal link after its token was swapped for a short session (R61). The
    URL carries the invitation's public id, which alone opens nothing: without the session
    every client, logged in or not, gets 403; the browser that opened side A's link gets
    `met_sessie` (a POST without the key the page's form carries is refused too)."""

    methods: tuple[str, ...] = ("get",)
    met_sessie: int = 200


@dataclass(frozen=True)
class Persoonlijk:
    """A page of the learner's own dossier bound to one of their agreements: only the person
    whose account carries that learner's national number opens it (`eigen`); the other side's
    learner and every member of either side get 404, anonymous users the login page."""

    obj: Callable[[Side], object]
    methods: tuple[str, ...] = ("get",)
    eigen: int = 200


@dataclass(frozen=True)
class Authenticated:
    """Any logged-in user; anonymous users are sent to the login page."""

    methods: tuple[str, ...] = ("get",)


@dataclass(frozen=True)
class ObjectBound:
    """A URL carrying an object's public id. `ok` and `forbidden` hold (role, relation) pairs,
    relation EIGEN (the user's own side) or VREEMD (the other side); everyone else gets 404."""

    obj: Callable[[Side], object]
    ok: frozenset[tuple[str, str]]
    forbidden: frozenset[tuple[str, str]] = frozenset()
    anonymous_ok: bool = False
    form: bool = False

    def expected(self, rol: str, relation: str) -> int:
        if (rol, relation) in self.ok:
            return 200
        if (rol, relation) in self.forbidden:
            return 403
        return 404


# The school's administrator holds every permission of a coach (permissions.py): wherever a
# coach may open a page, so may they.
ZELFDE_ALS = {Rol.TRAJECTBEGELEIDER: (Rol.TRAJECTBEGELEIDER, Rol.SCHOOLBEHEERDER)}


def _rollen(rollen: tuple[str, ...]) -> list[str]:
    return [r2 for r in rollen for r2 in ZELFDE_ALS.get(r, (r,))]


def both(*rollen: str) -> frozenset[tuple[str, str]]:
    return frozenset((r, rel) for r in _rollen(rollen) for rel in (EIGEN, VREEMD))


def own(*rollen: str) -> frozenset[tuple[str, str]]:
    return frozenset((r, EIGEN) for r in _rollen(rollen))


def _reset_kwargs(side: Side) -> dict:
    user = side.users[Rol.VERTEGENWOORDIGER]
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _sectorverklaring(side: Side) -> object:
    """The side's enterprise declared its sector to the side's partnership (made on first use:
    the world knows nothing of sectors)."""
    from django.utils import timezone

    from duaal.organisaties.models import SectorVerklaring
    from duaal.organisaties.opleidingsregels import Sector

    verklaring, _nieuw = SectorVerklaring.objects.get_or_create(
        onderneming=side.onderneming,
        partnerschap=side.partnerschap,
        sector=Sector.GEHANDICAPTENZORG,
        defaults={
            "verklaard_door": side.users[Rol.VERTEGENWOORDIGER],
            "verklaard_op": timezone.now(),
        },
    )
    return verklaring


VERT, MEDEW = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER
CONS, BEHEER = Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER
TRAJ = Rol.TRAJECTBEGELEIDER

# Mentors: the employer sees its own; a partnership sees the mentors designated to its own
# programmes; platform admins see all but may change nothing and never see extracts (S7).
MENTOR_LEZERS = own(VERT, MEDEW, CONS, BEHEER) | both(PLATFORM)
# What only the employer's representative does; the others who see the object get 403.
WERKGEVER_ACTIE = {
    "ok": own(VERT),
    "forbidden": own(MEDEW, CONS, BEHEER) | both(PLATFORM),
    "form": True,
}
# What only the reviewing partnership's consultants and admins do.
PARTNERSCHAP_ACTIE = {
    "ok": own(CONS, BEHEER),
    "forbidden": own(VERT, MEDEW) | both(PLATFORM),
    "form": True,
}
# Evidence files: the representative and the reviewing partnership; read-only staff and
# platform admins see that a file exists, not its content.
BESTAND = {"ok": own(VERT, CONS, BEHEER), "forbidden": own(MEDEW) | both(PLATFORM)}

# Applications and recognitions: the enterprise, its mandated school (R4), the partnership
# the file is routed to, and platform admins.
AANVRAAG_LEZERS = own(VERT, MEDEW, TRAJ, CONS, BEHEER) | both(PLATFORM)
# Sanctions and appeals: the enterprise concerned and the deciding partnership.
SANCTIE_LEZERS = own(VERT, MEDEW, CONS, BEHEER) | both(PLATFORM)
# Filing: the representative and the mandated school's coach.
INDIENER_ACTIE = {
    "ok": own(VERT, TRAJ),
    "forbidden": own(MEDEW, CONS, BEHEER) | both(PLATFORM),
    "form": True,
}
# Review: the consultants and admins of the partnership the file is routed to.
BEOORDELAAR_ACTIE = {
    "ok": own(CONS, BEHEER),
    "forbidden": own(VERT, MEDEW, TRAJ) | both(PLATFORM),
    "form": True,
}


# Learners: the dossier is the school's. The enterprise sees the learner it has a sent
# agreement with, so its staff get 403 there, never the dossier.
LEERLING_ACTIE = {"ok": own(TRAJ), "forbidden": own(VERT, MEDEW), "form": True}
# Agreements: the school, and the enterprise once it was sent (R59-R61); nobody else.
OVEREENKOMST_LEZERS = own(TRAJ, VERT, MEDEW)
# Drafting, sending, paper signatures, links, withdrawing: the school's coach (R61, R69).
SCHOOL_ACTIE = {"ok": own(TRAJ), "forbidden": own(VERT, MEDEW), "form": True}
# Answering a signature on paper recorded for the employer: its representative only.
HANDTEKENING_WERKGEVER = {
    "ok": own(VERT),
    "forbidden": own(MEDEW, TRAJ, CONS, BEHEER),
    "form": True,
}
# Approving and following up (suspension, early end): the coach and the representative.
PARTIJ_ACTIE = {"ok": own(TRAJ, VERT), "forbidden": own(MEDEW), "form": True}


def _link_kwargs(side: Side) -> dict:
    from django.core import signing

    from overeenkomsten.constants import LINK_SALT

    return {"token": signing.dumps(str(side.uitnodiging.public_id), salt=LINK_SALT)}


def _vertegenwoordiging(side: Side) -> object:
    """The representative's membership: the enterprise's last administrator, so the sweep's
    POSTs are refused and nothing changes under the next client."""
    return side.users[Rol.VERTEGENWOORDIGER].memberships.get()


def _uitnodiging(side: Side) -> object:
    from datetime import timedelta

    from django.utils import timezone

    from duaal.accounts.models import Uitnodiging

    return Uitnodiging.objects.create(
        organisatie=side.onderneming,
        email=f"collega-{side.name.lower()}@voorbeeld.be",
        rol=Rol.ONDERNEMING_MEDEWERKER,
        uitgenodigd_door=side.users[Rol.VERTEGENWOORDIGER],
        verloopt_op=timezone.now() + timedelta(days=14),
    )


def _toegangsaanvraag(side: Side) -> object:
    from duaal.accounts.models import Toegangsaanvraag

    from .factories import UserFactory

    return Toegangsaanvraag.objects.create(user=UserFactory(), organisatie=side.onderneming)


# An organisation's access is managed by its administrator (the representative for an
# enterprise); its other members get 403, everyone else 404.
TOEGANG_ACTIE = {"ok": own(VERT), "forbidden": own(MEDEW), "form": True}


def alleen_werkgever(*andere_lezers: str) -> dict:
    """Only the representative acts; the others who see the object get 403."""
    return {
        "ok": own(VERT),
        "forbidden": own(MEDEW, *andere_lezers) | both(PLATFORM),
        "form": True,
    }


ROUTES: dict[str, object] = {
    "portaal:home": Public(),
    "portaal:dashboard": Authenticated(),
    # Linked from every page's footer.
    "portaal:toegankelijkheid": Public(),
    "portaal:privacy": Public(),
    # The time-out warning's "stay signed in": restarts the idle clock of the own session.
    "portaal:sessie_verlengen": Authenticated(methods=("post",)),
    "accounts:login": Public(),
    "accounts:logout": Public(methods=("post",)),
    "accounts:registreren": Public(),
    "accounts:registratie_verzonden": Public(),
    # Without a valid link in the session both answer with the login page and a message.
    "accounts:registratie_bevestigen": Public(methods=("get", "post")),
    "accounts:registratie_link": Public(kwargs=lambda side: {"token": "geen-geldig-token"}),
    "accounts:organisatie_wisselen": Authenticated(methods=("post",)),
    # Access to an organisation (views_toegang.py): the overview and the invitation form are
    # for the acting organisation's administrator (403 for the other roles).
    "accounts:toegang": Authenticated(),
    "accounts:uitnodigen": Authenticated(methods=("get", "post")),
    "accounts:uitnodiging_intrekken": ObjectBound(obj=_uitnodiging, **TOEGANG_ACTIE),
    "accounts:toegang_intrekken": ObjectBound(obj=_vertegenwoordiging, **TOEGANG_ACTIE),
    "accounts:rol_wijzigen": ObjectBound(obj=_vertegenwoordiging, **TOEGANG_ACTIE),
    "accounts:toegangsaanvraag_toekennen": ObjectBound(obj=_toegangsaanvraag, **TOEGANG_ACTIE),
    "accounts:toegangsaanvraag_weigeren": ObjectBound(obj=_toegangsaanvraag, **TOEGANG_ACTIE),
    # The organisation comes from the session the government login left, never the URL.
    "accounts:toegang_aanvragen": Authenticated(methods=("get", "post")),
    # The invitation's link swaps its token into the session; the page after it asks a login.
    "accounts:uitnodiging_link": Public(kwargs=lambda side: {"token": "geen-geldig-token"}),
    "accounts:uitnodiging_aanvaarden": Authenticated(methods=("get", "post")),
    "accounts:password_change": Authenticated(),
    "accounts:password_change_done": Authenticated(),
    "accounts:password_reset": Public(),
    "accounts:password_reset_done": Public(),
    "accounts:password_reset_confirm": Public(kwargs=_reset_kwargs),
    "accounts:password_reset_complete": Public(),
    # The government login: off in the sweep (no provider configured), so the start and the
    # callback answer 404; linking without claims in the session goes back to the login page.
    "accounts:oidc_login": Public(),
    "accounts:oidc_callback": Public(),
    "accounts:oidc_koppelen": Public(methods=("get", "post")),
    "accounts:oidc_registreren": Authenticated(methods=("get", "post")),
    "accounts:capaciteit_kiezen": Authenticated(),
    "set_language": Public(methods=("post",)),
    "health": Public(),
    "organisaties:opleiding_list": Public(),
    "organisaties:onderneming_detail": ObjectBound(
        obj=lambda s: s.onderneming, ok=own(VERT, MEDEW) | both(PLATFORM)
    ),
    "organisaties:vestiging_toevoegen": ObjectBound(
        obj=lambda s: s.onderneming,
        ok=own(VERT),
        forbidden=own(MEDEW) | both(PLATFORM),
        form=True,
    ),
    "organisaties:vestiging_detail": ObjectBound(
        obj=lambda s: s.vestiging, ok=own(VERT, MEDEW) | both(PLATFORM)
    ),
    "organisaties:vestiging_wijzigen": ObjectBound(
        obj=lambda s: s.vestiging,
        ok=own(VERT),
        forbidden=own(MEDEW) | both(PLATFORM),
        form=True,
    ),
    # The employer declares its sector; the partnership it declared to confirms or refuses.
    "organisaties:sector_verklaren": ObjectBound(
        obj=lambda s: s.onderneming,
        ok=own(VERT),
        forbidden=own(MEDEW) | both(PLATFORM),
        form=True,
    ),
    "organisaties:sectorverklaring_detail": ObjectBound(
        obj=lambda s: _sectorverklaring(s), ok=own(VERT, MEDEW, CONS, BEHEER) | both(PLATFORM)
    ),
    "organisaties:sector_bevestigen": ObjectBound(
        obj=lambda s: _sectorverklaring(s), **PARTNERSCHAP_ACTIE
    ),
    "organisaties:sector_weigeren": ObjectBound(
        obj=lambda s: _sectorverklaring(s), **PARTNERSCHAP_ACTIE
    ),
    "organisaties:onderwijsinstelling_detail": ObjectBound(
        obj=lambda s: s.onderwijsinstelling, ok=own(TRAJ) | both(PLATFORM)
    ),
    # Partnerships publish their rules to every user of the portal.
    "organisaties:partnerschap_detail": ObjectBound(
        obj=lambda s: s.partnerschap, ok=both(*ALL_ROLES)
    ),
    # Only the partnership's own admin edits its rules; whoever else sees the partnership
    # (everyone: it publishes its rules) gets 403.
    "organisaties:partnerschap_regels": ObjectBound(
        obj=lambda s: s.partnerschap,
        ok=own(BEHEER),
        forbidden=(both(*ALL_ROLES) - own(BEHEER)),
        form=True,
    ),
    "organisaties:criterium_bewerken": ObjectBound(
        obj=lambda s: s.partnerschap,
        ok=own(BEHEER),
        forbidden=(both(*ALL_ROLES) - own(BEHEER)),
        form=True,
    ),
    # The programme catalogue is public.
    "organisaties:opleiding_detail": ObjectBound(
        obj=lambda s: s.opleiding, ok=both(*ALL_ROLES), anonymous_ok=True
    ),
    # A programme's rules: the owning partnership's admin and platform staff set them up;
    # everyone else sees the (public) programme and gets 403.
    "organisaties:opleidingsregels": ObjectBound(
        obj=lambda s: s.opleiding,
        ok=own(BEHEER) | both(PLATFORM),
        forbidden=both(*ALL_ROLES) - own(BEHEER) - both(PLATFORM),
        form=True,
    ),
    # The register of the acting enterprise (403 for other organisations).
    "mentors:mentor_list": Authenticated(),
    "mentors:mentor_toevoegen": Authenticated(methods=("get", "post")),
    "mentors:mentor_detail": ObjectBound(obj=lambda s: s.mentor, ok=MENTOR_LEZERS),
    "mentors:mentor_toewijzen": ObjectBound(obj=lambda s: s.mentor, **WERKGEVER_ACTIE),
    "mentors:uittreksel_opladen": ObjectBound(obj=lambda s: s.mentor, **WERKGEVER_ACTIE),
    "mentors:uitzondering_aanvragen": ObjectBound(obj=lambda s: s.mentor, **WERKGEVER_ACTIE),
    "mentors:toewijzing_detail": ObjectBound(obj=lambda s: s.toewijzing, ok=MENTOR_LEZERS),
    "mentors:toewijzing_deactiveren": ObjectBound(obj=lambda s: s.toewijzing, **WERKGEVER_ACTIE),
    "mentors:toewijzing_reactiveren": ObjectBound(obj=lambda s: s.toewijzing, **WERKGEVER_ACTIE),
    "mentors:toewijzing_beslissen": ObjectBound(obj=lambda s: s.toewijzing, **PARTNERSCHAP_ACTIE),
    "mentors:uitzondering_detail": ObjectBound(obj=lambda s: s.uitzondering, ok=MENTOR_LEZERS),
    "mentors:uitzondering_beslissen": ObjectBound(
        obj=lambda s: s.uitzondering, **PARTNERSCHAP_ACTIE
    ),
    "mentors:uitzondering_bewijs": ObjectBound(obj=lambda s: s.uitzondering, **BESTAND),
    # S7: an extract is invisible to platform admins (404), unlike the other mentor objects.
    "mentors:uittreksel_controleren": ObjectBound(
        obj=lambda s: s.uittreksel, ok=own(CONS, BEHEER), forbidden=own(VERT, MEDEW), form=True
    ),
    "mentors:uittreksel_bestand": ObjectBound(
        obj=lambda s: s.uittreksel, ok=own(VERT, CONS, BEHEER), forbidden=own(MEDEW)
    ),
    "mentors:mentoropleiding_plannen": ObjectBound(
        obj=lambda s: s.mentoropleiding, **WERKGEVER_ACTIE
    ),
    "mentors:mentoropleiding_voltooien": ObjectBound(
        obj=lambda s: s.mentoropleiding, **WERKGEVER_ACTIE
    ),
    "mentors:mentoropleiding_vrijstellen": ObjectBound(
        obj=lambda s: s.mentoropleiding, **PARTNERSCHAP_ACTIE
    ),
    "mentors:mentoropleiding_certificaat": ObjectBound(obj=lambda s: s.mentoropleiding, **BESTAND),
    # Recognition. The side's school holds the enterprise's mandate, so its coach sees the
    # side's applications and recognitions (R4), but no sanction or appeal; the partnership
    # sees what is routed to it once submitted; platform admins see all and change nothing
    # but appeals.
    "erkenning:aanvraag_list": Authenticated(),
    "erkenning:aanvraag_nieuw": Authenticated(methods=("get", "post")),
    "erkenning:aanvraag_detail": ObjectBound(obj=lambda s: s.aanvraag, ok=AANVRAAG_LEZERS),
    "erkenning:aanvraag_bewerken": ObjectBound(obj=lambda s: s.aanvraag, **INDIENER_ACTIE),
    "erkenning:aanvraag_document": ObjectBound(obj=lambda s: s.aanvraag, **INDIENER_ACTIE),
    "erkenning:aanvraag_indienen": ObjectBound(obj=lambda s: s.aanvraag, **INDIENER_ACTIE),
    # The receipt of a submitted application: whoever reads the application reads it.
    "erkenning:aanvraag_bevestiging": ObjectBound(obj=lambda s: s.aanvraag, ok=AANVRAAG_LEZERS),
    # Only the enterprise's representative signs the declaration on honour (R4).
    "erkenning:aanvraag_verklaring": ObjectBound(
        obj=lambda s: s.aanvraag,
        ok=own(VERT),
        forbidden=own(MEDEW, TRAJ, CONS, BEHEER) | both(PLATFORM),
        form=True,
    ),
    "erkenning:aanvraag_intrekken": ObjectBound(obj=lambda s: s.aanvraag, **INDIENER_ACTIE),
    # Application documents may hold a 596.2 extract: as the mentor evidence (S7).
    "erkenning:aanvraagdocument_bestand": ObjectBound(
        obj=lambda s: s.aanvraagdocument,
        ok=own(VERT, CONS, BEHEER),
        forbidden=own(MEDEW, TRAJ) | both(PLATFORM),
    ),
    "erkenning:wachtrij": Authenticated(),
    "erkenning:aanvraag_onvolledig": ObjectBound(obj=lambda s: s.aanvraag, **BEOORDELAAR_ACTIE),
    "erkenning:aanvraag_volledig": ObjectBound(obj=lambda s: s.aanvraag, **BEOORDELAAR_ACTIE),
    "erkenning:plaatsbezoek": ObjectBound(obj=lambda s: s.aanvraag, **BEOORDELAAR_ACTIE),
    "erkenning:aanvraag_beslissen": ObjectBound(obj=lambda s: s.aanvraag, **BEOORDELAAR_ACTIE),
    "erkenning:erkenning_list": Authenticated(),
    "erkenning:erkenning_detail": ObjectBound(obj=lambda s: s.erkenning, ok=AANVRAAG_LEZERS),
    "erkenning:erkenning_publicatie": ObjectBound(
        obj=lambda s: s.erkenning, **alleen_werkgever(TRAJ, CONS, BEHEER)
    ),
    "erkenning:erkenning_hernieuwen": ObjectBound(
        obj=lambda s: s.erkenning, **alleen_werkgever(TRAJ, CONS, BEHEER)
    ),
    # Sanctions are imposed by the partnership admin only (R26).
    "erkenning:sanctie_opleggen": ObjectBound(
        obj=lambda s: s.erkenning,
        ok=own(BEHEER),
        forbidden=own(VERT, MEDEW, TRAJ, CONS) | both(PLATFORM),
        form=True,
    ),
    "erkenning:sanctie_detail": ObjectBound(obj=lambda s: s.sanctie, ok=SANCTIE_LEZERS),
    # Only the enterprise itself appeals (R28).
    "erkenning:beroep_indienen": ObjectBound(
        obj=lambda s: s.afgewezen, **alleen_werkgever(TRAJ, CONS, BEHEER)
    ),
    "erkenning:sanctie_beroep_indienen": ObjectBound(
        obj=lambda s: s.sanctie, **alleen_werkgever(CONS, BEHEER)
    ),
    "erkenning:beroep_detail": ObjectBound(obj=lambda s: s.beroep, ok=SANCTIE_LEZERS),
    # The appeal coordinator sits at the department (R29).
    "erkenning:beroep_ontvankelijkheid": ObjectBound(
        obj=lambda s: s.beroep,
        ok=both(PLATFORM),
        forbidden=own(VERT, MEDEW, CONS, BEHEER),
        form=True,
    ),
    "erkenning:beroep_beslissen": ObjectBound(
        obj=lambda s: s.beroep,
        ok=both(PLATFORM),
        forbidden=own(VERT, MEDEW, CONS, BEHEER),
        form=True,
    ),
    # Mandates: listed for the enterprise and the mandated organisation; granting is a POST
    # on the list, for the representative only (403 for the others).
    "erkenning:machtiging_list": Authenticated(methods=("get", "post")),
    "erkenning:machtiging_intrekken": ObjectBound(
        obj=lambda s: s.machtiging,
        ok=own(VERT),
        forbidden=own(MEDEW, TRAJ) | both(PLATFORM),
        form=True,
    ),
    # The public search: only employers that opted in, never the world's (not published).
    "erkenning:publiek_zoeken": Public(),
    # Learners and agreements (R44-R48, R59-R76).
    "overeenkomsten:leerling_list": Authenticated(),
    "overeenkomsten:leerling_nieuw": Authenticated(methods=("get", "post")),
    "overeenkomsten:leerling_detail": ObjectBound(
        obj=lambda s: s.leerling, ok=own(TRAJ), forbidden=own(VERT, MEDEW)
    ),
    "overeenkomsten:leerling_bewerken": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:leerling_screenen": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:leerling_goedkeuren": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:werkplek_goedkeuren": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:werkplek_loslaten": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:leerling_stoppen": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:overeenkomst_opstellen": ObjectBound(
        obj=lambda s: s.leerling, **LEERLING_ACTIE
    ),
    "overeenkomsten:vooropleiding_vastleggen": ObjectBound(
        obj=lambda s: s.leerling, **LEERLING_ACTIE
    ),
    "overeenkomsten:vooropleiding_verwijderen": ObjectBound(
        obj=lambda s: s.leerling, **LEERLING_ACTIE
    ),
    # The learner's evaluations: the school all, an enterprise those of its own agreements;
    # the class council's decision and the care registration number are the school's.
    "overeenkomsten:evaluaties": ObjectBound(obj=lambda s: s.leerling, ok=own(TRAJ, VERT, MEDEW)),
    "overeenkomsten:klassenraad": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:inschrijvingsnummer": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    # Proposals: the school proposes, the employer's representative answers (R48); the
    # enterprise's staff see what was proposed to it, never the learner's dossier.
    "overeenkomsten:voorstel_doen": ObjectBound(obj=lambda s: s.leerling, **LEERLING_ACTIE),
    "overeenkomsten:voorstel_list": Authenticated(),
    "overeenkomsten:voorstel_detail": ObjectBound(
        obj=lambda s: s.voorstel, ok=own(TRAJ, VERT, MEDEW)
    ),
    "overeenkomsten:voorstel_aanvaarden": ObjectBound(
        obj=lambda s: s.voorstel, ok=own(VERT), forbidden=own(TRAJ, MEDEW), form=True
    ),
    "overeenkomsten:voorstel_weigeren": ObjectBound(
        obj=lambda s: s.voorstel, ok=own(VERT), forbidden=own(TRAJ, MEDEW), form=True
    ),
    "overeenkomsten:voorstel_intrekken": ObjectBound(obj=lambda s: s.voorstel, **SCHOOL_ACTIE),
    "overeenkomsten:overeenkomst_list": Authenticated(),
    "overeenkomsten:overeenkomst_detail": ObjectBound(
        obj=lambda s: s.overeenkomst, ok=OVEREENKOMST_LEZERS
    ),
    "overeenkomsten:overeenkomst_voorbeeld": ObjectBound(
        obj=lambda s: s.overeenkomst, ok=OVEREENKOMST_LEZERS
    ),
    "overeenkomsten:overeenkomst_bewerken": ObjectBound(
        obj=lambda s: s.overeenkomst, **SCHOOL_ACTIE
    ),
    "overeenkomsten:overeenkomst_versturen": ObjectBound(
        obj=lambda s: s.overeenkomst, **SCHOOL_ACTIE
    ),
    # The receipt of a sent agreement: whoever reads the agreement reads it.
    "overeenkomsten:overeenkomst_verstuurd": ObjectBound(
        obj=lambda s: s.overeenkomst, ok=OVEREENKOMST_LEZERS
    ),
    "overeenkomsten:goedkeuring_papier": ObjectBound(obj=lambda s: s.overeenkomst, **SCHOOL_ACTIE),
    "overeenkomsten:link_opnieuw": ObjectBound(obj=lambda s: s.overeenkomst, **SCHOOL_ACTIE),
    "overeenkomsten:overeenkomst_annuleren": ObjectBound(
        obj=lambda s: s.overeenkomst, **SCHOOL_ACTIE
    ),
    "overeenkomsten:overeenkomst_goedkeuren": ObjectBound(
        obj=lambda s: s.overeenkomst, **PARTIJ_ACTIE
    ),
    "overeenkomsten:schorsing_registreren": ObjectBound(obj=lambda s: s.getekend, **PARTIJ_ACTIE),
    "overeenkomsten:overeenkomst_beeindigen": ObjectBound(obj=lambda s: s.getekend, **PARTIJ_ACTIE),
    # The employer's formalities: its representative only; the school reads them on the page.
    "overeenkomsten:formaliteiten_vastleggen": ObjectBound(
        obj=lambda s: s.overeenkomst, ok=own(VERT), forbidden=own(MEDEW, TRAJ), form=True
    ),
    # Evaluations: the employer's representative and the coach record them (R52); the
    # supervised days and weekly feedback are the employer's side only (home care).
    "overeenkomsten:evaluatie_toevoegen": ObjectBound(obj=lambda s: s.getekend, **PARTIJ_ACTIE),
    "overeenkomsten:begeleide_dag_toevoegen": ObjectBound(
        obj=lambda s: s.getekend, ok=own(VERT), forbidden=own(TRAJ, MEDEW), form=True
    ),
    "overeenkomsten:feedback_toevoegen": ObjectBound(
        obj=lambda s: s.getekend, ok=own(VERT), forbidden=own(TRAJ, MEDEW), form=True
    ),
    "overeenkomsten:evaluatie_document": ObjectBound(
        obj=lambda s: s.evaluatie, ok=OVEREENKOMST_LEZERS
    ),
    "overeenkomsten:document_pdf": ObjectBound(obj=lambda s: s.document, ok=OVEREENKOMST_LEZERS),
    "overeenkomsten:document_getekend": ObjectBound(obj=lambda s: s.kopie, ok=OVEREENKOMST_LEZERS),
    # The agreement page's script asks whether its PDF is still being made.
    "overeenkomsten:document_status": ObjectBound(
        obj=lambda s: s.overeenkomst, ok=OVEREENKOMST_LEZERS
    ),
    "overeenkomsten:goedkeuring_scan": ObjectBound(obj=lambda s: s.papier, ok=OVEREENKOMST_LEZERS),
    # A signature on paper recorded for the employer: the representative confirms or disputes
    # it; the programme's partnership sees it (and its scan) and may verify it, and sees
    # nothing else of the agreement (S1).
    "overeenkomsten:handtekening_bevestigen": ObjectBound(
        obj=lambda s: s.handtekening, **HANDTEKENING_WERKGEVER
    ),
    "overeenkomsten:handtekening_betwisten": ObjectBound(
        obj=lambda s: s.handtekening, **HANDTEKENING_WERKGEVER
    ),
    "overeenkomsten:handtekening_verifieren": ObjectBound(
        obj=lambda s: s.handtekening,
        ok=own(CONS, BEHEER),
        forbidden=own(VERT, MEDEW, TRAJ),
        form=True,
    ),
    "overeenkomsten:handtekening_list": Authenticated(),
    # The personal approval link: no account, the signed token is the key (R61); it opens a
    # short session for the pages after it.
    "overeenkomsten:link_openen": Public(kwargs=_link_kwargs, opent_eigen_dossier=True, geldig=302),
    "overeenkomsten:link_pagina": LinkSessie(),
    "overeenkomsten:link_pdf": LinkSessie(),
    "overeenkomsten:link_goedkeuren": LinkSessie(methods=("post",), met_sessie=403),
    "overeenkomsten:link_betwisten": LinkSessie(methods=("post",), met_sessie=403),
    # The learner's own dossier (government login, no membership): found by the account's
    # national number; the overview is any logged-in user's own (empty for most).
    "overeenkomsten:mijn_dossier": Authenticated(),
    "overeenkomsten:mijn_overeenkomst": Persoonlijk(obj=lambda s: s.overeenkomst),
    # Without the version read, the form page shows again (200).
    "overeenkomsten:mijn_overeenkomst_goedkeuren": Persoonlijk(
        obj=lambda s: s.overeenkomst, methods=("get", "post")
    ),
    "overeenkomsten:mijn_overeenkomst_pdf": Persoonlijk(obj=lambda s: s.getekend),
}
# The Django admin (under /beheer/) is for platform admins only: tested as a group below.
ADMIN_NAMESPACE = "admin"
