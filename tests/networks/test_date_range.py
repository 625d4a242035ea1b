"""networks.forms.DateRangeMixin: the one check that a form's last date is not before its first."""

import datetime as dt

from django import forms

from networks.forms import DateRangeMixin


class PeriodForm(DateRangeMixin, forms.Form):
    date_range = ("first", "last")
    date_range_error = "The last comes before the first."
    first = forms.DateField(required=False)
    last = forms.DateField(required=False)

    def clean(self):
        cleaned = super().clean()
        cleaned["reversed"] = self.dates_reversed()
        return cleaned


def test_a_last_date_before_the_first_is_an_error_on_the_last_field():
    form = PeriodForm({"first": "2026-12-06", "last": "2026-12-05"})
    assert not form.is_valid()
    assert form.errors == {"last": ["The last comes before the first."]}


def test_the_same_day_and_a_later_one_are_in_order():
    for last in ("2026-12-06", "2027-01-01"):
        form = PeriodForm({"first": "2026-12-06", "last": last})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["reversed"] is False
        assert form.cleaned_data["last"] >= dt.date(2026, 12, 6)


def test_a_missing_date_is_not_reversed():
    for data in ({"first": "2026-12-06"}, {"last": "2026-12-06"}, {}):
        form = PeriodForm(data)
        assert form.is_valid()
        assert form.cleaned_data["reversed"] is False
