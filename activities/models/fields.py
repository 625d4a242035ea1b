"""Model fields that activities and the apps above them declare the same way."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


def days_field(verbose_name, *, least: str = "0", **options) -> models.DecimalField:
    """A number of days, to a tenth (0.5 for a half day), one unless said otherwise and never below
    `least`: the days of staff time an activity (or its type) takes, the days of support a request
    asks for. `options` are the field's own (`help_text`)."""
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal(least))],
        **options,
    )
