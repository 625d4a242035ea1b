"""What a network has to spend over a period: the budget its leaders or the consortium set.

A network may have several budgets (a school year, a term, a grant), but never two whose days
overlap: the service refuses that, so a period's budget is one clear sum.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from networks.models import Network, TimeStamped
from networks.models.fields import erasable_person


class NetworkBudgetQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        """Budgets with at least one day in common with the period (both days included)."""
        return self.filter(starts_on__lte=end, ends_on__gte=start)


class NetworkBudget(TimeStamped):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="budgets")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), help_text=_("The last day the budget covers."))
    amount = models.DecimalField(_("amount (GBP)"), max_digits=12, decimal_places=2)
    note = models.CharField(
        max_length=200, blank=True, help_text=_("Where the money comes from, for example the consortium's grant.")
    )
    set_by = erasable_person()

    objects = NetworkBudgetQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="network_budget_ends_after_start"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="network_budget_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["network", "starts_on"])]

    def __str__(self):
        return f"{self.network}: {self.amount} from {self.starts_on} to {self.ends_on}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1
