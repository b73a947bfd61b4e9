"""`make oidc-provider`: the OpenID test provider on 127.0.0.1:9000 with the demo accounts.

The accounts (tests/oidc/demo-accounts.json) name the organisations of `make demo`. The demo
learner's national number is made from the day the demo data was loaded (the learners' ages
are relative to it), so it is read from the demo database at start instead of being written
down; run with the dev settings (the Makefile does).
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Any

from .oidc_provider import OidcProvider, OidcProviderError

DEMO_ACCOUNTS = Path(__file__).resolve().parent / "oidc" / "demo-accounts.json"


def _learner_numbers(config: dict[str, Any]) -> list[str]:
    """Fill in `rrn` for accounts that name a demo learner by e-mail; return the warnings."""
    wanted = {
        account["rrn_van_leerling"]: account
        for account in config["accounts"].values()
        if account.get("rrn_van_leerling")
    }
    if not wanted:
        return []
    try:
        import django

        django.setup()
        from overeenkomsten.models import Leerling

        found = dict(
            Leerling.objects.filter(e_mail__in=wanted).values_list("e_mail", "insz").distinct()
        )
    except Exception as error:  # no demo database yet: the rest of the demo still works
        return [f"demo database not readable ({error.__class__.__name__}): run `make demo`"]
    warnings = []
    for e_mail, account in wanted.items():
        if e_mail in found:
            account["claims"]["rrn"] = found[e_mail]
        else:
            warnings.append(f"no demo learner {e_mail}: run `make demo` first")
    return warnings


def main() -> int:
    config = json.loads(DEMO_ACCOUNTS.read_text(encoding="utf-8"))
    warnings = _learner_numbers(config)
    try:
        provider = OidcProvider.start(config)
    except OidcProviderError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"OpenID test provider on {provider.issuer} (password for every account: geheim)")
    for name, account in config["accounts"].items():
        print(f"  {name:<24} {account.get('capaciteit', ''):<4} {account.get('toont', '')}")
    for warning in warnings:
        print(f"  warning: {warning}")
    print("Portal environment (then `make demo`, or runserver on 127.0.0.1:8000):")
    print(f"  OIDC_DISCOVERY_URL={provider.discovery_url}")
    print("  OIDC_CLIENT_ID=duaal-portaal OIDC_CLIENT_SECRET=portaal-geheim")
    print("Ctrl-C stops it.", flush=True)
    # SIGTERM ends the wait below like Ctrl-C does; stopping inside the handler would wait for
    # the child while the interrupted wait still holds Popen's lock.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        provider.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        provider.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
