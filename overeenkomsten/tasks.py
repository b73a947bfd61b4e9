"""Celery tasks: the agreement PDF (after commit, idempotent) and the daily sweep, which also
removes PDF files a killed render left without a row."""

from celery import shared_task

from django.utils import timezone

from .services import (
    handtekeningen_bevestiging_vragen,
    leerling_termijnen_herinneren,
    leerling_termijnen_markeren,
    ontbrekende_pdfs,
    overeenkomst_pdf_maken,
    overeenkomsten_afsluiten,
    overeenkomsten_zonder_erkenning_markeren,
    verweesde_pdfs_opruimen,
)
from .services.voorstel_antwoord import voorstellen_laten_vervallen


@shared_task(name="overeenkomsten.tasks.overeenkomst_pdf")
def overeenkomst_pdf_task(overeenkomst_id: int, versie: int) -> str | None:
    document = overeenkomst_pdf_maken(overeenkomst_id=overeenkomst_id, versie=versie)
    return document.sha256 if document else None


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
        "zonder_erkenning": overeenkomsten_zonder_erkenning_markeren(),
        "pdf_opnieuw": len(ontbrekend),
        "pdf_verweesd": verweesde_pdfs_opruimen(now=timezone.now()),
        # Nobody is bound without acting: ask each party to confirm a signature recorded for it.
        "bevestiging_gevraagd": handtekeningen_bevestiging_vragen(now=timezone.now()),
    }
