"""Text that leaves the platform: one money format, and CSV cells that never run as formulae."""

from decimal import Decimal

import pytest

from networks.text import csv_safe, money


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("450"), "£450.00"),
        (Decimal("1234.5"), "£1,234.50"),
        (Decimal("-5"), "−£5.00"),
        ("0.005", "£0.01"),
        (1000000, "£1,000,000.00"),
        (None, ""),
        ("", ""),
    ],
)
def test_money_is_pounds_to_the_penny(value, shown):
    assert money(value) == shown


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_run_as_a_formula_gets_a_quote(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["-0.5", "+3", "Valleys Writing", 12, Decimal("-5"), None])
def test_numbers_and_plain_text_are_left_alone(value):
    assert csv_safe(value) == value
