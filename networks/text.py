"""Text that goes out of the platform: names and titles are single lines (a line break in one would
break an email's headers), CSV cells never run as spreadsheet formulae, and money and a change
("up 1 from developer") read the same everywhere."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext

_WHITESPACE = re.compile(r"\s+")
# The control characters (Unicode category Cc) that are not white space: one regex pass, not a
# Python loop per character (the schools import cleans 400,000 cells of a 100,000-row file).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def single_line(text: str) -> str:
    """Collapse every run of white space (line breaks and tabs included) to one space, and drop
    other control characters."""
    return _WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip()


def email_subject(template_name: str, context: dict) -> str:
    """Every email's subject: rendered, then made one line, whatever the names in it hold."""
    return single_line(render_to_string(template_name, context))


class SingleLineField(forms.CharField):
    """A name or title: pasted line breaks become spaces, so it is always one line."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A CSV cell a spreadsheet would run as a formula (text starting = + - @, a tab or a carriage
    return) gets a quote first; numbers, negative ones included, stay numbers. Every CSV export
    writes its text cells through this: names and titles come from outside."""
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def money(value) -> str:
    """The platform's one money format: £1,234.50, −£5.00 (exact: a Decimal to the penny, never
    through a float); nothing for no value. Separators are the active language's (Django's formats:
    Welsh and British English both write 1,234.50)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    return f"{sign}£{number_format(abs(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}"


@dataclass(frozen=True)
class StepChange:
    """A move on an ordered scale (a school's PLC stage, its level of collaboration) since an earlier
    time, told in words so that it is never told by an arrow or a colour alone."""

    steps: int | None  # None: nothing earlier to compare with
    before: str = ""  # the earlier value, as said after "from": "early starter", "level 2"

    @property
    def direction(self) -> str:
        """ "up", "down", "same", or "" when there is nothing to compare."""
        if self.steps is None:
            return ""
        return "up" if self.steps > 0 else "down" if self.steps < 0 else "same"

    @property
    def words(self) -> str:
        if self.steps is None:
            return ""
        if not self.steps:
            return gettext("the same as before (%(before)s)") % {"before": self.before}
        said = gettext("up %(steps)s from %(before)s") if self.steps > 0 else gettext("down %(steps)s from %(before)s")
        return said % {"steps": abs(self.steps), "before": self.before}


def step_change(now: int | None, before: int | None, before_label: str = "") -> StepChange:
    """The change from position `before` to position `now` on a scale (either may be None)."""
    if now is None or before is None:
        return StepChange(None)
    return StepChange(now - before, before_label)
