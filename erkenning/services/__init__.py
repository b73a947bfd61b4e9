"""One service per transition: check, change, record, then side effects after commit."""

from .aanvraag import (
    aanvraag_aanmaken,
    aanvraag_antwoorden_opslaan,
    aanvraag_document_opladen,
    aanvraag_indienen,
    aanvraag_intrekken,
    aanvraag_mentoren_kiezen,
    verklaring_op_eer_ondertekenen,
)
from .beoordeling import (
    aanvraag_beslissen,
    aanvraag_onvolledig_verklaren,
    aanvraag_volledig_verklaren,
    plaatsbezoek_registreren,
)
from .documenten import aanvraag_uittreksels_opruimen
from .erkenning import (
    erkenning_hernieuwen,
    erkenning_mentor_hersteld,
    erkenning_publicatie_wijzigen,
    erkenning_zonder_geldige_mentor,
    machtiging_intrekken,
    machtiging_verlenen,
)
from .sancties import beroep_beslissen, beroep_indienen, beroep_ontvankelijkheid, sanctie_opleggen
from .termijnen import (
    beslistermijn_escaleren,
    beslistermijn_herinneren,
    erkenningen_laten_verlopen,
    hernieuwing_herinneren,
)

__all__ = [
    "aanvraag_aanmaken",
    "aanvraag_antwoorden_opslaan",
    "aanvraag_beslissen",
    "aanvraag_document_opladen",
    "aanvraag_uittreksels_opruimen",
    "aanvraag_indienen",
    "aanvraag_intrekken",
    "aanvraag_mentoren_kiezen",
    "aanvraag_onvolledig_verklaren",
    "aanvraag_volledig_verklaren",
    "beroep_beslissen",
    "beroep_indienen",
    "beroep_ontvankelijkheid",
    "beslistermijn_escaleren",
    "beslistermijn_herinneren",
    "erkenning_hernieuwen",
    "erkenning_mentor_hersteld",
    "erkenning_publicatie_wijzigen",
    "erkenning_zonder_geldige_mentor",
    "erkenningen_laten_verlopen",
    "hernieuwing_herinneren",
    "machtiging_intrekken",
    "machtiging_verlenen",
    "plaatsbezoek_registreren",
    "sanctie_opleggen",
    "verklaring_op_eer_ondertekenen",
]
