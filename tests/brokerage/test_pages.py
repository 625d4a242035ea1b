"""The desk's pages, driven with the test client: each flow once, and bad input is a clear message
on the page with nothing saved."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from brokerage import services
from brokerage.matching import Candidate
from brokerage.models import (
    AvailabilityBlock,
    AvailabilityKind,
    BrokerageSettings,
    Engagement,
    EngagementDay,
    EngagementStatus,
    EvidenceStrength,
    HostCapacity,
    PracticeEntry,
    Proposal,
    RequestStatus,
    Source,
    SupportRequest,
)

from .helpers import days, entry, next_weekday, raise_request, school_at, specialist, time_passes


def request_data(desk, **changes):
    data = {
        "kind": "specialist_consultancy",
        "school": desk.school_1.pk,
        "network": "",
        "title": "Year 6 writing",
        "practice_areas": [desk.literacy.pk],
        "need": "We want to see strong practice and get two days of specialist help.",
        "reason": "Boys' writing lags.",
        "preferred_from": next_weekday(14).isoformat(),
        "preferred_to": next_weekday(40).isoformat(),
        "days": "2",
        "budget": "1500",
    }
    data.update(changes)
    return data


def test_the_whole_flow_through_the_pages(desk, client):
    people = desk.people
    sam = specialist(desk.consortium, "Sam Specialist", [desk.literacy], user=people.specialist)
    entry(desk.school_2, desk.literacy, EvidenceStrength.DATA)
    client.force_login(people.school_lead)
    response = client.post(reverse("brokerage:request_create"), request_data(desk))
    support = SupportRequest.objects.get()
    assert response.url == support.get_absolute_url()

    client.force_login(people.consortium_staff)
    page = client.get(reverse("brokerage:request_match", args=[support.pk]))
    html = page.content.decode()
    assert "Maes y Coed Primary" in html
    assert "Sam Specialist" in html
    assert "Evidence in Literacy: data-backed impact" in html
    assert "2 days at £450.00 = £900.00, within the £1,500.00 budget" in html
    response = client.post(
        reverse("brokerage:proposal_create", args=[support.pk]),
        {"candidates": [f"specialist-{sam.pk}", f"school-{desk.school_2.pk}"], "note": "Both strong."},
    )
    assert response.status_code == 302
    assert Proposal.objects.filter(request=support).count() == 2

    client.force_login(people.school_lead)
    detail = client.get(support.get_absolute_url()).content.decode()
    assert "Accept or decline" in detail
    proposal = Proposal.objects.get(specialist=sam)
    response = client.post(reverse("brokerage:proposal_respond", args=[proposal.pk]), {"decision": "accept"})
    engagement = Engagement.objects.get()
    assert response.url == engagement.get_absolute_url()

    client.force_login(people.consortium_staff)
    day_1, day_2 = next_weekday(20), next_weekday(20) + timedelta(days=7)
    response = client.post(
        reverse("brokerage:engagement_book", args=[engagement.pk]),
        {
            "objectives": "Plan extended writing units.",
            "expected_impact": "More Year 6 boys at the expected standard.",
            "approach": "Meet the head; observe; feedback.",
            "day_1": day_1.isoformat(),
            "day_2": day_2.isoformat(),
        },
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.BOOKED

    client.force_login(people.specialist)  # the specialist sees the engagement, not the request
    assert client.get(engagement.get_absolute_url()).status_code == 200
    assert client.get(support.get_absolute_url()).status_code == 404

    time_passes(engagement)
    client.force_login(people.school_lead)
    response = client.post(
        reverse("brokerage:engagement_review", args=[engagement.pk]),
        {"outcome": "Boys now plan paragraphs.", "outcome_strength": "4", "rating": "5", "feedback": "Superb."},
    )
    assert response.status_code == 302
    support.refresh_from_db()
    assert support.status == RequestStatus.REVIEWED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"budget": "-10"}, "The budget cannot be below zero."),
        (
            {"preferred_from": (next_weekday(0) - timedelta(days=7)).isoformat()},
            "The preferred dates cannot be in the past.",
        ),
        ({"practice_areas": []}, "Choose at least one practice area: it is what the match looks for."),
        ({"school": "", "network": ""}, "Choose the school or the network the support is for."),
    ],
)
def test_bad_input_on_the_request_form_is_a_message_and_nothing_is_saved(desk, client, changes, message):
    client.force_login(desk.people.school_lead)
    response = client.post(reverse("brokerage:request_create"), request_data(desk, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SupportRequest.objects.exists()


def _planned_engagement(desk):
    sam = specialist(desk.consortium, "Sam Specialist", [desk.literacy])
    support = raise_request(desk)
    proposal = services.proposal_create(
        request=support, by=desk.people.consortium_staff, candidates=[Candidate("specialist", sam, 50, {})]
    )[0]
    return sam, services.proposal_accept(proposal=proposal, by=desk.people.school_lead)


def test_booking_a_specialist_on_days_they_blocked_is_a_message_and_nothing_is_saved(desk, client):
    sam, engagement = _planned_engagement(desk)
    day = next_weekday(20)
    AvailabilityBlock.objects.create(specialist=sam, kind=AvailabilityKind.BLOCKED, starts_on=day, ends_on=day)
    client.force_login(desk.people.consortium_staff)
    response = client.post(
        reverse("brokerage:engagement_book", args=[engagement.pk]),
        {"objectives": "Plan.", "expected_impact": "Better writing.", "day_1": day.isoformat()},
    )
    assert response.status_code == 200
    assert f"Sam Specialist has blocked {day.day} {day:%B}" in response.content.decode()
    engagement.refresh_from_db()
    assert (engagement.status, engagement.objectives) == (EngagementStatus.PLANNED, engagement.request.need)
    assert not EngagementDay.objects.exists()


def test_booking_a_day_in_the_past_is_a_message(desk, client):
    _, engagement = _planned_engagement(desk)
    client.force_login(desk.people.consortium_staff)
    response = client.post(
        reverse("brokerage:engagement_book", args=[engagement.pk]),
        {"objectives": "Plan.", "expected_impact": "Better.", "day_1": days(-2).isoformat()},
    )
    assert "is in the past: choose dates from today on" in response.content.decode()
    assert not EngagementDay.objects.exists()


def test_a_specialist_keeps_their_own_profile_and_availability(desk, client):
    mine = specialist(desk.consortium, "Specialist", [desk.literacy], user=desk.people.specialist)
    client.force_login(desk.people.specialist)
    assert client.get(reverse("brokerage:specialist_me")).url == mine.get_absolute_url()
    response = client.post(
        reverse("brokerage:specialist_edit", args=[mine.pk]),
        {
            "name": "Siân Specialist",
            "organisation": "Writing Matters Ltd",
            "summary": "Ten years leading writing.",
            "practice_areas": [desk.literacy.pk, desk.numeracy.pk],
            "phases": ["primary", "secondary"],
            "travel_areas": ["Newport"],
            "base": str(desk.school_3.urn),
            "day_rate": "475",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name, mine.phases, mine.travel_area_names, mine.base_school) == (
        "Siân Specialist",
        ["primary", "secondary"],
        ["Newport"],
        desk.school_3,
    )
    assert mine.is_active  # only staff switch a profile off
    start = next_weekday(30)
    response = client.post(
        reverse("brokerage:availability", args=[mine.pk]),
        {"kind": "offered", "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=9)).isoformat()},
    )
    assert response.status_code == 302
    assert AvailabilityBlock.objects.filter(specialist=mine, kind="offered").count() == 1
    response = client.post(
        reverse("brokerage:availability", args=[mine.pk]),
        {"kind": "blocked", "starts_on": start.isoformat(), "ends_on": (start - timedelta(days=1)).isoformat()},
    )
    assert "The last date comes before the first." in response.content.decode()
    assert AvailabilityBlock.objects.count() == 1


def test_staff_add_an_external_specialist_and_a_negative_rate_is_refused(desk, client):
    client.force_login(desk.people.consortium_staff)
    url = reverse("brokerage:specialist_create", args=[desk.consortium.slug])
    data = {"name": "Alex Adviser", "practice_areas": [desk.literacy.pk], "day_rate": "-5", "is_active": "on"}
    response = client.post(url, data)
    assert "The day rate cannot be below zero." in response.content.decode()
    response = client.post(url, {**data, "day_rate": "450"})
    assert response.status_code == 302


def test_the_record_of_practice_filters_by_area_phase_authority_and_distance(desk, client):
    secondary = school_at(
        desk.consortium, "Far Secondary", 310000, 290000, phase="Secondary", local_authority="Cardiff"
    )
    entry(desk.school_2, desk.literacy, EvidenceStrength.DATA, title="Near literacy")
    entry(desk.school_3, desk.numeracy, EvidenceStrength.OBSERVATION, title="Cardiff numeracy")
    entry(secondary, desk.literacy, EvidenceStrength.ANECDOTE, title="Far literacy")
    entry(desk.school_2, desk.literacy, title="Old literacy", period_end=days(-365 * 4))
    client.force_login(desk.people.teacher_a)
    url = reverse("brokerage:practice_list", args=[desk.consortium.slug])

    def titles(**query):
        page = client.get(url, query).context["page"]
        return [e.title for e in page.object_list]

    assert sorted(titles()) == ["Cardiff numeracy", "Far literacy", "Near literacy"]  # the last three years
    assert sorted(titles(practice_area=desk.literacy.pk)) == ["Far literacy", "Near literacy"]
    assert titles(phase="secondary") == ["Far literacy"]
    assert sorted(titles(local_authority="Cardiff")) == ["Cardiff numeracy", "Far literacy"]
    assert titles(strength="4") == ["Near literacy"]
    assert titles(near=str(desk.school_1.urn)) == ["Near literacy", "Cardiff numeracy", "Far literacy"]
    assert titles(near="Ysgol Gynradd Llanwern", within_km="25") == ["Near literacy", "Cardiff numeracy"]
    response = client.get(url, {"within_km": "10"})
    assert "Choose the school to measure the distance from." in response.content.decode()


CSV_GOOD = (
    "URN,Practice area,Title,Summary,From,To,Evidence,Strength of evidence\n"
    "401002,Literacy,Oral rehearsal,Year 5 boys rehearse before writing.,2025-09-01,2026-03-31,"
    "Baseline 38% to 61%,data\n"
    "401003,numeracy,Number talks,Daily number talks.,01/09/2024,,Lesson observations,2\n"
)
CSV_BAD = (
    "URN,Practice area,Title,Summary,Strength of evidence\n"
    "401002,Literacy,Oral rehearsal,Fine row.,data\n"
    "999999,Knitting,,Bad row.,very strong\n"
)


def test_practice_imports_from_a_spreadsheet_all_or_nothing(desk, client):
    client.force_login(desk.people.consortium_staff)
    url = reverse("brokerage:practice_import", args=[desk.consortium.slug])
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", CSV_BAD.encode(), "text/csv")})
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 3: Title is empty; no school with URN 999999 in Central South Consortium" in html
    assert "“Knitting” is not one of Central South Consortium" in html
    assert not PracticeEntry.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("good.csv", CSV_GOOD.encode(), "text/csv")})
    assert response.status_code == 302
    rows = {e.title: e for e in PracticeEntry.objects.all()}
    assert rows["Oral rehearsal"].evidence_strength == EvidenceStrength.DATA
    assert rows["Number talks"].period_start.isoformat() == "2024-09-01"
    assert {e.source for e in rows.values()} == {Source.CSV}


def test_the_import_command(desk, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(CSV_GOOD)
    bad.write_text(CSV_BAD)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_practice", str(bad), consortium="central-south")
    out = StringIO()
    call_command("import_practice", str(good), consortium="central-south", stdout=out)
    assert "Imported 2 entries" in out.getvalue()


def test_staff_adjust_the_weights_and_all_zero_is_refused(desk, client):
    client.force_login(desk.people.consortium_staff)
    url = reverse("brokerage:desk_settings", args=[desk.consortium.slug])
    weights = {
        f"weight_{f}": "0"
        for f in ("area", "evidence", "distance", "phase", "availability", "cost", "feedback", "fairness")
    }
    response = client.post(url, {**weights, "digest_frequency": "weekly"})
    assert "Give at least one factor a weight above 0" in response.content.decode()
    assert not BrokerageSettings.objects.exists()
    response = client.post(url, {**weights, "weight_evidence": "10", "digest_frequency": "monthly"})
    assert response.status_code == 302
    saved = BrokerageSettings.for_consortium(desk.consortium)
    assert (saved.weight_evidence, saved.weight_area, saved.digest_frequency) == (10, 0, "monthly")


def test_a_school_lead_sets_the_schools_hosting_and_a_negative_fee_is_refused(desk, client):
    client.force_login(desk.people.school_lead)
    url = reverse("brokerage:host_capacity", args=[desk.school_1.urn])
    response = client.post(url, {"visits_per_term": "2", "day_rate": "-1"})
    assert "The fee cannot be below zero." in response.content.decode()
    assert not HostCapacity.objects.exists()
    client.post(url, {"visits_per_term": "2", "day_rate": "173"})
    assert HostCapacity.objects.get(school=desk.school_1).visits_per_term == 2


def test_the_exchange_page_shows_which_networks_learn_from_which(desk, client):
    support = raise_request(desk, kind="learning_visit")  # school 1, network A
    proposal = services.proposal_create(
        request=support, by=desk.people.consortium_staff, candidates=[Candidate("school", desk.school_3, 50, {})]
    )[0]
    engagement = services.proposal_accept(proposal=proposal, by=desk.people.school_lead)
    services.engagement_book(engagement=engagement, dates=[next_weekday(20)], by=desk.people.consortium_staff)
    client.force_login(desk.people.consortium_staff)
    page = client.get(reverse("plc_platform:network_exchange", args=[desk.consortium.slug])).context["page"]
    assert [(p["from"], p["to"], p["engagements"], p["visits"]) for p in page.object_list] == [
        ("Valleys Writing Network", "Numeracy Network", 1, 0)
    ]
    # School 2 joins network B too: network B's visit to it is within B, as the knowledge-flow map
    # counts it (a school in the visiting network is one of its own, whatever others it is in).
    from activities import services as activity_services
    from activities.models import ActivityType
    from networks.services import network_add_schools

    network_add_schools(network=desk.network_b, schools=[desk.school_2])

    starts = timezone.now() + timedelta(days=30)
    activity_services.activity_create(
        network=desk.network_b,
        activity_type=ActivityType.objects.get(slug="learning-visit"),
        created_by=desk.people.consortium_staff,
        host_school=desk.school_2,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        title="Numeracy network visits Maes y Coed",
        status="confirmed",
    )
    page = client.get(reverse("plc_platform:network_exchange", args=[desk.consortium.slug])).context["page"]
    assert [(p["from"], p["to"], p["engagements"], p["visits"]) for p in page.object_list] == [
        ("Valleys Writing Network", "Numeracy Network", 1, 0)
    ]


def test_digest_choices_are_saved(desk, client):
    client.force_login(desk.people.teacher_a)
    url = reverse("brokerage:digest_preferences")
    client.post(url, {"consortia": [desk.consortium.pk]})
    assert list(desk.people.teacher_a.digest_subscriptions.values_list("consortium__slug", flat=True)) == [
        "central-south"
    ]
    response = client.post(url, {"consortia": [desk.other_consortium.pk]})
    assert "Select a valid choice" in response.content.decode()  # not a consortium of theirs


def test_the_home_page_block_shows_what_waits_for_each_person(desk, rf):
    from django.template.loader import render_to_string

    from brokerage.reads import home_context

    sam = specialist(desk.consortium, "Sam Specialist", [desk.literacy], user=desk.people.specialist)
    waiting = raise_request(desk, title="Waiting for an answer")
    services.proposal_create(
        request=waiting, by=desk.people.consortium_staff, candidates=[Candidate("specialist", sam, 50, {})]
    )
    booked = raise_request(desk, title="Booked one")
    proposal = services.proposal_create(
        request=booked, by=desk.people.consortium_staff, candidates=[Candidate("specialist", sam, 50, {})]
    )[0]
    engagement = services.proposal_accept(proposal=proposal, by=desk.people.school_lead)
    services.engagement_book(engagement=engagement, dates=[next_weekday(20)], by=desk.people.consortium_staff)

    def block(person):
        request = rf.get("/")
        request.user = person
        return render_to_string("brokerage/_home.html", {"brokerage_home": home_context(person)}, request=request)

    lead = block(desk.people.school_lead)
    assert "Proposals waiting for your answer" in lead
    assert "Waiting for an answer" in lead
    assert "Booked one" in lead
    assert "Ask for support" in lead
    assert "Your booked engagements" in block(desk.people.specialist)
    assert "Central South Consortium's desk: 0 new, 0 to match, 0 to book." in block(desk.people.consortium_staff)
    # A teacher with nothing waiting is offered the way to ask for support for their school.
    teacher = block(desk.people.teacher_b)
    assert "Ask for support" in teacher
    assert "waiting for your answer" not in teacher
    assert block(desk.people.specialist).count("Ask for support") == 0


def test_a_teacher_asks_to_visit_the_school_of_a_shared_enquiry_from_its_page(desk, client):
    """Journey 5's end: from an enquiry of another network to a learning-visit request, filled in."""
    from enquiry.models import Enquiry
    from tests.enquiry.helpers import make_enquiry

    people = desk.people
    enquiry = make_enquiry(
        people.teacher_b, desk.school_3, desk.network_b, sharing="consortium", title="Oral rehearsal before writing"
    )
    enquiry.practice_areas.set([desk.literacy])
    client.force_login(people.teacher_a)  # school 1, network A
    page = client.get(enquiry.get_absolute_url()).content.decode()
    ask = f"{reverse('brokerage:request_create')}?enquiry={enquiry.pk}"
    assert f'href="{ask}">Ask to visit this school</a>' in page
    form = client.get(ask)
    assert form.status_code == 200
    initial = {name: form.context["form"][name].value() for name in ("kind", "school", "title", "enquiry")}
    assert initial == {
        "kind": "learning_visit",
        "school": desk.school_1.pk,
        "title": "Learning visit to Heol y Celyn Primary",
        "enquiry": enquiry.pk,
    }
    assert form.context["form"]["practice_areas"].value() == [desk.literacy.pk]
    assert "A learning visit to <strong>Heol y Celyn Primary</strong>" in form.content.decode()
    data = request_data(desk, kind="learning_visit", title="Learning visit to Heol y Celyn Primary", enquiry=enquiry.pk)
    response = client.post(reverse("brokerage:request_create"), data)
    support = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == support.get_absolute_url()
    assert (support.raised_by, support.school, support.host_school, support.enquiry) == (
        people.teacher_a,
        desk.school_1,
        desk.school_3,
        enquiry,
    )
    client.force_login(people.school_lead)  # the school's lead sees it and may withdraw it
    detail = client.get(support.get_absolute_url()).content.decode()
    assert "Asks to visit" in detail
    assert "Heol y Celyn Primary, after reading its enquiry" in detail
    assert reverse("brokerage:request_withdraw", args=[support.pk]) in detail

    # Not for the enquiry's own school, nor for one not shared, nor one out of reach.
    client.force_login(people.teacher_b)
    assert "Ask to visit this school" not in client.get(enquiry.get_absolute_url()).content.decode()
    private = make_enquiry(people.teacher_b, desk.school_3, desk.network_b, title="Private")
    client.force_login(people.teacher_a)
    assert client.get(f"{reverse('brokerage:request_create')}?enquiry={private.pk}").status_code == 404
    assert client.get(f"{reverse('brokerage:request_create')}?enquiry=x").status_code == 404
    assert Enquiry.objects.count() == 2
