"""The model agreement as a PDF, one per version, stored privately with its hash (R61-R65).

R63: the mentor's full INSZ is in the document only once the employer itself accepted the
agreement (selectors.werkgever_aanvaard); before that the stored PDF shows it masked, like every
screen. The employer's acceptance replaces the current version's PDF by one rendered in full."""

import hashlib
from functools import partial

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from duaal.pdf import render_to_pdf
from duaal.workflow import system_sweep
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Overeenkomst, OvereenkomstDocument
from overeenkomsten.presenter import TEMPLATE, presenteer
from overeenkomsten.selectors import werkgever_heeft_aanvaard

from .opstellen import pdf_na_commit


@system_sweep
def overeenkomst_pdf_maken(*, overeenkomst_id: int, versie: int) -> OvereenkomstDocument | None:
    """Render and store the PDF of one version, as the system (a task after commit, or the
    daily sweep for a render that was lost; no user acts, so no guard). Idempotent: a version
    that has its PDF, or that is no longer current (a newer one will get its own), is left
    alone. A draft gets none: its content still changes without a new version number."""
    bestaand = OvereenkomstDocument.objects.filter(
        overeenkomst_id=overeenkomst_id, versie=versie
    ).first()
    if bestaand is not None:
        return bestaand
    overeenkomst = Overeenkomst.objects.get(pk=overeenkomst_id)
    if overeenkomst.versie != versie or overeenkomst.status == OvereenkomstStatus.ONTWERP:
        return None
    presentatie = presenteer(overeenkomst)
    gerenderd = render_to_pdf(TEMPLATE, presentatie.context(document=True))
    document = OvereenkomstDocument(
        overeenkomst=overeenkomst,
        versie=versie,
        sha256=hashlib.sha256(gerenderd.pdf).hexdigest(),
        pagina_s=gerenderd.pages,
    )
    document.bestand.save("overeenkomst.pdf", ContentFile(gerenderd.pdf), save=False)
    try:
        with transaction.atomic():
            # Under the agreement's lock, which the employer's acceptance takes too: an
            # acceptance that committed while this rendered (with the INSZ masked) is seen here,
            # and the render starts over in full; a later one finds this row and replaces it.
            Overeenkomst.objects.select_for_update().filter(pk=overeenkomst_id).exists()
            if not presentatie.mentor_insz_vrij and werkgever_heeft_aanvaard(overeenkomst):
                raise _Aanvaard
            document.save()
    except _Aanvaard:
        document.bestand.delete(save=False)
        return overeenkomst_pdf_maken(overeenkomst_id=overeenkomst_id, versie=versie)
    except IntegrityError:
        # A concurrent render of the same version won; keep one file per version.
        document.bestand.delete(save=False)
        return OvereenkomstDocument.objects.get(overeenkomst_id=overeenkomst_id, versie=versie)
    except Exception:
        # No row, no file: an orphan PDF would hold personal data nothing points to.
        document.bestand.delete(save=False)
        raise
    return document


class _Aanvaard(Exception):
    """The employer accepted while the PDF was rendered with the mentor's INSZ masked."""


def pdf_na_aanvaarding(overeenkomst: Overeenkomst) -> None:
    """R63: call under the agreement's lock when the employer's acceptance just arrived (its
    first approval that binds it, and no accepted proposal before). The current version's PDF,
    rendered with the mentor's INSZ masked, is replaced by one with the INSZ in full, rendered
    after commit."""
    for document in OvereenkomstDocument.objects.filter(
        overeenkomst=overeenkomst, versie=overeenkomst.versie
    ):
        bestand = document.bestand
        assert bestand.name is not None  # a document row always holds its file
        document.delete()
        # The file goes only once the row is gone for good (a rollback keeps both).
        transaction.on_commit(partial(bestand.storage.delete, bestand.name))
    pdf_na_commit(overeenkomst)
