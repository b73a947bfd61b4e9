"""Demo learners of Campus Sint-Jozef in every status and agreements in every state.

Built through the real services with `now=` in the past, on the recognised workplaces of
Woonzorgcentrum De Linde (devtools/demo/erkenning.py) with mentor Marie Dubois
(devtools/demo/mentors.py):

- Emma: registered, negative advice of the class council (R46: it does not block).
- Lucas: preparatory phase (R47).
- Sara: approved, looking for a workplace; her 20-training-day window ends within 5 days;
  proposed to De Linde Gent, the proposal awaits the employer's answer.
- Youssef: approved, looking; his window lapsed a few training days ago (flagged).
- Jens: stopped the dual training.
- Every match went through a proposal the employer accepted after its intake (R48).
- Mila: matched with De Linde Gent; one draft withdrawn, a new draft waiting.
- Finn (16): agreement awaiting approval; the employer approved, he and his parent not yet.
- Noah (16): signed agreement (his parent signed on paper), with a 15-day suspension.
- Lena: agreement ended early (poor match); a new 20-training-day window runs (R48).
- Arne: agreement ended normally at its end date (signed while he was a minor).
- Amira (care programme): a trajectory of two phases with two employers, residential at De
  Linde Merelbeke, then home care at Thuiszorg Zonnebloem; both signed (zorgtraject.py).
- Bram (34, adult education): a draft ODO at De Linde Gent (volwassenen.py).

Idempotent: a learner whose e-mail address already exists at the school is skipped (the
INSZ follows the date of birth, which is relative to today, so it cannot be the key).
"""

from django.db import transaction

from overeenkomsten.services import (
    leerling_termijnen_herinneren,
    leerling_termijnen_markeren,
    overeenkomsten_afsluiten,
)

from .basis import demo_context, ggmmi_zeker, schoolvakanties_laden
from .scenarios import SCENARIOS
from .volwassenen import volwassenen_laden
from .voorstellen import sara_voorgesteld
from .zorgtraject import zorgtraject_laden


@transaction.atomic
def demo_overeenkomsten_laden() -> None:
    """Load the scenarios; the agreements' PDFs render after commit (in-process in dev)."""
    ggmmi_zeker()
    schoolvakanties_laden()  # first: the learners' windows count training days
    demo = demo_context()
    for scenario in SCENARIOS:
        scenario(demo)
    sara_voorgesteld(demo)
    zorgtraject_laden(demo)
    volwassenen_laden(demo)
    # The sweeps, as beat would have run them today: reminder, lapsed window, normal end.
    leerling_termijnen_herinneren(now=demo.now)
    leerling_termijnen_markeren(now=demo.now)
    overeenkomsten_afsluiten(now=demo.now)
