"""The government login's claims mapping (duaal/accounts/claims.py) and what a login does with
the memberships (duaal/accounts/aanmelden.py): the table in the README, "Claims"."""

import datetime as dt

import pytest

from duaal.accounts.aanmelden import aanmelden_met_identiteit, account_koppelen
from duaal.accounts.actor import ANONYMOUS
from duaal.accounts.claims import (
    ClaimsGeweigerd,
    ClaimsInstellingen,
    Code,
    Orgcode,
    identiteit_lezen,
)
from duaal.accounts.constants import AuditVerb, MembershipBron, Rol
from duaal.accounts.models import Membership, User
from duaal.insz import insz_voor
from tests.factories import (
    MembershipFactory,
    OndernemingFactory,
    OnderwijsinstellingFactory,
    PartnerschapFactory,
    UserFactory,
)
from tests.support import verbs

INSTELLINGEN = ClaimsInstellingen(
    acr_levels=("loa-low", "loa-substantial", "loa-high"),
    min_acr="loa-substantial",
    role_claim="dv_duaal_rol_3d",
    role_prefix="DVDuaalGebruiker",
)
RRN = insz_voor(dt.date(1980, 5, 17), 45)
KBO = "0403170701"
KBO_TWEE = "0202239951"
SLECHTE_KBO = "0403170702"


def claims(**extra):
    basis = {
        "sub": "sub-1",
        "given_name": "An",
        "family_name": "Peeters",
        "vo_email": "An.Peeters@bakkerij.be",
        "rrn": RRN,
        "acr": "loa-substantial",
        "vo_doelgroepcode": "EA",
        "vo_doelgroepnaam": "Onderneming",
        "vo_orgcode": KBO,
        "vo_orgnaam": "Bakkerij Peeters",
    }
    basis.update(extra)
    return {k: v for k, v in basis.items() if v is not None}


def weigering(**extra) -> str:
    with pytest.raises(ClaimsGeweigerd) as fout:
        identiteit_lezen(claims(**extra), INSTELLINGEN)
    return fout.value.code


class TestClaimsLezen:
    def test_the_person_and_capacity(self):
        ident = identiteit_lezen(claims(wv_orgcode=KBO), INSTELLINGEN)
        assert (ident.sub, ident.naam, ident.email) == (
            "sub-1",
            "An Peeters",
            "an.peeters@bakkerij.be",
        )
        assert ident.insz == RRN and ident.doelgroep == "EA"
        assert ident.orgcode == Orgcode(Code.KBO, KBO)
        assert ident.vertegenwoordigt == Orgcode(Code.KBO, KBO)

    def test_email_falls_back_to_the_email_claim(self):
        assert (
            identiteit_lezen(claims(vo_email=None, email="a@b.be"), INSTELLINGEN).email == "a@b.be"
        )

    def test_role_claim_values_of_this_application_only(self):
        ident = identiteit_lezen(
            claims(
                vo_doelgroepcode="GID",
                vo_orgcode="OVO002949",
                dv_duaal_rol_3d=[
                    "DVDuaalGebruiker-consulent:OVO002949",
                    "AndereAppGebruiker-beheerder:OVO002949",
                    "DVDuaalGebruiker-onbekend:OVO002949",
                ],
            ),
            INSTELLINGEN,
        )
        assert [(r.code.waarde, r.rol) for r in ident.rollen] == [
            ("OVO002949", Rol.SECTORCONSULENT)
        ]

    def test_a_single_valued_role_claim_counts_too(self):
        ident = identiteit_lezen(
            claims(dv_duaal_rol_3d=f"DVDuaalGebruiker-medewerker:{KBO}"), INSTELLINGEN
        )
        assert [r.rol for r in ident.rollen] == [Rol.ONDERNEMING_MEDEWERKER]

    def test_a_citizen_needs_no_organisation(self):
        ident = identiteit_lezen(
            claims(vo_doelgroepcode="BUR", vo_orgcode=None, vo_orgnaam=None), INSTELLINGEN
        )
        assert ident.orgcode is None and ident.rollen == ()

    def test_a_school_by_its_institution_number(self):
        ident = identiteit_lezen(claims(vo_doelgroepcode="OV", vo_orgcode="123456"), INSTELLINGEN)
        assert ident.orgcode == Orgcode(Code.INSTELLING, "123456")

    @pytest.mark.parametrize(
        ("extra", "code"),
        [
            ({"acr": "loa-low"}, "acr"),
            ({"acr": None}, "acr"),
            ({"acr": "iets-anders"}, "acr"),
            ({"vo_doelgroepcode": "XYZ"}, "doelgroep"),
            ({"vo_doelgroepcode": None}, "doelgroep"),
            ({"rrn": None}, "rrn"),
            ({"rrn": "12345678901"}, "rrn"),
            ({"vo_orgcode": SLECHTE_KBO}, "kbo"),
            ({"wv_orgcode": SLECHTE_KBO}, "kbo"),
            ({"vo_orgcode": None}, "orgcode"),
            ({"vo_orgcode": "ABC"}, "orgcode"),
            ({"sub": None}, "sub"),
            ({"dv_duaal_rol_3d": [f"DVDuaalGebruiker-beheerder:{SLECHTE_KBO}"]}, "kbo"),
        ],
    )
    def test_refusals_say_why(self, extra, code):
        assert weigering(**extra) == code

    def test_every_refusal_says_what_to_do_next(self):
        with pytest.raises(ClaimsGeweigerd) as fout:
            identiteit_lezen(claims(acr="loa-low"), INSTELLINGEN)
        assert "eID" in str(fout.value.volgende_stap) and "itsme" in str(fout.value.volgende_stap)

    def test_a_higher_level_than_the_minimum_is_accepted(self):
        assert identiteit_lezen(claims(acr="loa-high"), INSTELLINGEN).acr == "loa-high"


def aanmelden(**extra):
    return aanmelden_met_identiteit(identiteit_lezen(claims(**extra), INSTELLINGEN), door=ANONYMOUS)


@pytest.mark.django_db
class TestUitkomst:
    """The outcome table: wv_orgcode makes the administrator, a role claim gives its role,
    neither asks the organisation for access; claim memberships follow the claims."""

    def test_legal_representative_becomes_administrator(self):
        org = OndernemingFactory(kbo_nummer=KBO)
        uitkomst = aanmelden(wv_orgcode=KBO)
        m = Membership.objects.get(user=uitkomst.user)
        assert (m.organisatie_id, m.rol, m.bron, m.wettelijk_vertegenwoordiger) == (
            org.pk,
            Rol.VERTEGENWOORDIGER,
            MembershipBron.CLAIM,
            True,
        )
        assert uitkomst.zonder_rol is None
        assert AuditVerb.CLAIM_TOEGANG_GESTART in verbs(org)
        assert uitkomst.user.insz == RRN and not uitkomst.user.has_usable_password()

    def test_role_claim_gives_that_role(self):
        org = OndernemingFactory(kbo_nummer=KBO)
        uitkomst = aanmelden(dv_duaal_rol_3d=[f"DVDuaalGebruiker-medewerker:{KBO}"])
        assert [m.rol for m in uitkomst.user.memberships.filter(organisatie=org)] == [
            Rol.ONDERNEMING_MEDEWERKER
        ]

    def test_neither_asks_for_access(self):
        org = OndernemingFactory(kbo_nummer=KBO)
        uitkomst = aanmelden()
        assert uitkomst.zonder_rol == org and not uitkomst.user.memberships.exists()

    def test_partnership_by_ovo_code_or_by_kbo_of_its_sector_fund(self):
        via_ovo = PartnerschapFactory(ovo_code="OVO002949")
        via_kbo = PartnerschapFactory(kbo_nummer=KBO_TWEE)
        gid = aanmelden(
            sub="gid",
            vo_email="c1@x.be",
            vo_doelgroepcode="GID",
            vo_orgcode="OVO002949",
            dv_duaal_rol_3d=["DVDuaalGebruiker-consulent:OVO002949"],
        )
        fonds = aanmelden(
            sub="fonds",
            vo_email="c2@x.be",
            vo_orgcode=KBO_TWEE,
            dv_duaal_rol_3d=[f"DVDuaalGebruiker-consulent:{KBO_TWEE}"],
        )
        assert gid.user.memberships.get().organisatie_id == via_ovo.pk
        assert fonds.user.memberships.get().organisatie_id == via_kbo.pk
        assert fonds.user.memberships.get().rol == Rol.SECTORCONSULENT

    def test_a_role_that_does_not_fit_the_organisation_grants_nothing(self):
        OndernemingFactory(kbo_nummer=KBO)
        uitkomst = aanmelden(dv_duaal_rol_3d=[f"DVDuaalGebruiker-consulent:{KBO}"])
        assert not uitkomst.user.memberships.exists()

    def test_unknown_enterprise_of_its_legal_representative(self):
        uitkomst = aanmelden(wv_orgcode=KBO)
        assert uitkomst.onbekende_onderneming == Orgcode(Code.KBO, KBO)
        assert not Membership.objects.exists()

    def test_a_claim_that_disappears_ends_its_membership_but_not_a_grant(self):
        org = OndernemingFactory(kbo_nummer=KBO)
        school = OnderwijsinstellingFactory(instellingsnummer="123456")
        eerst = aanmelden(wv_orgcode=KBO)
        MembershipFactory(user=eerst.user, organisatie=school, rol=Rol.TRAJECTBEGELEIDER)
        later = aanmelden()  # the representative changed: no wv_orgcode any more
        claim = Membership.objects.get(user=later.user, organisatie=org)
        assert not claim.actief and later.beeindigd == [claim]
        assert Membership.objects.get(user=later.user, organisatie=school).actief
        assert AuditVerb.CLAIM_TOEGANG_BEEINDIGD in verbs(org)
        terug = aanmelden(wv_orgcode=KBO)
        assert Membership.objects.get(user=terug.user, organisatie=org).actief

    def test_the_same_login_twice_changes_nothing(self):
        org = OndernemingFactory(kbo_nummer=KBO)
        aanmelden(wv_orgcode=KBO)
        tweede = aanmelden(wv_orgcode=KBO)
        assert tweede.gestart == [] and tweede.beeindigd == []
        assert verbs(org).count(AuditVerb.CLAIM_TOEGANG_GESTART) == 1

    def test_a_local_account_is_never_linked_silently_by_email(self):
        lokaal = UserFactory(email="an.peeters@bakkerij.be")
        uitkomst = aanmelden(wv_orgcode=KBO)
        assert uitkomst.user is None and uitkomst.koppelen == lokaal
        assert User.objects.get(pk=lokaal.pk).oidc_sub is None
        assert User.objects.count() == 1

    def test_linking_binds_the_subject_once(self):
        OndernemingFactory(kbo_nummer=KBO)
        lokaal = UserFactory(email="an.peeters@bakkerij.be")
        ident = identiteit_lezen(claims(wv_orgcode=KBO), INSTELLINGEN)
        uitkomst = account_koppelen(lokaal, ident, door=ANONYMOUS)
        assert uitkomst.user == lokaal and User.objects.get(pk=lokaal.pk).oidc_sub == "sub-1"
        assert lokaal.memberships.get().rol == Rol.VERTEGENWOORDIGER
        assert aanmelden(wv_orgcode=KBO).user == lokaal

    def test_a_citizen_without_e_mail_gets_an_account(self):
        uitkomst = aanmelden(vo_doelgroepcode="BUR", vo_orgcode=None, vo_email=None, sub="burger-1")
        assert uitkomst.user.email.endswith("@burger.invalid") and uitkomst.user.insz == RRN
