import datetime as dt
from decimal import Decimal

from overeenkomsten.constants import OvereenkomstStatus, Partij
from overeenkomsten.controles import Blok
from overeenkomsten.models import OvereenkomstDocument, Uitnodiging
from overeenkomsten.services import (
    goedkeuren_via_link,
    overeenkomst_goedkeuren,
    overeenkomst_opstellen,
    overeenkomst_versturen,
)
from overeenkomsten.services.goedkeuring import LINK_SALT

from .conftest import NU

ROOSTER = [
    Blok(1, "werkplek", dt.time(8), dt.time(16)),
    Blok(2, "werkplek", dt.time(8), dt.time(16)),
    Blok(3, "werkplek", dt.time(8), dt.time(16)),
    Blok(4, "school", dt.time(8, 30), dt.time(15, 30)),
    Blok(5, "school", dt.time(8, 30), dt.time(15, 30)),
]


def test_whole_path(traject, django_capture_on_commit_callbacks):
    from django.core import signing

    leerling = traject.leerling()
    o = overeenkomst_opstellen(
        leerling=leerling,
        vestiging=traject.vestiging,
        toewijzing=traject.toewijzing,
        start=dt.date(2026, 10, 1),
        einde=dt.date(2028, 6, 30),
        werkplekuren_per_week=Decimal(24),
        opleidingsplan="Competenties",
        door=traject.coach,
        blokken=ROOSTER,
        now=NU,
    )
    assert o.leervergoeding == Decimal("600.50")
    with django_capture_on_commit_callbacks(execute=True):
        o = overeenkomst_versturen(overeenkomst=o, door=traject.coach, now=NU)
    assert o.met_vertegenwoordiger
    assert OvereenkomstDocument.objects.filter(overeenkomst=o, versie=1).count() == 1
    overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=traject.werkgever, now=NU)
    overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=traject.coach, now=NU)
    for u in Uitnodiging.objects.filter(overeenkomst=o):
        goedkeuren_via_link(token=signing.dumps(str(u.public_id), salt=LINK_SALT), now=NU)
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    assert {g.partij for g in o.goedkeuringen.all()} == set(Partij.values)
