"""Render a mail from its template: templates/mail/<app>/<name>_subject.txt and <name>.txt.

Plain text only, so without HTML escaping. The template gets the stored facts (ISO dates back
as dates), `recipient_name` for the greeting (templates/mail/_greeting.txt), `portal_url` for
the footer, and `link` when the mail carries one built at delivery.
"""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template import Context, TemplateDoesNotExist, loader
from django.utils import translation

from .links import PLAATSHOUDER
from .models import Melding

_ISO_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    body: str


def _bestanden(template: str) -> tuple[str, str]:
    return f"mail/{template}_subject.txt", f"mail/{template}.txt"


def template_exists(template: str) -> bool:
    try:
        for naam in _bestanden(template):
            loader.get_template(naam)
    except TemplateDoesNotExist:
        return False
    return True


def recipient_language(melding: Melding) -> str:
    """The language a recipient reads: accounts hold no preference, so the portal's own."""
    return settings.LANGUAGE_CODE


def recipient_name(melding: Melding) -> str:
    """Whom the mail greets: the account's name now, else the name stored with the row."""
    if melding.ontvanger is not None:
        return melding.ontvanger.naam or melding.naam or melding.ontvanger.email
    return melding.naam or melding.e_mail


def render_template(
    template: str,
    context: Mapping[str, object],
    *,
    recipient_name: str,
    link: str | None = None,
    language: str | None = None,
) -> RenderedMail:
    """Subject and body of `template` for these facts, in `language` (default: the portal's)."""
    waarden = {k: _datum(v) for k, v in context.items()}
    waarden |= {"recipient_name": recipient_name, "portal_url": settings.PORTAAL_URL}
    if link is not None:
        waarden["link"] = link
    onderwerp_bestand, tekst_bestand = _bestanden(template)
    with translation.override(language or settings.LANGUAGE_CODE):
        onderwerp = _render(onderwerp_bestand, waarden)
        tekst = _render(tekst_bestand, waarden)
    # A subject is one line: a header cannot hold a line break.
    return RenderedMail(subject=" ".join(onderwerp.split()), body=_tidy(tekst))


def render_mail(
    melding: Melding, *, link: str | None = None, language: str | None = None
) -> RenderedMail:
    """The mail as its recipient gets it, with `link` built by the caller (None: none)."""
    if not melding.sjabloon:
        # Queued before mails were templates: the stored text, with its link put in.
        tekst = melding.tekst if link is None else melding.tekst.replace(PLAATSHOUDER, link)
        return RenderedMail(subject=melding.onderwerp, body=tekst)
    return render_template(
        melding.sjabloon,
        melding.context,
        recipient_name=recipient_name(melding),
        link=link,
        language=language or recipient_language(melding),
    )


def _render(naam: str, waarden: dict[str, object]) -> str:
    # The Django engine's template wraps the compiled Template, which renders a Context
    # (here without autoescape); the stubs' engine-neutral protocol does not name it.
    template = loader.get_template(naam).template  # type: ignore[attr-defined]
    tekst: str = template.render(Context(waarden, autoescape=False))
    return tekst


def _datum(waarde: object) -> object:
    if isinstance(waarde, str) and _ISO_DATUM.match(waarde):
        try:
            return dt.date.fromisoformat(waarde)
        except ValueError:
            return waarde
    return waarde


def _tidy(tekst: str) -> str:
    """Template tags leave blank lines behind: at most one empty line between paragraphs."""
    regels = [r.rstrip() for r in tekst.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(regels)) + "\n"
