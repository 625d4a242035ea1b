"""Links' tokens are the same every time they are made, and older timestamped ones still open."""

from datetime import timedelta

import time_machine
from django.core import signing
from django.utils import timezone

from networks.signed_links import link_token, link_value


def test_a_link_is_the_same_however_often_and_whenever_it_is_made():
    first = link_token(42, salt="networks.invitation")
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert link_token(42, salt="networks.invitation") == first
    assert link_value(first, salt="networks.invitation") == 42


def test_a_link_given_out_with_a_timestamp_still_opens():
    assert link_value(signing.dumps(42, salt="networks.invitation"), salt="networks.invitation") == 42


def test_a_forged_link_or_one_made_for_another_kind_of_link_names_nothing():
    token = link_token(42, salt="networks.invitation")
    assert link_value(token[:-2] + "xx", salt="networks.invitation") is None
    assert link_value(token, salt="networks.email-preferences") is None
    assert link_value(signing.dumps(42, salt="networks.email-preferences"), salt="networks.invitation") is None
    assert link_value("not a token", salt="networks.invitation") is None
