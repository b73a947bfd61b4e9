"""The lock-out counts per e-mail address whatever its capitals (stored lowercased)."""

from typing import overload

from django.http import HttpRequest


@overload
def normalised_email(value: str) -> str: ...
@overload
def normalised_email(value: str | None) -> str | None: ...
def normalised_email(value: str | None) -> str | None:
    return value.strip().lower() if value else value


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the address the lock-out counts under, lowercased, so that
    Foo@x.be and foo@x.be share one counter and one lock-out."""
    if credentials:
        # The login form passes `username`; Client.login and authenticate() callers `email`.
        value = credentials.get("username") or credentials.get("email")
    else:
        value = getattr(request, "POST", {}).get("username")
    return normalised_email(value)
