"""One service per transition: check, change, record, then side effects after commit."""

from .bevestiging import (
    handtekening_betwisten,
    handtekening_betwisten_via_link,
    handtekening_bevestigen,
    handtekening_bevestigen_via_link,
    handtekening_verifieren,
    handtekeningen_bevestiging_vragen,
    kan_handtekening_betwisten,
    kan_handtekening_bevestigen,
    kan_handtekening_verifieren,
)
from .document import overeenkomst_pdf_maken
from .goedkeuring import (
    goedkeuren_via_link,
    goedkeuring_op_papier,
    kan_op_papier_vastleggen,
    link_voor,
    overeenkomst_goedkeuren,
    overeenkomst_versturen,
    uitnodiging_opnieuw_versturen,
    uitnodiging_uit_link,
    vereiste_partijen,
)
from .leerling import (
    leerling_goedkeuren,
    leerling_registreren,
    leerling_screenen,
    leerling_stoppen,
    leerling_werkplek_goedkeuren,
    leerling_werkplek_loslaten,
    leerling_wijzigen,
)
from .opruimen import verweesde_pdfs_opruimen
from .opstellen import Bezwaren, overeenkomst_opstellen, overeenkomst_wijzigen
from .termijnen import (
    leerling_termijnen_herinneren,
    leerling_termijnen_markeren,
    ontbrekende_pdfs,
    overeenkomsten_afsluiten,
)
from .verloop import (
    na_erkenning_beeindigd,
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    overeenkomsten_zonder_erkenning_markeren,
    schorsing_registreren,
)

__all__ = [
    "Bezwaren",
    "goedkeuren_via_link",
    "goedkeuring_op_papier",
    "handtekening_betwisten",
    "handtekening_betwisten_via_link",
    "handtekening_bevestigen",
    "handtekening_bevestigen_via_link",
    "handtekening_verifieren",
    "handtekeningen_bevestiging_vragen",
    "kan_handtekening_betwisten",
    "kan_handtekening_bevestigen",
    "kan_handtekening_verifieren",
    "kan_op_papier_vastleggen",
    "leerling_goedkeuren",
    "leerling_registreren",
    "leerling_screenen",
    "leerling_stoppen",
    "leerling_termijnen_herinneren",
    "leerling_termijnen_markeren",
    "leerling_werkplek_goedkeuren",
    "leerling_werkplek_loslaten",
    "leerling_wijzigen",
    "link_voor",
    "na_erkenning_beeindigd",
    "ontbrekende_pdfs",
    "overeenkomst_annuleren",
    "overeenkomst_beeindigen",
    "overeenkomst_goedkeuren",
    "overeenkomst_opstellen",
    "overeenkomst_pdf_maken",
    "overeenkomst_versturen",
    "overeenkomst_wijzigen",
    "overeenkomsten_afsluiten",
    "overeenkomsten_zonder_erkenning_markeren",
    "schorsing_registreren",
    "uitnodiging_opnieuw_versturen",
    "uitnodiging_uit_link",
    "vereiste_partijen",
    "verweesde_pdfs_opruimen",
]
