"""The jigsaw planner: a property test over every group size 3 to 40 and 2 to 4 readings, and examples."""

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities.jigsaw import Person, group_sizes, parse_people, plan_jigsaw

SCHOOLS = ["Ysgol Llanwern", "Maes y Coed", "Heol y Celyn", "Bryn Hafod", "Coed Glas"]


@st.composite
def attendance(draw):
    n = draw(st.integers(min_value=3, max_value=40))
    schools = draw(st.lists(st.sampled_from(SCHOOLS + [""]), min_size=n, max_size=n))
    names = [f"Person {i}" for i in range(n)]
    return [Person(name, school) for name, school in zip(names, schools, strict=True)]


@settings(max_examples=300, deadline=None, database=None)  # no .hypothesis folder in the work tree
@given(people=attendance(), readings=st.integers(min_value=2, max_value=4))
def test_every_person_is_in_one_home_group_and_one_expert_group(people, readings):
    n = len(people)
    result = plan_jigsaw(people, readings)
    home_members = [m for g in result.home_groups for m in g.members]
    expert_members = [m for g in result.expert_groups for m in g.members]
    # Everyone exactly once in a home group and once in an expert group.
    assert sorted(m.name for m in home_members) == sorted(p.name for p in people)
    assert sorted(m.name for m in expert_members) == sorted(p.name for p in people)
    # Home groups of three or four; five people are one group of five (said in the notes).
    sizes = [g.size for g in result.home_groups]
    if n == 5:
        assert sizes == [5]
        assert any("group of five" in note for note in result.notes)
    else:
        assert set(sizes) <= {3, 4}
    # Every home group large enough covers every reading; a short group says so in the notes.
    for group in result.home_groups:
        if group.size >= readings:
            assert group.readings == result.readings
        else:
            assert len(set(group.readings)) == group.size
            assert any("cannot cover all" in note for note in result.notes)
    # An expert group is the people with one reading; split into threes and fours where there are more than four.
    counts = Counter(m.reading for m in home_members)
    for group in result.expert_groups:
        assert len({m.reading for m in group.members}) == 1
    for letter, count in counts.items():
        sizes_for_reading = [g.size for g in result.expert_groups if g.members[0].reading == letter]
        assert sizes_for_reading == group_sizes(count)
        assert all(m.reading == letter for g in result.expert_groups if g.label[13] == letter for m in g.members)
    # Every reading is read by someone whenever there are at least as many people as readings.
    if n >= readings:
        assert sorted(counts) == result.readings
    # Colleagues from one school are spread out: no more of a school in one group than dealing allows.
    groups = len(result.home_groups)
    per_school = Counter(p.school.casefold() for p in people)
    for group in result.home_groups:
        for school, in_group in Counter(m.school.casefold() for m in group.members).items():
            assert in_group <= math.ceil(per_school[school] / groups)
    # The same input gives the same plan.
    again = plan_jigsaw(list(people), readings)
    assert [[m.name for m in g.members] for g in again.home_groups] == [
        [m.name for m in g.members] for g in result.home_groups
    ]


@pytest.mark.parametrize("n", range(3, 41))
def test_group_sizes_are_threes_and_fours_except_for_five(n):
    sizes = group_sizes(n)
    assert sum(sizes) == n
    assert sizes == [5] if n == 5 else set(sizes) <= {3, 4}


def test_fewer_than_three_people_or_a_wrong_number_of_readings_is_refused():
    with pytest.raises(ValueError, match="at least three"):
        plan_jigsaw([Person("A"), Person("B")], 2)
    with pytest.raises(ValueError, match="2 to 4"):
        plan_jigsaw([Person(str(i)) for i in range(6)], 5)


def test_twenty_three_people_on_four_readings_in_three_schools():
    """Journey 8: a twilight session of 23 people on four readings."""
    people = [Person(f"Teacher {i}", SCHOOLS[i % 3]) for i in range(23)]
    result = plan_jigsaw(people, 4)
    assert [g.size for g in result.home_groups] == [4, 4, 4, 4, 4, 3]
    assert all(g.readings == ["A", "B", "C", "D"] for g in result.home_groups if g.size == 4)
    assert {g.label[:14] for g in result.expert_groups} == {
        "Expert group A",
        "Expert group B",
        "Expert group C",
        "Expert group D",
    }
    for group in result.home_groups:  # eight, eight and seven from the schools, over six groups: two at most
        assert max(Counter(m.school for m in group.members).values()) <= 2


def test_parse_people_reads_name_and_school_lines():
    assert parse_people("Ann Jones, Maes y Coed\n\n  Bob  \nCeri Lloyd, Ysgol, Llanwern\n") == [
        Person("Ann Jones", "Maes y Coed"),
        Person("Bob", ""),
        Person("Ceri Lloyd", "Ysgol, Llanwern"),
    ]
