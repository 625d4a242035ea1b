"""Rates per consortium (each with the date it applies from) and an activity's cost lines.

Money is exact: DecimalField(max_digits=10, decimal_places=2). A line's amount is quantity x rate
rounded half up to the penny; every total is a sum of line amounts, so totals reconcile.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from networks.models import Consortium, School, TimeStamped
from networks.models.fields import erasable_person

from .activity import Activity

PENNY = Decimal("0.01")


def line_amount(quantity: Decimal, rate: Decimal) -> Decimal:
    """quantity x rate, rounded half up to the penny."""
    return (Decimal(quantity) * Decimal(rate)).quantize(PENNY, rounding=ROUND_HALF_UP)


class CostCategory(models.TextChoices):
    SUPPLY_COVER = "supply_cover", _("Supply cover")
    CONSULTANCY = "consultancy", _("Consultancy")
    TRAVEL = "travel", _("Travel")
    SUBSISTENCE = "subsistence", _("Subsistence")
    HOSTING = "hosting", _("Hosting")
    REFRESHMENTS = "refreshments", _("Refreshments")
    OTHER = "other", _("Other")


class RateQuerySet(models.QuerySet):
    def in_force(self, *, consortium_id, on):
        """The rates that apply on a day: for each category, the latest that applies from then or earlier."""
        return self.filter(consortium_id=consortium_id, applies_from__lte=on).order_by("category", "-applies_from")


class Rate(TimeStamped):
    """What a consortium pays for one unit of a category, from a date on."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="rates")
    category = models.CharField(max_length=20, choices=CostCategory.choices)
    unit_label = models.CharField(max_length=60, help_text=_("For example “per teacher-day” or “per mile”."))
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    applies_from = models.DateField(help_text=_("Activities on or after this day use this rate."))
    source = models.TextField(blank=True, help_text=_("Where the figure comes from."))

    objects = RateQuerySet.as_manager()

    class Meta:
        ordering = ["category", "-applies_from"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "category", "applies_from"], name="rate_unique_from"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="rate_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.amount} {self.unit_label} from {self.applies_from}"


class CostStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    SPENT = "spent", _("Spent")


class CostLine(TimeStamped):
    """One cost of an activity, borne by one school of the network (or by the network as a whole)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="cost_lines")
    category = models.CharField(max_length=20, choices=CostCategory.choices)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_cost_lines",
        help_text=_("The school that bears the cost; none for the network as a whole."),
    )
    description = models.CharField(max_length=200)
    quantity = models.DecimalField(max_digits=8, decimal_places=2)
    unit_label = models.CharField(max_length=60, blank=True)
    rate = models.DecimalField(max_digits=10, decimal_places=2)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    source_rate = models.ForeignKey(Rate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=CostStatus.choices, default=CostStatus.PROPOSED)
    actual_amount = models.DecimalField(
        _("amount spent"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What was actually paid."),
    )
    approved_by = erasable_person(related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    proposal_key = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("Set on lines the platform proposed, so proposing again updates them; empty once edited by hand."),
    )

    class Meta:
        ordering = ["activity", "category", "school__name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="cost_line_quantity_not_negative"),
            models.CheckConstraint(condition=Q(rate__gte=0), name="cost_line_rate_not_negative"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="cost_line_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(actual_amount__isnull=True) | Q(actual_amount__gte=0), name="cost_line_actual_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="spent") | Q(actual_amount__isnull=False), name="cost_line_spent_has_actual"
            ),
        ]

    def __str__(self):
        return f"{self.description}: {self.amount}"

    @property
    def expected_amount(self):
        return line_amount(self.quantity, self.rate)
