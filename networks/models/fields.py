"""Model fields that several apps declare the same way."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def erasable_person(**options) -> models.ForeignKey:
    """A person a row names (who raised, added, booked or recorded it), optional, and emptied when
    their account is erased: the row stays, credited to a former member (SET_NULL). `options` are
    the ForeignKey's own (`related_name`, `help_text`, `verbose_name`)."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, **options)
