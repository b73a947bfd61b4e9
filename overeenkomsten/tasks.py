"""Celery tasks: the agreement PDF and, once signed, its signed copy (after commit,
idempotent), the daily sweep, which also removes PDF files a killed render left without a row,
and the frequent sweep for agreements whose recognition ended (R24)."""

from celery import shared_task

from django.utils import timezone

from .selectors import ontbrekende_pdfs
from .services import (
    getekende_kopie_maken,
    handtekeningen_bevestiging_vragen,
    leerling_termijnen_herinneren,
    leerling_termijnen_markeren,
    overeenkomst_pdf_maken,
    overeenkomsten_afsluiten,
    overeenkomsten_zonder_erkenning_markeren,
    verplichte_evaluaties_aanmaken,
    verplichte_evaluaties_markeren,
    verweesde_pdfs_opruimen,
    voorstellen_laten_vervallen,
)


@shared_task(name="overeenkomsten.tasks.overeenkomst_pdf")
def overeenkomst_pdf_task(overeenkomst_id: int, versie: int) -> str | None:
    document = overeenkomst_pdf_maken(overeenkomst_id=overeenkomst_id, versie=versie)
    if document is None:
        return None
    # Once every party signed: the signed copy too (the approved PDF first, if it was late).
    getekende_kopie_maken(document=document)
    return document.sha256


@shared_task(name="overeenkomsten.tasks.overeenkomsten_termijnen")
def overeenkomsten_termijnen_task() -> dict[str, int]:
    ontbrekend = ontbrekende_pdfs()
    for overeenkomst_id, versie in ontbrekend:
        overeenkomst_pdf_task.delay(overeenkomst_id, versie)
    return {
        "herinnerd": leerling_termijnen_herinneren(),
        "verstreken": leerling_termijnen_markeren(),
        # R48: proposals the employer left unanswered lapse with the learner's window.
        "voorstellen_vervallen": voorstellen_laten_vervallen(),
        "afgelopen": overeenkomsten_afsluiten(),
        "pdf_opnieuw": len(ontbrekend),
        "pdf_verweesd": verweesde_pdfs_opruimen(now=timezone.now()),
        # Nobody is bound without acting: ask each party to confirm a signature recorded for it.
        "bevestiging_gevraagd": handtekeningen_bevestiging_vragen(now=timezone.now()),
    }


@shared_task(name="overeenkomsten.tasks.overeenkomsten_zonder_erkenning")
def overeenkomsten_zonder_erkenning_task() -> int:
    """R24/R74 from the recognitions' stored state, every few minutes. Idempotent: an agreement
    is flagged once (a claim on its row), so a doubled or retried run notifies nobody twice."""
    return overeenkomsten_zonder_erkenning_markeren()


@shared_task(name="overeenkomsten.tasks.verplichte_evaluaties")
def verplichte_evaluaties_task() -> dict[str, int]:
    """The evaluation a phase requires: the row for each signed agreement that lacks one,
    then the overdue ones flagged, coach and employer mailed once. Idempotent."""
    now = timezone.now()
    return {
        "aangemaakt": verplichte_evaluaties_aanmaken(now=now),
        "verstreken": verplichte_evaluaties_markeren(now=now),
    }
