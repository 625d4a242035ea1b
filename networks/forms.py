from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import SCHOOL_ROLE_CHOICES, EmailPreference, Network, PracticeArea, Role, School, User
from .services import membership_exists, roles_for_place
from .text import SingleLineField


class DateRangeMixin:
    """For a form with a first and a last date (`date_range`, the two fields' names): when both are
    given and the last comes before the first, `dates_reversed()` puts `date_range_error` on the
    last and says so, so the form's own checks of the range run only on one in order."""

    date_range = ("starts_on", "ends_on")
    date_range_error = _("The last day must be on or after the first.")

    def dates_reversed(self) -> bool:
        first, last = (self.cleaned_data.get(name) for name in self.date_range)
        if first and last and last < first:
            self.add_error(self.date_range[1], self.date_range_error)
            return True
        return False


class NetworkForm(forms.ModelForm):
    """What a leader may change about their network: its purpose, focus and practice areas."""

    class Meta:
        model = Network
        fields = ["purpose", "focus", "practice_areas"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "focus": forms.Textarea(attrs={"rows": 3}),
            "practice_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_areas"].queryset = PracticeArea.objects.filter(consortium_id=self.instance.consortium_id)


class NetworkCreateForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "purpose", "focus"]
        field_classes = {"name": SingleLineField}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "focus": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium = consortium
        self.instance.consortium = consortium

    def clean_name(self):
        name = self.cleaned_data["name"]
        taken = Network.objects.filter(consortium=self.consortium, name__iexact=name).first()
        if taken:
            raise forms.ValidationError(
                gettext("%(consortium)s already has a network called %(name)s. Choose another name.")
                % {"consortium": self.consortium.name, "name": taken.name}
            )
        return name


def school_fields(network: Network) -> dict[str, forms.Field]:
    """A school of the network and the role there: asked when inviting someone to the network, and
    when a leader places a member in a school."""
    return {
        "school": forms.ModelChoiceField(
            queryset=School.objects.filter(network_schools__network=network).order_by("name"),
            label=_("Their school"),
            empty_label=_("Choose their school"),
            to_field_name="urn",
            error_messages={
                "required": _("Choose the school they work at."),
                "invalid_choice": gettext("That school is not in %(network)s: choose one of the network's schools.")
                % {"network": network},
            },
        ),
        "school_role": forms.ChoiceField(
            label=_("Their role at the school"),
            choices=SCHOOL_ROLE_CHOICES,
            initial=Role.SCHOOL_STAFF,
            widget=forms.RadioSelect,
            help_text=_("A school lead approves the school's costs and records its PLC stage."),
        ),
    }


class InvitationForm(forms.Form):
    """Who to invite and as what. To a network with schools it also asks for the person's school
    (one of the network's) and their role there."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        self.fields["role"].choices = roles_for_place(place)
        self.fields["role"].initial = self.fields["role"].choices[0][0]
        if isinstance(place, Network) and place.network_schools.exists():
            self.fields.update(school_fields(place))

    def clean(self):
        cleaned = super().clean()
        email, role = cleaned.get("email"), cleaned.get("role")
        if email and role and membership_exists(email=email, role=role, place=self.place):
            if "school" in self.fields:
                error = gettext(
                    "%(email)s is already a member of %(place)s. To place them in a school, use the network's "
                    "members page."
                )
            else:
                error = gettext("%(email)s is already a member of %(place)s.")
            self.add_error("email", error % {"email": email, "place": self.place})
        return cleaned


class MemberSchoolForm(forms.Form):
    """A leader places a member of the network in one of its schools, as staff or school lead."""

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(school_fields(network))


class SchoolChoiceForm(forms.Form):
    """A member with no school in a network chooses one of its schools, as staff."""

    school = forms.TypedChoiceField(label=_("Your school"), coerce=int, empty_value=None)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {school.urn: school for _network, schools in choices for school in schools}
        self.fields["school"].choices = [("", gettext("Choose your school"))] + [
            (network.name, [(school.urn, school.name) for school in schools]) for network, schools in choices
        ]
        self.fields["school"].error_messages["required"] = gettext("Choose the school you work at.")
        self.fields["school"].error_messages["invalid_choice"] = gettext(
            "That school is not in your networks: choose one of their schools."
        )

    def clean_school(self):
        return self.schools[self.cleaned_data["school"]]


class AccountCreateForm(forms.Form):
    """Set up an account from an invitation: a name and a password."""

    full_name = SingleLineField(max_length=150, label=_("Your full name"))
    job_title = SingleLineField(
        max_length=150, required=False, label=_("Job title"), help_text=_("For example: Year 5 teacher.")
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", gettext("The two passwords do not match."))
        elif password1:
            user = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("For every page and every email the platform sends you."),
    )

    class Meta:
        model = User
        fields = ["full_name", "job_title", "language"]
        field_classes = {"full_name": SingleLineField, "job_title": SingleLineField}
        labels = {"full_name": _("Full name"), "job_title": _("Job title")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not chosen yet: the language the page is in.
        if not self.instance.language:
            self.initial["language"] = translation.get_language()

    def clean_language(self):
        """Left out (a form of an older page): the saved language stays."""
        return self.cleaned_data["language"] or self.instance.language


class SchoolFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, postcode, town or URN"), required=False, max_length=100)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    establishment_type = forms.ChoiceField(label=_("Type"), required=False)
    local_authority = forms.ChoiceField(label=_("Local authority"), required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("phase", _("Any phase")), ("establishment_type", _("Any type")), ("local_authority", _("Any"))]
        for name, label in anything:
            values = schools.exclude(**{name: ""}).order_by(name).values_list(name, flat=True).distinct()
            self.fields[name].choices = [("", label)] + [(value, value) for value in values]

    def filter(self, schools):
        data = self.cleaned_data
        schools = schools.search(data.get("q"))
        for name in ("phase", "establishment_type", "local_authority"):
            if data.get(name):
                schools = schools.filter(**{name: data[name]})
        return schools


class ConsortiumListForm(forms.ModelForm):
    """A name on one of a consortium's lists (its practice areas, its approaches), added or renamed:
    the name, unique in the consortium by its slug, and its name in Welsh. A subclass gives the
    model and says what an unusable name (`no_letters`) and a clash with another entry
    (`clash_message`) say."""

    no_letters = ""

    class Meta:
        fields = ["name", "name_cy"]
        field_classes = {"name": SingleLineField, "name_cy": SingleLineField}

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium = consortium

    def clash_message(self, clash) -> str:
        """What the form says when `clash` already has the name's slug: a text with %(consortium)s
        and %(name)s."""
        raise NotImplementedError

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        slug = slugify(name)
        if not slug:
            raise forms.ValidationError(self.no_letters)
        siblings = self._meta.model.objects.filter(consortium=self.consortium, slug=slug)
        clash = siblings.exclude(pk=self.instance.pk).first()
        if clash:
            raise forms.ValidationError(
                self.clash_message(clash) % {"consortium": self.consortium, "name": clash.display_name}
            )
        return name


class PracticeAreaForm(ConsortiumListForm):
    no_letters = _("Give the practice area a name with letters or numbers in it.")

    class Meta(ConsortiumListForm.Meta):
        model = PracticeArea
        labels = {"name": _("Name of the practice area"), "name_cy": _("Name in Welsh")}
        help_texts = {"name_cy": _("Optional. Until it is written, Welsh readers see the English name.")}

    def clash_message(self, clash) -> str:
        return gettext("%(consortium)s already has the practice area “%(name)s”.")


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = EmailPreference
        fields = [
            "review_invitations",
            "review_reminders",
            "leader_summaries",
            "enquiry_comments",
            "activity_updates",
            "cost_approvals",
            "support_requests",
        ]


class AddPasskeyForm(AddWebAuthnForm):
    """allauth's form to add a passkey (MFA_FORMS), in the platform's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")
        self.fields["name"].help_text = _("To tell your passkeys apart, for example “Work laptop”.")
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = _("Use it to sign in without a password")
            self.fields["passwordless"].help_text = _(
                "Your device then asks for your fingerprint, face or PIN each time."
            )
