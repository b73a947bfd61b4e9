"""The login backend: Django's ModelBackend, whose per-request user lookup also brings the
user's active memberships, so that the actor of every page costs one query, not two."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import Membership, User


class PortalBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        memberships = list(
            Membership.objects.filter(user_id=user_id, actief=True)
            .select_related("user", "organisatie")
            .order_by("pk")
        )
        if not memberships:
            user = super().get_user(user_id)
            if user is not None:
                user.active_memberships = []  # set per request
            return user
        user = memberships[0].user
        for membership in memberships:
            membership.user = user  # one user object, as if fetched once
        user.active_memberships = memberships  # read by ActorMiddleware
        return user if self.user_can_authenticate(user) else None
