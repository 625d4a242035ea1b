"""Each consortium's settings for its brokerage desk: the weights of matching, and the digest."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Consortium, TimeStamped
from networks.models.fields import erasable_person

from .vocab import DigestFrequency

# Factor -> (field, default weight, label). The order is the order reasons are given in.
FACTORS = [
    ("area", "weight_area", 5, _("Practice-area match")),
    ("evidence", "weight_evidence", 4, _("Strength of evidence of impact")),
    ("distance", "weight_distance", 3, _("Distance")),
    ("phase", "weight_phase", 2, _("Phase match")),
    ("availability", "weight_availability", 3, _("Availability in the preferred dates")),
    ("cost", "weight_cost", 2, _("Cost within budget")),
    ("feedback", "weight_feedback", 2, _("Feedback on past engagements")),
    ("fairness", "weight_fairness", 1, _("Fairness: not asked every time")),
]
MAX_WEIGHT = 10


def _weight(default, label):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MaxValueValidator(MAX_WEIGHT)], help_text=f"0 to {MAX_WEIGHT}."
    )


class BrokerageSettings(TimeStamped):
    """Weights of the match's factors (0 leaves a factor out) and how often the digest goes out.
    A consortium with no row uses the defaults."""

    consortium = models.OneToOneField(Consortium, on_delete=models.CASCADE, related_name="brokerage_settings")
    weight_area = _weight(5, _("practice-area match"))
    weight_evidence = _weight(4, _("strength of evidence of impact"))
    weight_distance = _weight(3, _("distance"))
    weight_phase = _weight(2, _("phase match"))
    weight_availability = _weight(3, _("availability in the preferred dates"))
    weight_cost = _weight(2, _("cost within budget"))
    weight_feedback = _weight(2, _("feedback on past engagements"))
    weight_fairness = _weight(1, _("fairness (not the same few every time)"))
    digest_frequency = models.CharField(
        _("digest of new practice and completed engagements"),
        max_length=20,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    updated_by = erasable_person(related_name="+")

    class Meta:
        ordering = ["consortium__name"]
        verbose_name_plural = _("brokerage settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{field}__lte": MAX_WEIGHT for _, field, _, _ in FACTORS}),
                name="brokerage_weights_at_most_10",
            )
        ]

    def __str__(self):
        return f"Brokerage settings of {self.consortium}"

    @classmethod
    def for_consortium(cls, consortium) -> BrokerageSettings:
        """The saved settings, or the defaults (unsaved)."""
        consortium_id = consortium if isinstance(consortium, int) else consortium.pk
        return cls.objects.filter(consortium_id=consortium_id).first() or cls(consortium_id=consortium_id)

    @property
    def weights(self) -> dict[str, int]:
        return {factor: getattr(self, field) for factor, field, _, _ in FACTORS}
