from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from networks.bilingual import localised
from networks.forms import ConsortiumListForm
from networks.models import Network, NetworkSchool, PracticeArea, School
from networks.permissions import memberships_of

from .models import (
    Approach,
    CollaboratorRole,
    CommentKind,
    Enquiry,
    Evidence,
    EvidenceKind,
    FieldOfKnowledge,
    ImpactArea,
    ImpactClaim,
    LevelOfLearning,
    Stage,
    Strength,
)
from .uploads import UploadRefused, check_upload, max_upload_bytes, megabytes

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def schools_for(user):
    """Where the person may start an enquiry: their own schools; for someone with no school role
    (a network leader, say), the schools of their networks."""
    memberships = memberships_of(user)
    school_ids = {m.school_id for m in memberships if m.school_id}
    if school_ids:
        return School.objects.filter(pk__in=school_ids).order_by("name")
    network_ids = {m.network_id for m in memberships if m.network_id}
    return School.objects.filter(
        pk__in=NetworkSchool.objects.filter(network_id__in=network_ids).values("school_id")
    ).order_by("name")


class EnquiryForm(forms.ModelForm):
    """What the enquiry is about. Its stage, sharing and evidence have their own forms."""

    class Meta:
        model = Enquiry
        fields = [
            "title",
            "question",
            "school",
            "network",
            "why_it_matters",
            "pupil_group",
            "pupil_count",
            "practice_areas",
            "approach",
            "levels",
            "knowledge_fields",
            "current_provision",
            "plan",
            "changes",
            "observations",
            "conclusions",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "current_provision": forms.Textarea(attrs={"rows": 3}),
            "plan": forms.Textarea(attrs={"rows": 3}),
            "changes": forms.Textarea(attrs={"rows": 3}),
            "observations": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 3}),
            "practice_areas": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
            "knowledge_fields": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title": _("Title"),
            "school": _("School"),
            "network": _("Network"),
            "why_it_matters": _("Why it matters"),
            "practice_areas": _("Practice areas"),
            "approach": _("Approach"),
        }
        help_texts = {
            "title": _("A few words colleagues will recognise in the practice library."),
            "question": _("For example: Does oral rehearsal before writing improve Year 5 boys' paragraphing?"),
            "network": _("The network whose focus your enquiry serves, if any."),
            "levels": _("The levels of learning it touches."),
            "knowledge_fields": _("Where the knowledge you use comes from."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = schools_for(user)
        if self.instance.pk:
            schools = schools | School.objects.filter(pk=self.instance.school_id)
        self.fields["school"].queryset = schools.select_related("consortium")
        self.fields["school"].empty_label = None
        school_ids = list(schools.values_list("pk", flat=True))
        in_reach = Q(pk__in=NetworkSchool.objects.filter(school_id__in=school_ids).values("network_id"))
        if self.instance.network_id:
            in_reach |= Q(pk=self.instance.network_id)
        self.fields["network"].queryset = Network.objects.filter(in_reach).order_by("name")
        consortium_ids = set(schools.values_list("consortium_id", flat=True))
        self.fields["practice_areas"].queryset = PracticeArea.objects.filter(consortium_id__in=consortium_ids)
        approaches = Q(consortium_id__in=consortium_ids, is_active=True)
        if self.instance.approach_id:
            approaches |= Q(pk=self.instance.approach_id)
        self.fields["approach"].queryset = Approach.objects.filter(approaches).order_by(localised("name"), "pk")
        self.fields["levels"].queryset = LevelOfLearning.objects.all()
        self.fields["knowledge_fields"].queryset = FieldOfKnowledge.objects.all()
        self.focus_by_network = {n.pk: n.focus for n in self.fields["network"].queryset if n.focus}
        if not self.instance.pk:
            # A teacher in exactly one network (or whose schools are in only one) starts with it
            # chosen; they may still choose none.
            networks = self.fields["network"].queryset
            own = set(networks.filter(memberships__user=user).values_list("pk", flat=True))
            candidates = own or set(networks.values_list("pk", flat=True))
            if len(candidates) == 1:
                self.fields["network"].initial = candidates.pop()

    def clean(self):
        cleaned = super().clean()
        school, network = cleaned.get("school"), cleaned.get("network")
        if school and network and not network.network_schools.filter(school=school).exists():
            self.add_error(
                "network",
                gettext("%(school)s is not in %(network)s: choose one of its networks.")
                % {"school": school.name, "network": network.name},
            )
        areas = cleaned.get("practice_areas")
        if school and areas and any(area.consortium_id != school.consortium_id for area in areas):
            self.add_error(
                "practice_areas", gettext("Choose practice areas of %(name)s.") % {"name": school.consortium.name}
            )
        approach = cleaned.get("approach")
        if school and approach and approach.consortium_id != school.consortium_id:
            self.add_error("approach", gettext("Choose an approach of %(name)s.") % {"name": school.consortium.name})
        return cleaned


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)


class ShareForm(forms.Form):
    sharing = forms.ChoiceField(label=_("Who may see it"), widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sharing"].choices = choices


class CollaboratorForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"), help_text=_("A colleague with an account in your consortium."), max_length=254
    )
    role = forms.ChoiceField(
        label=_("As"),
        choices=[
            (CollaboratorRole.CRITICAL_FRIEND, _("Critical friend: reads it while it is private, and comments")),
            (CollaboratorRole.CO_ENQUIRER, _("Co-enquirer: works on it with you")),
        ],
        initial=CollaboratorRole.CRITICAL_FRIEND,
        widget=forms.RadioSelect,
    )


class NoteForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["stage", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 5})}
        labels = {"stage": _("Stage it belongs to"), "title": _("Title"), "note": _("Note")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True


class FileCaptionForm(forms.ModelForm):
    """A file's caption and note; its content stays as uploaded."""

    class Meta:
        model = Evidence
        fields = ["stage", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"stage": _("Stage it belongs to"), "title": _("Caption"), "note": _("What it shows")}


class LinkForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https", help_text=_("Starting https://"))

    class Meta:
        model = Evidence
        fields = ["stage", "title", "url", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"stage": _("Stage it belongs to"), "title": _("Title"), "note": _("What it shows")}


class FileForm(forms.ModelForm):
    upload = forms.FileField(label=_("File"))

    class Meta:
        model = Evidence
        fields = ["stage", "upload", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"stage": _("Stage it belongs to"), "title": _("Caption"), "note": _("What it shows")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = gettext(
            "A PDF, photo (PNG, JPEG, GIF, WebP), Word, Excel, PowerPoint, OpenDocument or CSV file of at most "
            "%(megabytes)s. Only the people who may see this enquiry can open it."
        ) % {"megabytes": megabytes(max_upload_bytes())}
        self.fields["upload"].widget.attrs["accept"] = (
            ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt"
        )
        self.detected = None

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            self.detected = check_upload(upload)
        except UploadRefused as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["stage", "measure", "unit", "baseline_value", "baseline_on", "outcome_value", "outcome_on", "note"]
        widgets = {"baseline_on": DATE_INPUT, "outcome_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "stage": _("Stage it belongs to"),
            "unit": _("Unit"),
            "baseline_value": _("Baseline"),
            "outcome_value": _("Outcome"),
            "note": _("How it was measured"),
        }
        help_texts = {
            "measure": _("For example: boys who paragraph correctly."),
            "outcome_value": _("Leave empty until you measure again."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("measure", "baseline_value", "baseline_on"):
            self.fields[name].required = True
        for name in ("baseline_value", "outcome_value"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "step": "any"})

    def clean(self):
        cleaned = super().clean()
        value, on = cleaned.get("outcome_value"), cleaned.get("outcome_on")
        if value is not None and not on:
            self.add_error("outcome_on", gettext("Give the date of the outcome."))
        if on and value is None:
            self.add_error("outcome_value", gettext("Give the outcome, or leave its date empty."))
        check_outcome_date(self, cleaned.get("baseline_on"))
        return cleaned


def check_outcome_date(form, baseline_on) -> None:
    on = form.cleaned_data.get("outcome_on")
    if on and baseline_on and on < baseline_on:
        form.add_error("outcome_on", gettext("The outcome comes after the baseline: check the dates."))


class OutcomeForm(forms.ModelForm):
    """A measure's outcome, recorded in place on the enquiry's page (both parts needed there)."""

    class Meta:
        model = Evidence
        fields = ["outcome_value", "outcome_on"]
        widgets = {"outcome_on": DATE_INPUT}
        labels = {"outcome_value": _("Outcome"), "outcome_on": _("Date measured")}

    def __init__(self, *args, instance, **kwargs):
        # Each measure's form has its own field names and ids: several may be on one page.
        super().__init__(*args, instance=instance, prefix=f"measure-{instance.pk}", **kwargs)
        self.fields["outcome_value"].required = True
        self.fields["outcome_on"].required = True
        self.fields["outcome_value"].error_messages["required"] = gettext("Give the outcome.")
        self.fields["outcome_on"].error_messages["required"] = gettext("Give the date of the outcome.")
        self.fields["outcome_value"].widget.attrs.update({"inputmode": "decimal", "step": "any"})
        if instance.unit:
            self.fields["outcome_value"].label = gettext("Outcome (%(unit)s)") % {"unit": instance.unit.strip()}

    def clean(self):
        cleaned = super().clean()
        check_outcome_date(self, self.instance.baseline_on)
        return cleaned


EVIDENCE_FORMS = {
    EvidenceKind.NOTE: NoteForm,
    EvidenceKind.LINK: LinkForm,
    EvidenceKind.FILE: FileForm,
    EvidenceKind.MEASURE: MeasureForm,
}


class ImpactClaimForm(forms.ModelForm):
    class Meta:
        model = ImpactClaim
        fields = ["area", "claim", "strength", "evidence"]
        widgets = {
            "area": forms.RadioSelect,
            "claim": forms.Textarea(attrs={"rows": 3}),
            "strength": forms.RadioSelect,
        }
        labels = {"claim": _("What changed"), "evidence": _("Evidence")}
        help_texts = {
            "strength": _(
                "How you know: from anecdote, the weakest, to a comparison with pupils who did not "
                "take part, the strongest."
            ),
        }

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = ImpactArea.choices
        self.fields["strength"].choices = Strength.choices
        self.fields["evidence"].queryset = enquiry.evidence.all()
        self.fields["evidence"].empty_label = gettext("None attached")
        self.fields["evidence"].label_from_instance = lambda e: f"{e.get_kind_display()}: {e}"


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of comment"), choices=CommentKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class LibraryForm(forms.Form):
    """The practice library's search and filters; choices come from what the reader can see."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Practice area"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    level = forms.ChoiceField(label=_("Level of learning"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    strength = forms.TypedChoiceField(label=_("Evidence at least"), required=False, coerce=int, empty_value=None)
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int, empty_value=None)
    network = forms.TypedChoiceField(label=_("Network"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, areas, phases, schools, networks, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", gettext("Any"))]
        self.fields["area"].choices = anything + list(areas)
        self.fields["phase"].choices = anything + [(p, p) for p in phases]
        self.fields["level"].choices = anything + list(LevelOfLearning.objects.values_list("slug", localised("name")))
        self.fields["stage"].choices = anything + list(Stage.choices)
        self.fields["strength"].choices = anything + [(v, label) for v, label in Strength.choices]
        self.fields["school"].choices = anything + list(schools)
        self.fields["network"].choices = anything + list(networks)


class ApproachForm(ConsortiumListForm):
    """An approach on the consortium's list, added or renamed: its name, unique in the consortium,
    and its name in Welsh if the staff give one."""

    no_letters = _("Give the approach a name with letters or numbers in it.")

    class Meta(ConsortiumListForm.Meta):
        model = Approach
        labels = {"name": _("Name of the approach"), "name_cy": _("Name in Welsh")}
        help_texts = {"name_cy": _("For people who use the platform in Welsh. Without it they see the English.")}

    def clash_message(self, clash) -> str:
        if clash.is_active:
            return gettext("%(consortium)s already has the approach “%(name)s”.")
        return gettext("%(consortium)s already has the approach “%(name)s” (retired: offer it again instead).")
