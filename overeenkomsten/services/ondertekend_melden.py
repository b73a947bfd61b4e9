"""Every party hears that the agreement is signed, each with a link to the page where it finds
the signed copy: the employer and the school the agreement's page, the learner their own
dossier (after logging in), the legal representative of a minor their personal link's session.
Never a link to the file itself: the PDF holds the national numbers in full (R63)."""

import datetime as dt
from datetime import datetime

from duaal.accounts.selectors import coaches, werkgevers
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import page_url, portal_url, send_mail
from overeenkomsten.constants import KOPIE_LINK, LINK_GELDIG_DAGEN, Partij
from overeenkomsten.models import Overeenkomst, Uitnodiging


def kopie_uitnodiging(overeenkomst: Overeenkomst, *, now: datetime) -> Uitnodiging:
    """The legal representative's invitation for the signed version, valid LINK_GELDIG_DAGEN
    from now: a parent has no account, so the personal link is how they fetch the copy. It
    approves nothing any more (the version is signed: partijen.link_werkt)."""
    leerling = overeenkomst.leerling
    tot = now + dt.timedelta(days=LINK_GELDIG_DAGEN)
    uitnodiging, nieuw = Uitnodiging.objects.get_or_create(
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        partij=Partij.VERTEGENWOORDIGER,
        defaults={"e_mail": leerling.vertegenwoordiger_e_mail, "geldig_tot": tot},
    )
    if not nieuw and uitnodiging.geldig_tot < tot:
        uitnodiging.geldig_tot = tot
        uitnodiging.save(update_fields=["geldig_tot", "updated_at"])
    return uitnodiging


def ondertekend_melden(overeenkomst: Overeenkomst, *, now: datetime) -> None:
    """Queue the "signed" mails; inside the signing transaction (delivered after commit)."""
    sleutel = f"overeenkomst:{overeenkomst.pk}:ondertekend"
    feiten = {"overeenkomst": str(overeenkomst), "d": overeenkomst.start}
    send_mail(
        "overeenkomsten/signed",
        recipients=werkgevers(overeenkomst.onderneming_id)
        + coaches(overeenkomst.onderwijsinstelling_id),
        event_key=sleutel,
        context={**feiten, "url": page_url(overeenkomst)},
    )
    leerling = overeenkomst.leerling
    send_mail(
        "overeenkomsten/signed_learner",
        recipients=[],
        event_key=f"{sleutel}:leerling",
        context={
            **feiten,
            "url": portal_url("overeenkomsten:mijn_overeenkomst", overeenkomst.public_id),
        },
        e_mails={leerling.e_mail: str(leerling)},
    )
    if not overeenkomst.met_vertegenwoordiger:
        return
    uitnodiging = kopie_uitnodiging(overeenkomst, now=now)
    send_mail(
        "overeenkomsten/signed_parent",
        recipients=[],
        event_key=f"{sleutel}:vertegenwoordiger",
        context={**feiten, "leerling": str(leerling), "tot": uitnodiging.geldig_tot.date()},
        e_mails={leerling.vertegenwoordiger_e_mail: leerling.vertegenwoordiger_naam},
        link=LinkVerwijzing(soort=KOPIE_LINK, public_id=uitnodiging.public_id),
    )
