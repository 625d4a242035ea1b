"""Forms for activities, participants, costs, rates, evaluations and the facilitation tools."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enquiry.models import Enquiry
from networks.forms import DateRangeMixin
from networks.models import PracticeArea, School

from .jigsaw import parse_people
from .models import (
    Activity,
    ActivityStatus,
    Attendance,
    CollaborationLevel,
    CostLine,
    ForceDirection,
    ForceFieldAnalysis,
    InnovationPhase,
    JigsawPlan,
    KindOfCollaboration,
    NetworkBudget,
    ParticipantRole,
    ProblemSolvingRecord,
    Rate,
)
from .reads import eligible_people, with_school_name
from .reference_data import FISHBONE_CATEGORIES

MONEY_ERRORS = {
    "max_decimal_places": _("Use pounds and pence: no more than two decimal places (for example 173.50)."),
    "max_digits": _("That is more than the platform can hold: at most 99,999,999.99."),
    "max_whole_digits": _("That is more than the platform can hold: at most 99,999,999.99."),
    "invalid": _("Enter an amount in pounds, for example 173.50."),
}
QUANTITY_ERRORS = {
    "max_decimal_places": _("Use at most two decimal places (for example 0.5 of a day)."),
    "invalid": _("Enter a number, for example 2 or 0.5."),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker; the value travels as YYYY-MM-DDTHH:MM."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def money_field(label, not_negative, **kwargs):
    return forms.DecimalField(
        label=label,
        max_digits=10,
        decimal_places=2,
        error_messages=MONEY_ERRORS,
        validators=[MinValueValidator(Decimal("0"), message=not_negative)],
        **kwargs,
    )


class ActivityForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput)
    days = forms.DecimalField(
        label=_("Days of staff time each"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        help_text=_("For supply cover: 1 for a day, 0.5 for a half day, 0 for a twilight session."),
        error_messages={
            "max_decimal_places": "Use whole or half days, for example 0.5.",
            "min_value": "The days cannot be negative.",
        },
    )
    collaboration_level = forms.TypedChoiceField(
        label=_("Collaboration level"),
        choices=CollaborationLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 knowledge transfer, 2 knowledge sharing on parallel agendas, 3 co-construction."),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "purpose",
            "host_school",
            "location",
            "starts_at",
            "ends_at",
            "days",
            "status",
            "collaboration_level",
            "kind_of_collaboration",
            "innovation_phase",
            "practice_areas",
            "enquiries",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "practice_areas": forms.CheckboxSelectMultiple,
            "enquiries": forms.CheckboxSelectMultiple,
        }
        labels = {
            "kind_of_collaboration": _("Kind of collaboration"),
            "innovation_phase": _("Innovation-cycle phase"),
            "enquiries": _("Linked enquiry cycles"),
        }

    def __init__(self, *args, network, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        # Only enquiries of this network that the planner may read can be linked.
        self.fields["enquiries"].queryset = Enquiry.objects.visible_to(user).in_network(network).order_by("title")
        self.fields["enquiries"].required = False
        self.fields["enquiries"].help_text = gettext("The network's enquiries you can read that this activity serves.")
        self.fields["host_school"].queryset = School.objects.filter(network_schools__network=network).order_by("name")
        self.fields["host_school"].empty_label = gettext("No host school (for example, online)")
        self.fields["practice_areas"].queryset = PracticeArea.objects.filter(consortium_id=network.consortium_id)
        self.fields["practice_areas"].required = False
        self.fields["innovation_phase"].queryset = InnovationPhase.objects.all()
        self.fields["innovation_phase"].empty_label = gettext("Not set")
        self.fields["status"].choices = [
            (value, label) for value, label in ActivityStatus.choices if value != ActivityStatus.CANCELLED
        ]
        self.fields["kind_of_collaboration"].choices = [("", "Not set")] + list(KindOfCollaboration.choices)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", gettext("The activity must end after it starts: check the end date and time."))
        return cleaned

    def _post_clean(self):
        # The model's own check constraint would repeat the message above; the form's says it already.
        if "ends_at" in self.errors:
            return
        super()._post_clean()


class ParticipantAddForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("People"),
        error_messages={
            "invalid_choice": "Someone you chose is not in this network: only its members and the staff of its "
            "schools can take part.",
            "invalid_pk_value": "Someone you chose is not in this network.",
            "required": "Choose at least one person.",
        },
    )
    role = forms.ChoiceField(
        choices=ParticipantRole.choices, label=_("Their role"), initial=ParticipantRole.PARTICIPANT
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        taken = activity.participants.values("user_id")
        self.fields["people"].queryset = (
            with_school_name(eligible_people(activity.network), activity.network)
            .exclude(pk__in=taken)
            .order_by("full_name", "email")
        )
        self.fields["people"].error_messages["invalid_choice"] = gettext(
            "Someone you chose is not in %(name)s: only its members and the staff of its schools can take part."
        ) % {"name": activity.network.name}
        self.fields["people"].label_from_instance = lambda user: ", ".join(
            part for part in (user.full_name or user.email, user.job_title, user.school_name) if part
        )
        self.fields["role"].initial = activity.activity_type.default_role


class ParticipantsRoleForm(forms.Form):
    """One role for several people already taking part."""

    participants = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("People taking part"),
        error_messages={"required": "Choose at least one person.", "invalid_choice": "Choose people taking part."},
    )
    role = forms.ChoiceField(choices=ParticipantRole.choices, label=_("Their new role"))

    prefix = "change"  # beside the add form on one page: its own field names and ids

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = activity.participants.select_related("user", "school").order_by(
            "user__full_name", "pk"
        )
        self.fields["participants"].label_from_instance = lambda p: ", ".join(
            part
            for part in (p.user.full_name or p.user.email, p.get_role_display(), p.school and p.school.name)
            if part
        )
        self.fields["role"].initial = activity.activity_type.default_role


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(choices=ParticipantRole.choices)
    attendance = forms.ChoiceField(choices=Attendance.choices, widget=forms.RadioSelect)


class CostLineForm(forms.ModelForm):
    quantity = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        error_messages=QUANTITY_ERRORS,
        validators=[MinValueValidator(Decimal("0"), message=_("The quantity cannot be negative."))],
        help_text=_("Days, miles, people: what the rate is per."),
    )
    rate = money_field(_("Rate"), _("The rate cannot be negative."), help_text=_("In pounds, per unit."))

    class Meta:
        model = CostLine
        fields = ["category", "school", "description", "quantity", "unit_label", "rate"]
        labels = {"school": _("Borne by"), "unit_label": _("Unit")}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(network_schools__network=network).order_by("name")
        self.fields["school"].empty_label = gettext("The network (no one school)")
        self.fields["unit_label"].help_text = gettext("For example “per teacher-day”.")


class SpendForm(forms.Form):
    actual_amount = money_field(
        _("Amount spent"), _("The amount spent cannot be negative."), help_text=_("What was actually paid, in pounds.")
    )


class RateForm(forms.ModelForm):
    amount = money_field(_("Amount"), _("The amount cannot be negative."))

    class Meta:
        model = Rate
        fields = ["category", "unit_label", "amount", "applies_from", "source"]
        widgets = {"applies_from": DateInput, "source": forms.Textarea(attrs={"rows": 2})}
        labels = {"unit_label": _("Unit"), "source": _("Where the figure comes from")}
        help_texts = {"source": _("For example: “agreed by the heads' forum, July”.")}

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.consortium = consortium

    def clean(self):
        cleaned = super().clean()
        category, applies_from = cleaned.get("category"), cleaned.get("applies_from")
        if category and applies_from:
            clash = Rate.objects.filter(
                consortium=self.instance.consortium, category=category, applies_from=applies_from
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "applies_from",
                    gettext("There is already a rate for this category from that day: change that one instead."),
                )
        return cleaned


class EvaluationForm(forms.Form):
    learned = forms.CharField(label=_("What did you learn?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    will_change = forms.CharField(
        label=_("What will you change in your own practice?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful was it?"),
        choices=[(5, _("5 Very useful")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 Not useful"))],
        coerce=int,
        widget=forms.RadioSelect,
    )


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Recorder's notes"), widget=forms.Textarea(attrs={"rows": 10}), required=False)


class OutcomesForm(forms.Form):
    outcomes = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    next_steps = forms.CharField(
        label=_("Next steps"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What happens next: an enquiry to start, a visit to return, a practice to try."),
    )


# Facilitation tools -------------------------------------------------------------------------------


class ToolActivityField(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return f"{activity.title} ({date_format(timezone.localtime(activity.starts_at), 'j F Y')})"


def _activity_field():
    return ToolActivityField(
        queryset=Activity.objects.none(), required=False, empty_label=gettext("None"), label=gettext("Activity")
    )


class NetworkToolForm(forms.ModelForm):
    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"] = _activity_field()
        self.fields["activity"].queryset = Activity.objects.filter(network=network).live().order_by("-starts_at")
        self.order_fields(self.Meta.fields)


class JigsawForm(NetworkToolForm):
    readings = forms.TypedChoiceField(
        choices=[(2, _("2 readings (A, B)")), (3, _("3 readings (A to C)")), (4, _("4 readings (A to D)"))],
        coerce=int,
        initial=4,
        widget=forms.RadioSelect,
        label=_("Readings"),
    )

    class Meta:
        model = JigsawPlan
        fields = ["title", "activity", "people", "readings", "reading_titles"]
        widgets = {"people": forms.Textarea(attrs={"rows": 12}), "reading_titles": forms.Textarea(attrs={"rows": 4})}
        labels = {"people": _("Who is here"), "reading_titles": _("Titles of the readings")}
        help_texts = {
            "people": _(
                "Paste the attendance list, one person a line: “Name, School”. Leave it empty to use the "
                "people taking part in the activity chosen above."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].required = False
        self.fields["activity"].help_text = gettext("Optional: the session this jigsaw is for.")

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("people") or "").strip()
        activity = cleaned.get("activity")
        if not text and activity is not None:
            participants = activity.participants.select_related("user", "school").order_by("user__full_name")
            text = "\n".join(
                f"{p.user.full_name or p.user.email}, {p.school.name if p.school else ''}".rstrip(", ")
                for p in participants
            )
            cleaned["people"] = text
        if not text:
            self.add_error(
                "people", gettext("Paste the list of people, one a line, or choose an activity with participants.")
            )
        elif len(parse_people(text)) < 3:
            self.add_error("people", gettext("A jigsaw needs at least three people: home groups are of three or four."))
        return cleaned


class PstbForm(NetworkToolForm):
    class Meta:
        model = ProblemSolvingRecord
        fields = ["title", "activity", "problem", "problem_owner"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 3})}
        labels = {"problem_owner": _("Problem owner")}


class ForceFieldForm(NetworkToolForm):
    class Meta:
        model = ForceFieldAnalysis
        fields = ["title", "activity", "change"]
        widgets = {"change": forms.Textarea(attrs={"rows": 3})}


class CauseForm(forms.Form):
    category = forms.ChoiceField(choices=[(c, c) for c in FISHBONE_CATEGORIES], label=_("Category"))
    text = forms.CharField(label=_("Cause"), max_length=300)


class WhyForm(forms.Form):
    text = forms.CharField(label=_("Why? Because…"), max_length=300)


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.CharField(label=_("Who"), max_length=150)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput)


class ForceForm(forms.Form):
    direction = forms.ChoiceField(choices=ForceDirection.choices, widget=forms.RadioSelect, label=_("Direction"))
    text = forms.CharField(label=_("Force"), max_length=300)
    strength = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)], coerce=int, label=_("Strength (1 weak to 5 strong)"), initial=3
    )


class NetworkBudgetForm(DateRangeMixin, forms.ModelForm):
    date_range_error = _("The last day must be on or after the first.")

    amount = forms.DecimalField(
        label=_("Amount (£)"),
        max_digits=10,
        decimal_places=2,
        error_messages=MONEY_ERRORS,
        validators=[MinValueValidator(Decimal("0"), message=_("The amount cannot be negative."))],
    )

    class Meta:
        model = NetworkBudget
        fields = ["starts_on", "ends_on", "amount", "note"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        labels = {
            "starts_on": _("From"),
            "ends_on": _("To (the last day it covers)"),
            "note": _("Where the money comes from"),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if not self.dates_reversed() and starts_on and ends_on:
            clash = (
                NetworkBudget.objects.filter(network=self.instance.network)
                .overlapping(starts_on, ends_on)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                self.add_error(
                    None,
                    gettext(
                        "These dates overlap the budget from %(starts_on)s to %(ends_on)s: change that one, or "
                        "choose other dates."
                    )
                    % {
                        "starts_on": date_format(clash.starts_on, "j F Y"),
                        "ends_on": date_format(clash.ends_on, "j F Y"),
                    },
                )
        return cleaned
