from django.db import models
from django.utils.translation import gettext_lazy as _

from duaal.organisaties.constants import OrganisatieSoort


class Rol(models.TextChoices):
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Employer representative")
    ONDERNEMING_MEDEWERKER = "onderneming_medewerker", _("Employer staff (read only)")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectory coach")
    SCHOOLBEHEERDER = "schoolbeheerder", _("School administrator")
    SECTORCONSULENT = "sectorconsulent", _("Sector consultant")
    PARTNERSCHAPSBEHEERDER = "partnerschapsbeheerder", _("Partnership administrator")
    PLATFORMBEHEERDER = "platformbeheerder", _("Platform administrator")


# Which kind of organisation each role acts for.
ROL_ORGANISATIESOORT: dict[str, str] = {
    Rol.VERTEGENWOORDIGER: OrganisatieSoort.ONDERNEMING,
    Rol.ONDERNEMING_MEDEWERKER: OrganisatieSoort.ONDERNEMING,
    Rol.TRAJECTBEGELEIDER: OrganisatieSoort.ONDERWIJSINSTELLING,
    Rol.SCHOOLBEHEERDER: OrganisatieSoort.ONDERWIJSINSTELLING,
    Rol.SECTORCONSULENT: OrganisatieSoort.PARTNERSCHAP,
    Rol.PARTNERSCHAPSBEHEERDER: OrganisatieSoort.PARTNERSCHAP,
    Rol.PLATFORMBEHEERDER: OrganisatieSoort.DEPARTEMENT,
}


# The administrator role of each kind of organisation: who manages its access (invites
# colleagues, grants and revokes roles, answers access requests).
BEHEERDERSROL: dict[str, str] = {
    OrganisatieSoort.ONDERNEMING: Rol.VERTEGENWOORDIGER,
    OrganisatieSoort.ONDERWIJSINSTELLING: Rol.SCHOOLBEHEERDER,
    OrganisatieSoort.PARTNERSCHAP: Rol.PARTNERSCHAPSBEHEERDER,
    OrganisatieSoort.DEPARTEMENT: Rol.PLATFORMBEHEERDER,
}


def rollen_voor_soort(soort: str) -> list[str]:
    """The roles a membership of this kind of organisation can have: what may be granted."""
    return [rol for rol, s in ROL_ORGANISATIESOORT.items() if s == soort]


class MembershipBron(models.TextChoices):
    """Where a membership comes from: a grant in the portal stays until it is revoked; one
    from the identity provider's claims is re-synced at every login and read-only here."""

    PORTAAL = "portaal", _("granted in the portal")
    CLAIM = "claim", _("from the government login")


class AanvraagStatus(models.TextChoices):
    OPEN = "open", _("open")
    TOEGEKEND = "toegekend", _("granted")
    GEWEIGERD = "geweigerd", _("refused")


class AuditVerb(models.TextChoices):
    """The accounts' audit verbs; the labels are what the timeline shows."""

    MEMBERSHIP_TOEGEKEND = "membership.toegekend", _("membership granted in management")
    MEMBERSHIP_GEWIJZIGD = "membership.gewijzigd", _("membership changed in management")
    MEMBERSHIP_INGETROKKEN = "membership.ingetrokken", _("membership removed in management")
    TOEGANG_TOEGEKEND = "toegang.toegekend", _("access granted")
    TOEGANG_INGETROKKEN = "toegang.ingetrokken", _("access revoked")
    TOEGANG_GEWIJZIGD = "toegang.gewijzigd", _("role changed")
    CLAIM_TOEGANG_GESTART = "toegang.claim_gestart", _("access from the government login")
    CLAIM_TOEGANG_BEEINDIGD = "toegang.claim_beeindigd", _("access from the government login ended")
    UITNODIGING_VERSTUURD = "uitnodiging.verstuurd", _("colleague invited")
    UITNODIGING_GEBRUIKT = "uitnodiging.gebruikt", _("invitation accepted")
    UITNODIGING_INGETROKKEN = "uitnodiging.ingetrokken", _("invitation withdrawn")
    TOEGANGSAANVRAAG_INGEDIEND = "toegangsaanvraag.ingediend", _("access requested")
    TOEGANGSAANVRAAG_BEANTWOORD = "toegangsaanvraag.beantwoord", _("access request answered")
    ACCOUNT_GEKOPPELD = "account.gekoppeld", _("account linked to the government login")
    ONDERNEMING_REGISTRATIE_BEVESTIGD = (
        "onderneming.registratie_bevestigd",
        _("registration confirmed"),
    )


# The session key under which the government login leaves the organisation a person logged in
# for without a role there: the access-request page asks access to that one only.
TOEGANG_AANVRAGEN_SESSIE = "toegang:organisatie"

# How long an invitation's link works: long enough for a colleague on leave, short enough that
# a forgotten mail in a shared mailbox stops opening the organisation.
UITNODIGING_GELDIG_DAGEN = 14
