"""Audit verbs are enums (style.md G32): each app defines a `TextChoices` of its verbs in its
constants.py and registers it here in its AppConfig.ready(); recording an unknown verb fails."""

from __future__ import annotations

from django.db.models import TextChoices

# Every registered verb with the label the timeline shows; filled by the apps' ready().
VERB_LABELS: dict[str, str] = {}


def register(verbs: type[TextChoices]) -> None:
    """Make an app's verbs known, with the label the timeline shows."""
    for verb in verbs:
        VERB_LABELS[verb.value] = verb.label


def is_known(verb: str) -> bool:
    return verb in VERB_LABELS


def label(verb: str) -> str:
    """The timeline's words for a verb; an old verb that is no longer recorded keeps its
    label through its app's enum."""
    return str(VERB_LABELS.get(verb, verb))


class UnknownVerb(ValueError):
    """An audit event with a verb no app registered: a typo would give an unlabelled line."""
