"""Forms of the brokerage desk. Each checks what the person can fix, with the service's own rules,
so bad input is a message on the page and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enquiry.models import Enquiry, Sharing
from networks.forms import DateRangeMixin
from networks.models import PracticeArea, School

from . import reads
from .models import (
    FACTORS,
    AvailabilityBlock,
    AvailabilityKind,
    BrokerageSettings,
    EvidenceStrength,
    HostCapacity,
    PastEngagement,
    Phase,
    PracticeEntry,
    RequestKind,
    Specialist,
)
from .permissions import raisable_networks, raisable_schools

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BOOKING_DAYS = 6


def local_authorities(consortium_id) -> list[str]:
    return list(
        School.objects.filter(consortium_id=consortium_id)
        .exclude(local_authority="")
        .order_by("local_authority")
        .values_list("local_authority", flat=True)
        .distinct()
    )


def _text_box(label, *, rows: int = 3, max_length: int = 4000, required: bool = True, **options) -> forms.CharField:
    """Free text up to `max_length` characters, in a box `rows` lines high."""
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=forms.Textarea(attrs={"rows": rows}), **options
    )


def _note_box(label, **options) -> forms.CharField:
    """An optional note of up to 2,000 characters, in a box two lines high."""
    return _text_box(label, rows=2, max_length=2000, required=False, **options)


class SchoolField(forms.CharField):
    """A school of one consortium, typed as its URN or its name."""

    def __init__(self, *args, schools=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", _("Its URN, or its name as the register spells it."))
        super().__init__(*args, **kwargs)
        self.schools = schools

    def prepare_value(self, value):
        if isinstance(value, School):
            return str(value.urn)
        if isinstance(value, int) and self.schools is not None:
            school = self.schools.filter(pk=value).first()
            return str(school.urn) if school else ""
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            school = self.schools.filter(urn=int(value)).first()
            if school is None:
                raise forms.ValidationError(
                    gettext("No school you can choose here has the URN %(urn)s.") % {"urn": value}
                )
            return school
        found = list(self.schools.filter(name__iexact=value)[:2])
        if not found:
            found = list(self.schools.filter(name__icontains=value)[:2])
        if not found:
            raise forms.ValidationError(
                gettext("No school you can choose here is called “%(name)s”.") % {"name": value}
            )
        if len(found) > 1:
            raise forms.ValidationError(gettext("Several schools match “%(name)s”: give the URN.") % {"name": value})
        return found[0]


# Requests ----------------------------------------------------------------------------------------


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What kind of support"), choices=RequestKind.choices, widget=forms.RadioSelect)
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        empty_label=_("None: a request for the whole network"),
        label=_("School"),
        help_text=_("The school the support is for."),
    )
    network = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Network"),
        empty_label=_("None"),
        help_text=_("The network the request belongs to, if any."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("A few words: for example, Year 6 writing."))
    practice_areas = forms.ModelMultipleChoiceField(
        queryset=PracticeArea.objects.none(),
        label=_("Practice areas"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the match looks for: choose at least one."),
        error_messages={"required": _("Choose at least one practice area: it is what the match looks for.")},
    )
    need = _text_box(
        _("What is needed"),
        help_text=_("For example: we want to see strong practice and get two days of specialist help."),
    )
    reason = _text_box(_("Why"), required=False)
    preferred_from = forms.DateField(label=_("Preferred dates: from"), required=False, widget=DATE)
    preferred_to = forms.DateField(label=_("Preferred dates: to"), required=False, widget=DATE)
    days = forms.DecimalField(
        label=_("Days of support"), max_digits=4, decimal_places=1, initial=Decimal("2"), min_value=Decimal("0.5")
    )
    budget = forms.DecimalField(
        label=_("Budget (GBP)"),
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty if there is none."),
    )
    # Set when the request is asked for from a shared enquiry's page ("Ask to visit this school").
    enquiry = forms.ModelChoiceField(queryset=Enquiry.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, enquiry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["enquiry"].queryset = (
            Enquiry.objects.visible_to(user).exclude(sharing=Sharing.PRIVATE).select_related("school")
        )
        schools = raisable_schools(user).select_related("consortium").order_by("name")
        networks = raisable_networks(user).order_by("name")
        self.fields["school"].queryset = schools
        self.fields["network"].queryset = networks
        consortium_ids = set(schools.values_list("consortium_id", flat=True).distinct()) | set(
            networks.values_list("consortium_id", flat=True).distinct()
        )
        self.fields["practice_areas"].queryset = PracticeArea.objects.filter(
            consortium_id__in=consortium_ids
        ).select_related("consortium")
        if len(consortium_ids) > 1:
            self.fields["practice_areas"].label_from_instance = lambda a: f"{a.display_name} ({a.consortium.name})"
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        self.fields["kind"].initial = RequestKind.LEARNING_VISIT
        if enquiry is not None:
            self._from_enquiry(enquiry)

    def _from_enquiry(self, enquiry):
        """A learning visit to the enquiry's school, about what it found, in the same practice areas."""
        school = enquiry.school
        self.fields["enquiry"].initial = enquiry.pk
        self.fields["title"].initial = (gettext("Learning visit to %(school)s") % {"school": school.name})[:200]
        self.fields["need"].initial = gettext(
            "We would like to visit %(school)s to see the practice behind their enquiry “%(title)s” "
            "and talk with the staff involved."
        ) % {"school": school.name, "title": enquiry.title}
        self.fields["practice_areas"].initial = list(
            self.fields["practice_areas"]
            .queryset.filter(slug__in=enquiry.practice_areas.values("slug"))
            .values_list("pk", flat=True)
        )

    @property
    def visit_enquiry(self):
        """The shared enquiry this request is asked for from, if any (as submitted, or as opened)."""
        value = self.data.get(self.add_prefix("enquiry")) if self.is_bound else self.fields["enquiry"].initial
        if not value:
            return None
        return self.fields["enquiry"].queryset.filter(pk=value).first() if str(value).isdigit() else None

    def clean(self):
        cleaned = super().clean()
        problems = reads.request_problems(
            school=cleaned.get("school"),
            network=cleaned.get("network"),
            practice_areas=list(cleaned.get("practice_areas") or []),
            preferred_from=cleaned.get("preferred_from"),
            preferred_to=cleaned.get("preferred_to"),
            days=cleaned.get("days"),
            budget=cleaned.get("budget"),
        )
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return cleaned


class NoteForm(forms.Form):
    note = _note_box(_("Note (optional)"))


class ProposeForm(forms.Form):
    candidates = forms.MultipleChoiceField(
        label=_("Candidates to propose"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one candidate to propose.")},
    )
    note = _note_box(_("Note for the requester (optional)"))

    def __init__(self, *args, keys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].choices = [(key, key) for key in keys]


class ProposalResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose accept or decline.")},
    )
    reason = _note_box(_("Reason"), help_text=_("Needed when you decline, so the consortium can find a better match."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", gettext("Say why you decline, so the consortium can find a better match."))
        return cleaned


# Engagements -------------------------------------------------------------------------------------


class BookingForm(forms.Form):
    objectives = _text_box(_("Agreed objectives"))
    expected_impact = _text_box(_("Expected impact"), rows=2, help_text=_("What should change, and for whom."))
    approach = _text_box(
        _("Approach"),
        rows=2,
        required=False,
        help_text=_("How the days will be spent: meeting the head, observing, feedback, an action plan."),
    )

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.engagement = engagement
        for n in range(1, BOOKING_DAYS + 1):
            self.fields[f"day_{n}"] = forms.DateField(
                label=gettext("Day %(n)s") % {"n": n}, required=n == 1, widget=DATE
            )
        if not self.is_bound:
            booked = list(engagement.booked_days.values_list("day", flat=True))
            for n, value in enumerate(booked[:BOOKING_DAYS], start=1):
                self.initial[f"day_{n}"] = value
            for field in ("objectives", "expected_impact", "approach"):
                self.initial[field] = getattr(engagement, field)

    @property
    def day_fields(self):
        return [self[f"day_{n}"] for n in range(1, BOOKING_DAYS + 1)]

    @property
    def plan_fields(self):
        return [self["objectives"], self["expected_impact"], self["approach"]]

    def clean(self):
        cleaned = super().clean()
        dates = [cleaned[f"day_{n}"] for n in range(1, BOOKING_DAYS + 1) if cleaned.get(f"day_{n}")]
        if dates and not any(f"day_{n}" in self.errors for n in range(1, BOOKING_DAYS + 1)):
            problem = reads.booking_problems(engagement=self.engagement, dates=dates)
            if problem:
                raise forms.ValidationError(problem)
        cleaned["dates"] = sorted(set(dates))
        return cleaned


class CompleteForm(forms.Form):
    progress_review = _text_box(
        _("Review of progress"),
        help_text=_("Were the phases of the work completed to the school's satisfaction? What is left to do?"),
    )


class OutcomeForm(forms.Form):
    outcome = _text_box(_("What the school achieved"))
    outcome_strength = forms.TypedChoiceField(
        label=_("How strong is the evidence of it"),
        coerce=int,
        choices=[("", _("Choose"))] + list(EvidenceStrength.choices),
        help_text=_("Data and a comparison group count for more than an anecdote in the next match."),
    )
    rating = forms.TypedChoiceField(
        label=_("How well did it go (1 to 5)"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    feedback = _note_box(_("Feedback for the provider (optional)"))


# Specialists -------------------------------------------------------------------------------------


class SpecialistForm(forms.ModelForm):
    phases = forms.MultipleChoiceField(
        label=_("Phases they work in"), choices=Phase.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    travel_areas = forms.MultipleChoiceField(
        label=_("Local authorities they travel to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: anywhere in the consortium."),
    )
    base = SchoolField(label=_("Based at school (optional)"), required=False)

    class Meta:
        model = Specialist
        fields = ["name", "email", "organisation", "summary", "practice_areas", "day_rate", "is_active"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "practice_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, consortium, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium = consortium
        self.fields["practice_areas"].queryset = PracticeArea.objects.filter(consortium=consortium)
        self.fields["practice_areas"].required = True
        self.fields["practice_areas"].error_messages["required"] = _("Choose at least one practice area.")
        self.fields["travel_areas"].choices = [(la, la) for la in local_authorities(consortium.pk)]
        self.fields["base"].schools = School.objects.filter(consortium=consortium)
        if not staff:
            del self.fields["is_active"]
        if self.instance.pk:
            self.initial.setdefault("phases", self.instance.phases)
            self.initial.setdefault("travel_areas", self.instance.travel_area_names)
            self.initial.setdefault("base", self.instance.base_school)

    def clean_day_rate(self):
        rate = self.cleaned_data["day_rate"]
        if rate is not None and rate < 0:
            raise forms.ValidationError(gettext("The day rate cannot be below zero."))
        return rate


class AvailabilityForm(DateRangeMixin, forms.ModelForm):
    date_range_error = _("The last date comes before the first.")

    class Meta:
        model = AvailabilityBlock
        fields = ["kind", "starts_on", "ends_on", "note"]
        widgets = {"kind": forms.RadioSelect, "starts_on": DATE, "ends_on": DATE}
        labels = {"kind": _("These dates are")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AvailabilityKind.choices
        self.fields["note"].help_text = _("For example: on leave, or mornings only.")

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("ends_on")
        if not self.dates_reversed() and end and end < timezone.localdate():
            self.add_error("ends_on", gettext("Those dates are in the past."))
        return cleaned


class PastEngagementForm(forms.ModelForm):
    class Meta:
        model = PastEngagement
        fields = ["client", "practice_area", "ended_on", "summary", "evidence_strength", "rating", "feedback"]
        widgets = {
            "ended_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "feedback": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_area"].queryset = PracticeArea.objects.filter(consortium=consortium)


# The record of practice --------------------------------------------------------------------------


class PracticeEntryForm(DateRangeMixin, forms.ModelForm):
    school_choice = SchoolField(label=_("School"))
    date_range = ("period_start", "period_end")
    date_range_error = _("The end of the period comes before its start.")

    class Meta:
        model = PracticeEntry
        fields = ["practice_area", "title", "summary", "period_start", "period_end", "evidence", "evidence_strength"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "period_start": DATE,
            "period_end": DATE,
        }

    field_order = ["school_choice"]

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_area"].queryset = PracticeArea.objects.filter(consortium=consortium)
        self.fields["school_choice"].schools = School.objects.filter(consortium=consortium)
        if self.instance.pk:
            self.initial.setdefault("school_choice", self.instance.school)

    def clean(self):
        cleaned = super().clean()
        self.dates_reversed()
        return cleaned


class PracticeImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet saved as CSV"),
        help_text=_(
            "A .csv file of at most 5 MB, with a header row: URN, Practice area, Title, Summary, "
            "From, To, Evidence, Strength of evidence."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        from .practice_import import ImportRefused, decode_upload

        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(gettext("The file is larger than 5 MB: import it in parts."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(gettext("Choose a .csv file: save the spreadsheet as CSV."))
        try:
            self.cleaned_data["text"] = decode_upload(upload.read())
        except ImportRefused as error:
            raise forms.ValidationError(str(error)) from None
        return upload


def strength_filter_choices():
    """The evidence filter's choices, in the language of the request."""
    return [("", gettext("Any"))] + [
        (str(value), gettext("%(strength)s or stronger") % {"strength": label})
        for value, label in EvidenceStrength.choices
    ]


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    practice_area = forms.ModelChoiceField(
        label=_("Practice area"), queryset=PracticeArea.objects.none(), required=False, empty_label=_("Any")
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("Any"))] + list(Phase.choices))
    local_authority = forms.ChoiceField(label=_("Local authority"), required=False)
    strength = forms.ChoiceField(label=_("Evidence"), required=False, choices=strength_filter_choices)
    near = SchoolField(label=_("Near school"), required=False, help_text=_("URN or name."))
    within_km = forms.IntegerField(label=_("Within (km)"), required=False, min_value=1, max_value=1000)

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_area"].queryset = PracticeArea.objects.filter(consortium=consortium)
        self.fields["local_authority"].choices = [("", gettext("Any"))] + [
            (la, la) for la in local_authorities(consortium.pk)
        ]
        self.fields["near"].schools = School.objects.filter(consortium=consortium)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("within_km") and not cleaned.get("near") and "near" not in self.errors:
            self.add_error("near", gettext("Choose the school to measure the distance from."))
        return cleaned


# Hosting, settings and the digest ----------------------------------------------------------------


class HostCapacityForm(forms.ModelForm):
    class Meta:
        model = HostCapacity
        fields = ["visits_per_term", "day_rate", "note"]

    def clean_day_rate(self):
        rate = self.cleaned_data["day_rate"]
        if rate is not None and rate < 0:
            raise forms.ValidationError(gettext("The fee cannot be below zero."))
        return rate


class SettingsForm(forms.ModelForm):
    class Meta:
        model = BrokerageSettings
        fields = [field for _key, field, _default, _label in FACTORS] + ["digest_frequency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _key, field, default, label in FACTORS:
            self.fields[field].label = label
            self.fields[field].help_text = gettext("0 to 10 (default %(default)s); 0 leaves it out.") % {
                "default": default
            }
            self.fields[field].widget.attrs.update({"min": 0, "max": 10})

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(field) for _key, field, _default, _label in FACTORS]
        if all(w is not None for w in weights) and not any(weights):
            raise forms.ValidationError(gettext("Give at least one factor a weight above 0, or nothing can be ranked."))
        return cleaned

    @property
    def weight_fields(self):
        return [self[field] for _key, field, _default, _label in FACTORS]


class DigestForm(forms.Form):
    consortia = forms.ModelMultipleChoiceField(
        label=_("Send me the digest of"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consortia"].queryset = consortia


class MatchFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("What the request calls for")),
            ("school", _("Schools only")),
            ("specialist", _("Specialists only")),
            ("both", _("Schools and specialists")),
        ],
    )
