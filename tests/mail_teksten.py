"""Reading queued mails in tests: the outbox stores a template and its facts, not the text."""

from duaal.meldingen.models import Melding
from duaal.meldingen.rendering import render_mail, render_template


def tekst(melding: Melding, *, taal: str = "en") -> str:
    """The body of a queued mail as its recipient would get it, rendered in `taal` (English,
    the source language, by default: tests assert what the mail says, not its translation).
    A personal link is built only at delivery, so it is absent here."""
    return render_mail(melding, language=taal).body


def onderwerp(template: str, **context: object) -> str:
    """The subject of `template` as delivered, in the recipients' language."""
    return render_template(template, context, recipient_name="").subject
