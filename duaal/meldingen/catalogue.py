"""Every mail the portal sends: its template, who gets it, when, and demo facts to render it
with (tests/test_mail_catalogue.py renders each one; the README's "Mails" table lists them).
A new template under templates/mail/ without an entry here fails that test."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MailEntry:
    template: str
    recipients: str
    when: str
    demo: dict[str, object] = field(default_factory=dict)
    # The mail carries a link built at delivery (links.py); the demo renders a sample one.
    has_link: bool = False


_PORTAAL = "https://portaal.example/"

CATALOGUE: dict[str, MailEntry] = {
    e.template: e
    for e in [
        MailEntry(
            "accounts/password_reset",
            "The account holder who asked for a new password on the login page.",
            "At once; the link is made at delivery.",
            {},
            has_link=True,
        ),
        MailEntry(
            "accounts/registration_new",
            "Who registered an enterprise with a new address.",
            "At registration; confirm within 3 days.",
            {"onderneming": "Bakkerij Vermeulen"},
            has_link=True,
        ),
        MailEntry(
            "accounts/registration_existing",
            "The account holder whose address was used to register an enterprise.",
            "At registration; confirm within 3 days.",
            {
                "onderneming": "Bakkerij Vermeulen",
                "inloggen": _PORTAAL + "inloggen/",
                "wachtwoord": _PORTAAL + "wachtwoord/",
            },
            has_link=True,
        ),
        MailEntry(
            "accounts/invitation",
            "The address an organisation's administrator invited.",
            "At the invitation; the link works once, for 14 days, and is made at delivery.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "rol": "Employer staff (read only)",
                "door": "Els Vermeulen",
                "tot": "2026-10-15",
                "inloggen": _PORTAAL + "account/inloggen/",
            },
            has_link=True,
        ),
        MailEntry(
            "accounts/invitation_withdrawn",
            "The address whose invitation was withdrawn.",
            "When an administrator withdraws an open invitation.",
            {"organisatie": "Bakkerij Vermeulen", "url": _PORTAAL + "account/inloggen/"},
        ),
        MailEntry(
            "accounts/access_granted",
            "The person who got access (or another role) in an organisation.",
            "When an invitation is accepted, an access request granted or a role changed.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "rol": "Employer staff (read only)",
                "vorige_rol": "Employer representative",
                "door": "Els Vermeulen",
                "url": _PORTAAL + "dashboard/",
            },
        ),
        MailEntry(
            "accounts/access_granted_admins",
            "The organisation's administrators.",
            "When someone gets access (or another role) in their organisation.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "persoon": "Jan Peeters",
                "rol": "Employer staff (read only)",
                "vorige_rol": "",
                "door": "Els Vermeulen",
                "url": _PORTAAL + "account/toegang/",
            },
        ),
        MailEntry(
            "accounts/access_revoked",
            "The person whose access was revoked.",
            "When an administrator revokes a membership granted in the portal.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "rol": "Employer staff (read only)",
                "door": "Els Vermeulen",
                "url": _PORTAAL + "dashboard/",
            },
        ),
        MailEntry(
            "accounts/access_revoked_admins",
            "The organisation's administrators.",
            "When a membership of their organisation is revoked.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "persoon": "Jan Peeters",
                "rol": "Employer staff (read only)",
                "door": "Els Vermeulen",
                "url": _PORTAAL + "account/toegang/",
            },
        ),
        MailEntry(
            "accounts/access_requested",
            "The organisation's administrators (none yet: the request waits on the dashboard).",
            "When a person without a role in the organisation asks access.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "persoon": "Jan Peeters",
                "email": "jan@voorbeeld.be",
                "toelichting": "Ik ben de nieuwe boekhouder.",
                "url": _PORTAAL + "account/toegang/",
            },
        ),
        MailEntry(
            "accounts/access_request_refused",
            "The person who asked access.",
            "When an administrator refuses the request.",
            {
                "organisatie": "Bakkerij Vermeulen",
                "reden": "U werkt niet bij ons.",
                "door": "Els Vermeulen",
                "url": _PORTAAL + "dashboard/",
            },
        ),
        MailEntry(
            "mentors/designation_proposed",
            "The partnership's sector consultants and administrators.",
            "When an employer designates a mentor.",
            {
                "onderneming": "Bakkerij Vermeulen",
                "mentor": "Jan Peeters",
                "opleiding": "Bakker",
                "vestiging": "Bakkerij Gent",
                "url": _PORTAAL + "toewijzingen/1/",
            },
        ),
        MailEntry(
            "mentors/designation_decided",
            "The employer's representatives.",
            "When the partnership accepts or refuses a mentor designation.",
            {
                "aanvaard": False,
                "mentor": "Jan Peeters",
                "opleiding": "Bakker",
                "vestiging": "Bakkerij Gent",
                "motivatie": "Te weinig ervaring.",
                "url": _PORTAAL + "toewijzingen/1/",
            },
        ),
        MailEntry(
            "mentors/no_valid_mentor",
            "The employer's representatives and the partnership team.",
            "When an establishment x programme loses its last valid mentor.",
            {"opleiding": "Bakker", "vestiging": "Bakkerij Gent", "url": _PORTAAL + "mentoren/"},
        ),
        MailEntry(
            "mentors/exception_requested",
            "The partnership team.",
            "When an employer asks an exception for a mentor.",
            {
                "onderneming": "Bakkerij Vermeulen",
                "mentor": "Jan Peeters",
                "soort": "Age",
                "url": _PORTAAL + "uitzonderingen/1/",
            },
        ),
        MailEntry(
            "mentors/exception_decided",
            "The employer's representatives.",
            "When the partnership grants or refuses the exception.",
            {
                "toegekend": True,
                "mentor": "Jan Peeters",
                "soort": "Age",
                "motivatie": "In orde.",
                "url": _PORTAAL + "uitzonderingen/1/",
            },
        ),
        MailEntry(
            "mentors/training_due",
            "The employer's representatives.",
            "Before the mentor training's completion deadline (daily sweep).",
            {"mentor": "Jan Peeters", "d": "2027-03-01", "url": _PORTAAL + "mentoren/1/"},
        ),
        MailEntry(
            "mentors/training_overdue",
            "The employer's representatives and the partnership team.",
            "Once, when the training is not planned or completed in time.",
            {
                "voltooien": True,
                "mentor": "Jan Peeters",
                "onderneming": "Bakkerij Vermeulen",
                "url": _PORTAAL + "mentoren/1/",
            },
        ),
        MailEntry(
            "erkenning/application_receipt",
            "Who submitted the application (the representative, or the mandated school or "
            "partnership).",
            "When an application is submitted or resubmitted: the receipt with its reference.",
            {
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "referentie": "A-3F9C21AB",
                "op": "2026-10-01",
                "partnerschap": "Sectoraal partnerschap Voeding",
                "dagen": 14,
                "url": _PORTAAL + "aanvragen/1/",
            },
        ),
        MailEntry(
            "erkenning/application_submitted",
            "The partnership's sector consultants (and the employer, when filed under a mandate).",
            "When an application is submitted.",
            {
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "door": "Tine Coach",
                "url": _PORTAAL + "aanvragen/1/",
            },
        ),
        MailEntry(
            "erkenning/application_incomplete",
            "The employer's representatives.",
            "When the partnership asks for more information.",
            {
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "ontbrekend": "Recent RSZ-attest.",
                "url": _PORTAAL + "aanvragen/1/",
            },
        ),
        MailEntry(
            "erkenning/application_complete",
            "The employer's representatives.",
            "When the file is complete; the decision term starts.",
            {
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "d": "2026-11-20",
                "url": _PORTAAL + "aanvragen/1/",
            },
        ),
        MailEntry(
            "erkenning/application_decided",
            "The employer's representatives.",
            "When the partnership approves or refuses the application.",
            {
                "uitkomst": "afgewezen",
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "tot": "2026-10-15",
                "ontvangen": "2026-10-05",
                "motivering": "Geen uitrusting.",
                "url": _PORTAAL + "aanvragen/1/",
            },
        ),
        MailEntry(
            "erkenning/decision_due",
            "The partnership's sector consultants.",
            "Before the decision term ends (daily sweep).",
            {
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "d": "2026-11-20",
                "url": _PORTAAL + "aanvragen/1/beslissen/",
            },
        ),
        MailEntry(
            "erkenning/decision_term_exceeded",
            "The partnership's administrators, its escalation address when set"
            " (and VPDL where the partnership says so).",
            "Once, when the decision term lapsed undecided.",
            {
                "aanvraag": "First recognition: Bakker – Bakkerij Gent",
                "onderneming": "Bakkerij Vermeulen",
                "d": "2026-11-20",
                "url": _PORTAAL + "aanvragen/1/",
            },
        ),
        MailEntry(
            "erkenning/renewal_due",
            "The employer's representatives.",
            "At each renewal reminder before the recognition ends.",
            {
                "erkenning": "Bakker – Bakkerij Gent",
                "d": "2027-09-01",
                "url": _PORTAAL + "erkenningen/1/hernieuwen/",
            },
        ),
        MailEntry(
            "erkenning/sanction_imposed",
            "The employer's representatives.",
            "When the partnership imposes a measure.",
            {
                "onderneming": "Bakkerij Vermeulen",
                "soort": "Guidance action",
                "motivering": "Begeleiding nodig.",
                "beroep_tot": "2026-12-01",
                "ontvangen": "2026-11-21",
                "url": _PORTAAL + "sancties/1/",
            },
        ),
        MailEntry(
            "erkenning/appeal_lodged",
            "The partnership's administrators and sector consultants.",
            "When an enterprise lodges an appeal.",
            {"onderneming": "Bakkerij Vermeulen", "url": _PORTAAL + "beroepen/1/"},
        ),
        MailEntry(
            "erkenning/appeal_admissibility",
            "The employer's representatives.",
            "When receipt of the appeal is confirmed as admissible or not.",
            {
                "ontvankelijk": False,
                "motivering": "Te laat ingediend.",
                "url": _PORTAAL + "beroepen/1/",
            },
        ),
        MailEntry(
            "erkenning/appeal_decided",
            "The employer's representatives.",
            "When the appeal committee decides.",
            {
                "gegrond": True,
                "motivering": "De weigering was niet gemotiveerd.",
                "url": _PORTAAL + "beroepen/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/approval_link",
            "The learner and, for a minor, the parent (no account).",
            "When the agreement is sent, or a new link is asked.",
            {"onderneming": "Bakkerij Vermeulen", "opleiding": "Bakker", "d": "2026-09-30"},
            has_link=True,
        ),
        MailEntry(
            "overeenkomsten/sent_receipt",
            "The trajectory coach who sent the agreement.",
            "When an agreement is sent for approval: the receipt with its reference.",
            {
                "overeenkomst": "OAO Bakker – Lotte Peeters",
                "referentie": "O-3F9C21AB-1",
                "op": "2026-10-01",
                "onderneming": "Bakkerij Vermeulen",
                "met_vertegenwoordiger": True,
                "links_tot": "2026-10-15",
                "uiterlijk": "2026-10-29",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/sent_to_employer",
            "The employer's representatives.",
            "When the school sends the agreement for approval.",
            {
                "school": "GO! Campus Gent",
                "overeenkomst": "OAO Lotte Peeters",
                "d": "2026-10-01",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/new_version",
            "The employer's representatives, the coaches, the learner and parent.",
            "When a substantive change resets the approvals.",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "wat": "start, einde",
                "versie": 2,
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/signed",
            "The employer's representatives and the coaches.",
            "When the last party approves.",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "d": "2026-10-01",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/signed_learner",
            "The learner (a link to their dossier, after logging in).",
            "When the last party approves.",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "d": "2026-10-01",
                "url": _PORTAAL + "mijn-dossier/overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/signed_parent",
            "The legal representative of a minor (no account).",
            "When the last party approves; the personal link opens the signed copy for 14 days.",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "leerling": "Lotte Peeters",
                "d": "2026-10-01",
                "tot": "2026-10-15",
            },
            has_link=True,
        ),
        MailEntry(
            "overeenkomsten/confirm_signature_employer",
            "Each representative of the employer.",
            "When the school records a paper signature for the employer.",
            {
                "d": "2026-09-20",
                "school": "GO! Campus Gent",
                "ondertekenaar": "Wim Werkgever",
                "overeenkomst": "OAO Lotte Peeters",
                "onderneming": "Bakkerij Vermeulen",
                "start": "2026-10-01",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/confirm_signature_link",
            "The learner or parent whose paper signature was recorded.",
            "When the school records it; a fresh personal link.",
            {
                "d": "2026-09-20",
                "school": "GO! Campus Gent",
                "onderneming": "Bakkerij Vermeulen",
                "opleiding": "Bakker",
                "tot": "2026-10-04",
            },
            has_link=True,
        ),
        MailEntry(
            "overeenkomsten/signature_disputed_partnership",
            "The partnership's sector consultants and administrators.",
            "When a party disputes a paper signature.",
            {
                "partij": "learner",
                "naam": "Lotte Peeters",
                "overeenkomst": "OAO Lotte Peeters",
                "reden": "Niet mijn handtekening.",
                "url": _PORTAAL + "handtekeningen/",
            },
        ),
        MailEntry(
            "overeenkomsten/signature_disputed_school",
            "The coach who recorded it and the agreement's coach.",
            "When a party disputes a paper signature.",
            {
                "partij": "learner",
                "naam": "Lotte Peeters",
                "overeenkomst": "OAO Lotte Peeters",
                "reden": "Niet mijn handtekening.",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/long_suspension",
            "The school's coaches.",
            "When a suspension of more than 14 days is recorded.",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "van": "2026-11-02",
                "tot": "2026-11-30",
                "reden": "Illness",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/ended_early",
            "The coaches and the employer's representatives.",
            "When a signed agreement is ended early.",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "d": "2026-12-15",
                "reden": "By mutual agreement",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/evaluation_overdue",
            "The coaches and the employer's representatives.",
            "When the evaluation a programme phase requires is overdue (once).",
            {
                "overeenkomst": "OAO Lotte Peeters",
                "d": "2027-03-01",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/withdrawn",
            "The employer's representatives.",
            "When the school withdraws an agreement awaiting approval.",
            {
                "school": "GO! Campus Gent",
                "overeenkomst": "OAO Lotte Peeters",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/recognition_ended",
            "The coaches and the employer's representatives.",
            "Once, when the workplace's recognition ended under a running agreement.",
            {
                "vestiging": "Bakkerij Gent",
                "opleiding": "Bakker",
                "reden": "Lifted",
                "overeenkomst": "OAO Lotte Peeters",
                "url": _PORTAAL + "overeenkomsten/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/proposal_made",
            "Each representative of the enterprise.",
            "When a school proposes a learner.",
            {
                "school": "GO! Campus Gent",
                "leerling": "Lotte Peeters",
                "opleiding": "Bakker",
                "start": "2026-09-01",
                "waar": "Bakkerij Gent",
                "d": "2026-09-29",
                "url": _PORTAAL + "voorstellen/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/proposal_accepted",
            "The coach who proposed.",
            "When the employer accepts the proposal.",
            {
                "onderneming": "Bakkerij Vermeulen",
                "leerling": "Lotte Peeters",
                "vestiging": "Bakkerij Gent",
                "intake": "2026-09-10",
                "d": "2026-09-29",
                "url": _PORTAAL + "leerlingen/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/proposal_refused",
            "The coach who proposed.",
            "When the employer refuses the proposal.",
            {
                "onderneming": "Bakkerij Vermeulen",
                "leerling": "Lotte Peeters",
                "reden": "Geen plaats dit schooljaar.",
                "d": "2026-09-29",
                "url": _PORTAAL + "leerlingen/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/proposal_lapsed",
            "The coach who proposed.",
            "When the learner's term ends without an answer (daily sweep).",
            {
                "leerling": "Lotte Peeters",
                "waar": "Bakkerij Gent",
                "d": "2026-09-29",
                "url": _PORTAAL + "leerlingen/1/",
            },
        ),
        MailEntry(
            "overeenkomsten/term_reminder",
            "The learner's coach.",
            "Before the learner's term for a signed agreement ends (daily sweep).",
            {"leerling": "Lotte Peeters", "d": "2026-09-29", "url": _PORTAAL + "leerlingen/1/"},
        ),
        MailEntry(
            "overeenkomsten/term_lapsed",
            "The learner's coach.",
            "Once, when the term ended without a signed agreement.",
            {"leerling": "Lotte Peeters", "d": "2026-09-29", "url": _PORTAAL + "leerlingen/1/"},
        ),
        MailEntry(
            "organisaties/sector_declared",
            "The partnership's consultants and administrators.",
            "When an employer declares its sector to the partnership.",
            {
                "onderneming": "Woonzorg De Linde",
                "sector": "Disability care",
                "url": _PORTAAL + "sectorverklaringen/1/",
            },
        ),
        MailEntry(
            "organisaties/sector_confirmed",
            "The employer's representatives.",
            "When the partnership confirms the declared sector.",
            {
                "partnerschap": "Partnerschap Zorg",
                "sector": "Disability care",
                "url": _PORTAAL + "sectorverklaringen/1/",
            },
        ),
        MailEntry(
            "organisaties/sector_refused",
            "The employer's representatives.",
            "When the partnership refuses the declared sector, with its reason.",
            {
                "partnerschap": "Partnerschap Zorg",
                "sector": "Disability care",
                "reden": "The enterprise is not covered by the Sociale Maribel.",
                "url": _PORTAAL + "sectorverklaringen/1/",
            },
        ),
    ]
}
