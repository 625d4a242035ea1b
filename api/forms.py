from django import forms

from .models import Scope
from .services import LIFETIMES_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What it is for, for example “the consortium's data warehouse”.")
    scope = forms.ChoiceField(
        label="What it may do",
        choices=Scope.choices,
        initial=Scope.READ,
        widget=forms.RadioSelect,
        help_text="Read and write lets it start and change your enquiries and add evidence notes.",
    )
    days = forms.TypedChoiceField(
        label="Lasts for",
        coerce=int,
        choices=[(days, f"{days} days") for days in LIFETIMES_DAYS],
        initial=90,
    )
