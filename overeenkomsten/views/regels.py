"""The programme's rules on the learner and agreement pages: the coach records (and removes) a
learner's prerequisite; the employer records its formalities on the agreement."""

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.models import Vooropleiding
from duaal.termijnen import vandaag
from duaal.workflow import Refusals
from overeenkomsten.forms_regels import (
    FormaliteitenForm,
    VooropleidingForm,
    VooropleidingVerwijderenForm,
)
from overeenkomsten.models import Leerling, LeerlingVooropleiding, Overeenkomst
from overeenkomsten.regelcontrole import dimona_ontbreekt, regels_van
from overeenkomsten.services.formaliteiten import (
    formaliteiten_vastleggen,
    kan_formaliteiten_vastleggen,
)
from overeenkomsten.services.vooropleiding import (
    kan_vooropleiding_vastleggen,
    kan_vooropleiding_verwijderen,
    vooropleiding_vastleggen,
    vooropleiding_verwijderen,
    vooropleidingen_van_programma,
)

from .basis import LeerlingActieView, OvereenkomstActieView


class VooropleidingView(LeerlingActieView):
    permission = perms.LEERLING_BEHEREN
    form_class = VooropleidingForm
    titel = gettext_lazy("Record a prior qualification")
    uitleg = gettext_lazy(
        "The programme admits learners who hold one of these diplomas or certificates. Record "
        "the one the learner holds with the evidence the programme asks for."
    )

    def guard(self) -> Refusals:
        return kan_vooropleiding_vastleggen(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        ids = [v.pk for v in vooropleidingen_van_programma(self.object, now=timezone.now())]
        return super().get_form_kwargs() | {
            "vooropleidingen": Vooropleiding.objects.filter(pk__in=ids).order_by("volgorde", "pk")
        }

    def uitvoeren(self, form: VooropleidingForm) -> Leerling:
        c = form.cleaned_data
        vooropleiding_vastleggen(
            leerling=self.object,
            vooropleiding=c["vooropleiding"],
            bewijs=c["bewijs"],
            behaald_op=c["behaald_op"],
            door=self.request.actor,
        )
        return self.object

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The prior qualification is recorded.")


class VooropleidingVerwijderenView(LeerlingActieView):
    permission = perms.LEERLING_BEHEREN
    form_class = VooropleidingVerwijderenForm
    titel = gettext_lazy("Remove a recorded prior qualification")
    uitleg = gettext_lazy("Remove a record made in error; the agreement's checks read it again.")
    knop = gettext_lazy("Remove")
    knop_klasse = "btn-danger"

    def guard(self) -> Refusals:
        return kan_vooropleiding_verwijderen(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        # Only this learner's records: a record of another learner is no valid choice.
        records = LeerlingVooropleiding.objects.filter(leerling=self.object).select_related(
            "vooropleiding"
        )
        return super().get_form_kwargs() | {"records": records}

    def uitvoeren(self, form: VooropleidingVerwijderenForm) -> Leerling:
        return vooropleiding_verwijderen(
            record=form.cleaned_data["record"], door=self.request.actor
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The prior qualification is removed.")


class FormaliteitenView(OvereenkomstActieView):
    permission = perms.WERKGEVER_INSTEMMEN
    form_class = FormaliteitenForm
    titel = gettext_lazy("Record the employer's formalities")
    uitleg = gettext_lazy(
        "Before the start the employer has the learner examined by the occupational physician "
        "where the programme asks it, and declares the Dimona ALT before the first working day."
    )

    def guard(self) -> Refusals:
        return kan_formaliteiten_vastleggen(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_initial(self) -> dict[str, Any]:
        o = self.object
        return {"medisch_onderzoek_op": o.medisch_onderzoek_op, "dimona_op": o.dimona_op}

    def uitvoeren(self, form: FormaliteitenForm) -> Overeenkomst:
        return formaliteiten_vastleggen(
            overeenkomst=self.object,
            medisch_onderzoek_op=form.cleaned_data["medisch_onderzoek_op"],
            dimona_op=form.cleaned_data["dimona_op"],
            door=self.request.actor,
        )

    def succesbericht(self, overeenkomst: Overeenkomst) -> str:
        return _("The formalities are recorded.")


def vooropleidingen_context(leerling: Leerling, *, door: Actor, now: datetime) -> dict[str, Any]:
    """The learner page's prerequisites: what the programme asks (the version in force now),
    what is recorded, and the two actions as their guards answer."""
    regels = regels_van(leerling.opleiding, verstuurd_op=None, now=now)
    records = list(
        LeerlingVooropleiding.objects.filter(leerling=leerling)
        .select_related("vooropleiding", "geregistreerd_door")
        .order_by("pk")
    )
    beheren = door.has_perm(perms.LEERLING_BEHEREN)
    return {
        "programma_vooropleidingen": [naam for _pk, naam, _bewijs in regels.vooropleidingen],
        "vooropleidingen": records,
        "vooropleiding_vastleggen": beheren
        and bool(regels.vooropleidingen)
        and kan_vooropleiding_vastleggen(leerling, door=door, now=now).allowed,
        "vooropleiding_verwijderen": beheren
        and bool(records)
        and kan_vooropleiding_verwijderen(leerling, door=door, now=now).allowed,
    }


def formaliteiten_context(o: Overeenkomst, *, door: Actor, now: datetime) -> dict[str, Any]:
    """The agreement page's formalities: the dates (read-only for the school), the employer's
    form while it may record them, and the missing-Dimona warning (R71)."""
    mag = door.has_perm(perms.WERKGEVER_INSTEMMEN) and (
        kan_formaliteiten_vastleggen(o, door=door, now=now).allowed
    )
    versie = o.regelversie
    return {
        "formaliteiten_tonen": o.verstuurd_op is not None,
        "medisch_verplicht": bool(versie and versie.medisch_onderzoek_verplicht),
        "formaliteiten_form": (
            FormaliteitenForm(
                initial={"medisch_onderzoek_op": o.medisch_onderzoek_op, "dimona_op": o.dimona_op}
            )
            if mag
            else None
        ),
        "dimona_ontbreekt": dimona_ontbreekt(o, op=vandaag(now)),
    }
