"""Chainable QuerySet methods that several apps' models share.

Each app's QuerySet keeps what is its own (which rows a person may see, which columns a search
reads) and takes from here the part that is the same everywhere: a superuser sees every row, a
blank search finds every row, `active()` means `is_active`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class VisibleToQuerySet(models.QuerySet):
    """`visible_to(user)`: every row for a superuser, else the rows `visible_filter(user)` admits.

    A subclass says who may see its rows in `visible_filter`, usually by reading the `visible_*`
    scope of its app's `permissions.py` (imported there, inside the method: permissions import
    models)."""

    def visible_to(self, user):
        if user.is_superuser:
            return self
        return self.filter(self.visible_filter(user))

    def visible_filter(self, user) -> Q:
        raise NotImplementedError(f"{type(self).__name__} must say which rows a person may see.")


class InVisibleNetworkQuerySet(VisibleToQuerySet):
    """Rows that belong to a network (`network` field): a person sees them where they may see the
    network."""

    def visible_filter(self, user) -> Q:
        from .places import Network

        return Q(network__in=Network.objects.visible_to(user).values("pk"))


class ActiveQuerySet(models.QuerySet):
    """`active()`: the rows still offered (`is_active`), for models that retire rows rather than
    delete them."""

    def active(self):
        return self.filter(is_active=True)


class SearchQuerySet(models.QuerySet):
    """`search(text)`: every row for a blank search, else the rows `search_filter(text)` admits
    (`text` stripped of surrounding white space)."""

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(self.search_filter(text))

    def search_filter(self, text: str) -> Q:
        raise NotImplementedError(f"{type(self).__name__} must say which columns a search reads.")
