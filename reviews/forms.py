"""Forms for self-review: rounds, answers, review settings and maturity stages."""

import re

from django import forms
from django.utils import dateformat, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from networks.models import Network, Role, School

from .models import Framework, MaturityStage, Rating

# The scale in the order people read it, with "don't know" last and apart.
RATING_CHOICES = [
    (rating.value, rating.label)
    for rating in (Rating.NOT_YET, Rating.EMERGING, Rating.DEVELOPING, Rating.EMBEDDED, Rating.DONT_KNOW)
]
AUDIENCE_ROLES = [
    (role.value, role.label)
    for role in (Role.NETWORK_LEADER, Role.NETWORK_CO_LEADER, Role.NETWORK_MEMBER, Role.SCHOOL_LEAD, Role.SCHOOL_STAFF)
]
ROUND_DAYS = 21
COMMENT_MAX = 2000
CHOOSE_A_RATING = _("Choose one of the ratings, or “Don't know”.")


def long_date(value):
    return dateformat.format(value, "j F Y")


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RoundForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(), widget=forms.RadioSelect, empty_label=None, label=_("Framework")
    )
    title = forms.CharField(
        max_length=150, required=False, help_text=_("Optional. For example: “Autumn term self-review”.")
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(
        label=_("Closes on"), widget=DateInput, help_text=_("The round closes at the end of this day.")
    )
    audience_schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Schools"),
        help_text=_("Leave every box empty to ask every school in the network."),
    )
    audience_roles = forms.MultipleChoiceField(
        choices=AUDIENCE_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Roles"),
        help_text=_("Leave every box empty to ask everyone, whatever their role."),
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["audience_schools"].queryset = School.objects.filter(network_schools__network=network).order_by(
            "name"
        )
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + timezone.timedelta(days=ROUND_DAYS)
        first = Framework.objects.order_by("name").first()
        if first is not None:
            self.fields["framework"].initial = first.pk

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on",
                gettext("The closing date must be on or after the opening date (%(date)s).")
                % {"date": long_date(opens_on)},
            )
        elif closes_on and closes_on < timezone.localdate():
            self.add_error("closes_on", gettext("The closing date has passed already: choose today or a later day."))
        return cleaned


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label=_("New closing date"), widget=DateInput)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["closes_on"].initial = max(round.closes_on, timezone.localdate()) + timezone.timedelta(days=7)
        self.fields["closes_on"].help_text = gettext("It closes at the end of %(date)s now.") % {
            "date": long_date(round.closes_on)
        }

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on <= self.round.closes_on:
            raise forms.ValidationError(
                gettext("Choose a day after the current closing date, %(date)s. To end the round sooner, close it now.")
                % {"date": long_date(self.round.closes_on)}
            )
        if closes_on < timezone.localdate():
            raise forms.ValidationError(gettext("That day has passed already: choose today or a later day."))
        return closes_on


class AnswerForm(forms.Form):
    """One question's answer; prefixed with the question, so a page of them posts as one form."""

    rating = forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        error_messages={"required": CHOOSE_A_RATING, "invalid_choice": CHOOSE_A_RATING},
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea,
        error_messages={"max_length": format_lazy(_("Keep the comment to {count} characters."), count=COMMENT_MAX)},
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, prefix=f"q{question.pk}", **kwargs)
        self.question = question

    def was_given(self):
        """Whether the person gave anything for this question (a page may leave some blank)."""
        return bool(self.data.get(self.add_prefix("rating")) or self.data.get(self.add_prefix("comment"), "").strip())


class ReviewSettingsForm(forms.ModelForm):
    reminder_days = forms.CharField(
        label=_("Remind those who have not answered, this many days before a round closes"),
        required=False,
        max_length=50,
        help_text=_(
            "Whole numbers from 1 to 60, separated by commas: for example “7, 2”. Leave empty for no reminders."
        ),
    )

    class Meta:
        model = Network
        fields = ["reminder_days", "review_cadence"]
        widgets = {"review_cadence": forms.RadioSelect}
        labels = {"review_cadence": _("How often the network reviews itself")}

    MAX_REMINDERS = 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["reminder_days"] = ", ".join(str(day) for day in self.instance.reminder_days or [])

    def clean_reminder_days(self):
        text = self.cleaned_data["reminder_days"].strip()
        days = set()
        for part in filter(None, (p.strip() for p in re.split(r"[,;\s]+", text))):
            if not part.isdigit():
                raise forms.ValidationError(gettext("“%(part)s” is not a whole number of days.") % {"part": part})
            day = int(part)
            if not 1 <= day <= 60:
                raise forms.ValidationError(gettext("Choose days from 1 to 60: %(day)s is not.") % {"day": day})
            days.add(day)
        if len(days) > self.MAX_REMINDERS:
            raise forms.ValidationError(gettext("At most %(count)s reminders, please.") % {"count": self.MAX_REMINDERS})
        return sorted(days, reverse=True)


class MaturityForm(forms.Form):
    stage = forms.ChoiceField(
        choices=MaturityStage.choices,
        widget=forms.RadioSelect,
        label=_("Stage"),
        error_messages={"required": _("Choose the school's stage.")},
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        label=_("Why this stage"),
        help_text=_("What you see in how staff learn, who they learn with, and the structures that support it."),
        error_messages={"required": _("Say why you chose this stage: what you see that shows it.")},
    )
    recorded_on = forms.DateField(label=_("Date of the judgement"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].initial = timezone.localdate()

    def clean_recorded_on(self):
        recorded_on = self.cleaned_data["recorded_on"]
        if recorded_on > timezone.localdate():
            raise forms.ValidationError(gettext("The date cannot be in the future."))
        return recorded_on
