"""Demo data for `make demo`, one module per app, loaded bottom-up: the kernel's organisations
and logins first, then mentors, recognitions and agreements, each built on the one before."""

from .erkenning import demo_erkenning_laden
from .mentors import demo_mentoren_laden
from .overeenkomsten import demo_overeenkomsten_laden
from .portaal import DEMO_WACHTWOORD, DemoLogin, demo_data_laden

__all__ = ["DEMO_WACHTWOORD", "DemoLogin", "alles_laden", "demo_data_laden"]


def alles_laden() -> list[DemoLogin]:
    """Every app's demo data, idempotent; the logins of the kernel's part."""
    logins = demo_data_laden()
    demo_mentoren_laden()
    demo_erkenning_laden()
    demo_overeenkomsten_laden()
    return logins
