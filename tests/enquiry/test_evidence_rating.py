"""The evidence rating: a pure function, one test for each reason it gives."""

from datetime import date
from decimal import Decimal

from enquiry.evidence import EnquiryFigures, evidence_rating

TODAY = date(2026, 12, 1)
RECENT = date(2026, 6, 1)
OLD = date(2019, 6, 1)


def figures(strength=4, change="5", on=RECENT):
    return EnquiryFigures(strength=strength, change=None if change is None else Decimal(change), on=on)


def test_no_enquiry_scores_nothing():
    rating = evidence_rating([], TODAY)
    assert (rating.score, rating.reasons) == (0, ("No enquiry to go on yet.",))


def test_one_enquiry_is_one_schools_experience():
    rating = evidence_rating([figures()], TODAY)
    # one enquiry 1, on data 1, nothing to check it against 0, recent 1
    assert rating.score == 3
    assert rating.reasons == (
        "One enquiry only: one school's experience.",
        "It rests on data.",
        "Only one measured change: nothing to check it against.",
        "Recent: the newest is from 2026.",
    )


def test_many_consistent_recent_data_scores_five():
    rating = evidence_rating([figures(change=c) for c in ("4", "12", "23", "8")], TODAY)
    assert rating.score == 5
    assert "4 enquiries." in rating.reasons
    assert "All rest on data or a comparison group." in rating.reasons
    assert "Consistent results: all 4 measured changes went the same way." in rating.reasons


def test_contradictory_results_lose_a_point():
    rating = evidence_rating([figures(change="10"), figures(change="-6"), figures(change="3")], TODAY)
    assert rating.score == 3  # many 2, data 1, contradictory -1, recent 1
    assert "Contradictory results: 2 went up and 1 went down." in rating.reasons


def test_old_enquiries_lose_a_point():
    rating = evidence_rating([figures(change=c, on=OLD) for c in ("4", "6", "9")], TODAY)
    assert rating.score == 3  # many 2, data 1, consistent 1, old -1
    assert "Old: the newest is from 2019, more than 3 years ago." in rating.reasons


def test_weak_claims_and_no_measures():
    rating = evidence_rating([figures(strength=1, change=None), figures(strength=None, change=None)], TODAY)
    assert rating.score == 2  # two 1, weak 0, no change 0, recent 1
    assert "Two enquiries: a start, but few." in rating.reasons
    assert "Most rest on anecdote, observation or pupils' work (0 of 2 on data)." in rating.reasons
    assert "No measured change yet." in rating.reasons


def test_score_never_falls_below_zero():
    rating = evidence_rating([figures(strength=1, change="5", on=OLD), figures(strength=1, change="-5", on=OLD)], TODAY)
    assert rating.score == 0  # two 1, weak 0, contradictory -1, old -1
