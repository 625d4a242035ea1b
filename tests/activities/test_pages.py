"""Planning, people, evaluations, tools and history through the pages; bad input saves nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import (
    Activity,
    ActivityType,
    ChecklistItem,
    CostLine,
    Evaluation,
    Force,
    Participant,
    Rate,
    WhyStep,
)
from activities.reads import history_for, upcoming_for
from networks.models import EmailPreference

from .helpers import plan

pytestmark = pytest.mark.django_db


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def visit_form(**overrides):
    start = timezone.now() + timedelta(days=10)
    data = {
        "title": "Learning visit: oral rehearsal",
        "purpose": "See oral rehearsal before writing in Year 5.",
        "starts_at": local(start),
        "ends_at": local(start + timedelta(hours=6)),
        "days": "1",
        "status": "proposed",
        "collaboration_level": "1",
        "kind_of_collaboration": "storytelling",
    }
    data.update(overrides)
    return data


def test_a_leader_plans_a_visit_from_its_template_and_its_steps_become_the_checklist(world, client):
    client.force_login(world.people.leader_a)
    url = reverse("activities:activity_create", args=[world.network_a.slug, "learning-visit"])
    page = client.get(url).content.decode()
    assert "briefing session led by a senior member of staff" in page  # the template says how to organise it
    response = client.post(url, visit_form(host_school=world.school_2.pk))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:participant_add", args=[activity.pk])
    steps = ActivityType.objects.get(slug="learning-visit").steps.count()
    assert ChecklistItem.objects.filter(activity=activity).count() == steps == 6
    assert activity.participants.get().user == world.people.leader_a  # the planner owns it
    item = activity.checklist.first()
    client.post(reverse("activities:checklist_toggle", args=[activity.pk, item.pk]))
    item.refresh_from_db()
    assert item.done_at
    assert item.done_by == world.people.leader_a


def test_an_end_before_its_start_is_refused_with_a_clear_message(world, client):
    client.force_login(world.people.leader_a)
    start = timezone.now() + timedelta(days=3)
    response = client.post(
        reverse("activities:activity_create", args=[world.network_a.slug, "learning-visit"]),
        visit_form(starts_at=local(start), ends_at=local(start - timedelta(hours=2))),
    )
    assert response.status_code == 200
    assert "The activity must end after it starts" in response.content.decode()
    assert not Activity.objects.exists()
    with pytest.raises(services.ActivityError):
        services.activity_create(
            network=world.network_a,
            activity_type=ActivityType.objects.get(slug="learning-visit"),
            created_by=world.people.leader_a,
            title="Backwards",
            starts_at=start,
            ends_at=start,
        )
    assert not Activity.objects.exists()


def test_a_participant_from_outside_the_network_is_refused_and_nobody_is_added(world, client, mailoutbox):
    activity = plan(world)
    client.force_login(world.people.leader_a)
    url = reverse("activities:participant_add", args=[activity.pk])
    response = client.post(url, {"people": [world.people.teacher_a.pk, world.people.teacher_b.pk], "role": "visitor"})
    assert response.status_code == 200
    assert "is not in Valleys Writing Network" in response.content.decode()
    assert list(activity.participants.values_list("user", flat=True)) == [world.people.leader_a.pk]
    with pytest.raises(services.ParticipantError, match="Teacher B is not in Valleys Writing Network"):
        services.participants_add(activity=activity, users=[world.people.teacher_b], role="visitor")
    assert activity.participants.count() == 1
    assert not mailoutbox


def test_invited_people_are_emailed_with_the_preferences_link_unless_they_said_no(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    activity = plan(world)
    EmailPreference.objects.create(user=world.people.school_lead, activity_updates=False)
    client.force_login(world.people.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("activities:participant_add", args=[activity.pk]),
            {"people": [world.people.teacher_a.pk, world.people.school_lead.pk], "role": "visitor"},
        )
    assert response.status_code == 302
    assert {p.user for p in activity.participants.all()} >= {world.people.teacher_a, world.people.school_lead}
    # The school lead turned activity emails off; costs to approve are another kind (tested apart).
    invitations = [m for m in mailoutbox if not m.subject.startswith("Costs waiting")]
    assert [m.to for m in invitations] == [["teacher.a@example.org"]]
    body = invitations[0].body
    assert invitations[0].subject == f"You are invited: {activity.title}"
    assert "as visitor" in body
    assert "https://plc.example.org/activities/" in body
    assert "https://plc.example.org/emails/" in body  # the preferences link every email carries

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_update(activity=Activity.objects.get(pk=activity.pk), location="Hall B")
    assert sorted(m.to[0] for m in mailoutbox) == ["leader.a@example.org", "teacher.a@example.org"]
    assert all(m.subject.startswith("Changed:") for m in mailoutbox)


def test_the_upcoming_activity_is_on_each_persons_home_block(world):
    activity = plan(world)
    services.participants_add(activity=activity, users=[world.people.teacher_a], role="visitor")
    plan(world, title="Cancelled one", status="proposed").__class__.objects.filter(title="Cancelled one").update(
        status="cancelled"
    )
    mine = upcoming_for(world.people.teacher_a)
    assert [a.title for a in mine] == [activity.title]
    html = render_to_string("activities/_home.html", {"your_activities": mine})
    assert activity.title in html
    assert "Maes y Coed Primary" in html
    assert upcoming_for(world.people.teacher_b) == []


def post_rate(client, world, amount, **fields):
    """Posts a supply-cover rate per teacher-day from 1 September 2031 to the consortium's rates."""
    data = {"category": "supply_cover", "unit_label": "per teacher-day", "amount": amount, "applies_from": "2031-09-01"}
    return client.post(reverse("activities:rate_list", args=[world.consortium.slug]), {**data, **fields})


def test_a_negative_quantity_and_a_rate_with_three_decimal_places_are_refused(world, client):
    activity = plan(world)
    client.force_login(world.people.leader_a)
    url = reverse("activities:cost_line_add", args=[activity.pk])
    before = CostLine.objects.count()
    data = {"category": "other", "school": world.school_1.pk, "description": "Cover", "unit_label": "per day"}
    response = client.post(url, {**data, "quantity": "-1", "rate": "10.00"})
    assert "The quantity cannot be negative." in response.content.decode()
    response = client.post(url, {**data, "quantity": "1", "rate": "173.005"})
    assert "no more than two decimal places" in response.content.decode()
    assert CostLine.objects.count() == before

    client.force_login(world.people.consortium_staff)
    rates = Rate.objects.count()
    response = post_rate(client, world, "173.456")
    assert "no more than two decimal places" in response.content.decode()
    response = post_rate(client, world, "-5")
    assert "cannot be negative" in response.content.decode()
    assert Rate.objects.count() == rates


def test_consortium_staff_add_a_rate_from_a_day(world, client):
    client.force_login(world.people.consortium_staff)
    response = post_rate(client, world, "175.00", source="Agreed by heads")
    assert response.status_code == 302
    rate = Rate.objects.get(consortium=world.consortium, applies_from="2031-09-01")
    assert rate.amount == Decimal("175.00")


def test_a_participant_records_an_evaluation_after_the_activity_and_the_owner_reads_it(world, client):
    activity = plan(world, day=timezone.localdate() - timedelta(days=1))
    services.participants_add(activity=activity, users=[world.people.teacher_a], role="visitor")
    client.force_login(world.people.teacher_a)
    url = reverse("activities:evaluation_edit", args=[activity.pk])
    response = client.post(url, {"learned": "Talk first.", "will_change": "Oral rehearsal daily.", "usefulness": "9"})
    assert response.status_code == 200
    assert not Evaluation.objects.exists()
    response = client.post(url, {"learned": "Talk first.", "will_change": "Oral rehearsal daily.", "usefulness": "5"})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.participant.user == world.people.teacher_a
    assert evaluation.participant.attendance == "attended"
    client.force_login(world.people.leader_a)
    assert "Oral rehearsal daily." in client.get(activity.get_absolute_url()).content.decode()
    client.force_login(world.people.school_lead)  # can see the activity, not others' evaluations
    assert "Oral rehearsal daily." not in client.get(activity.get_absolute_url()).content.decode()


def test_an_evaluation_waits_until_the_activity_has_begun(world, client):
    activity = plan(world)
    services.participants_add(activity=activity, users=[world.people.teacher_a], role="visitor")
    client.force_login(world.people.teacher_a)
    assert client.get(reverse("activities:evaluation_edit", args=[activity.pk])).status_code == 404


def test_removing_a_participant_and_cancelling_are_confirmed_first(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    activity = plan(world)
    services.participants_add(activity=activity, users=[world.people.teacher_a], role="visitor")
    participant = activity.participants.get(user=world.people.teacher_a)
    client.force_login(world.people.leader_a)
    url = reverse("activities:participant_remove", args=[activity.pk, participant.pk])
    assert "Remove Teacher A" in client.get(url).content.decode()
    assert Participant.objects.filter(pk=participant.pk).exists()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert mailoutbox[0].subject.startswith("You are no longer taking part")
    cancel = reverse("activities:activity_cancel", args=[activity.pk])
    assert client.get(cancel).status_code == 200
    assert Activity.objects.get().status == "confirmed"
    client.post(cancel)
    assert Activity.objects.get().status == "cancelled"


def test_the_history_shows_levels_by_term_and_which_schools_worked_together(world, client):
    autumn = timezone.localdate().replace(year=2030, month=10, day=8)
    spring = autumn.replace(year=2031, month=2, day=4)
    first = plan(world, day=autumn, collaboration_level=1)
    second = plan(world, day=spring, collaboration_level=2, title="Second visit")
    for activity in (first, second):
        services.participants_add(activity=activity, users=[world.people.teacher_a], role="visitor")
    history = history_for(world.network_a)
    assert [(t.label, t.counts, str(t.average)) for t in history.terms] == [
        ("Autumn 2030", {1: 1}, "1.0"),
        ("Spring 2031", {2: 1}, "2.0"),
    ]
    assert history.pairs == [("Maes y Coed Primary", "Ysgol Gynradd Llanwern", 2)]
    client.force_login(world.people.teacher_a)
    page = client.get(reverse("activities:history", args=[world.network_a.slug])).content.decode()
    assert "Autumn 2030" in page
    assert "Maes y Coed Primary" in page
    # The platform's one bar chart (networks.charts.stacked_bars), beside the table of its figures.
    assert 'class="chart chart-bars' in page
    assert page.count('chart-series-1"') == 2  # a bar's segment and its key
    assert page.count('chart-series-2"') == 2


def test_the_pstb_record_and_force_field_are_built_live(world, client):
    client.force_login(world.people.leader_a)
    response = client.post(
        reverse("activities:pstb_create", args=[world.network_a.slug]),
        {"title": "Boys' writing", "problem": "Boys in Year 5 write little.", "problem_owner": "Head of Maes y Coed"},
    )
    record_url = response["Location"]
    client.post(record_url, {"part": "cause", "cause-category": "Pupils", "cause-text": "Little talk before writing"})
    client.post(record_url, {"part": "why", "why-text": "lessons start with writing"})
    client.post(record_url, {"part": "why", "why-text": "planning time is short"})
    client.post(
        record_url,
        {
            "part": "action",
            "action-text": "Try oral rehearsal",
            "action-owner": "Year 5",
            "action-due_on": "2031-01-10",
        },
    )
    page = client.get(record_url).content.decode()
    assert "Little talk before writing" in page
    assert "Try oral rehearsal" in page
    assert list(WhyStep.objects.values_list("position", flat=True)) == [1, 2]

    response = client.post(
        reverse("activities:force_field_create", args=[world.network_a.slug]),
        {"title": "Oral rehearsal", "change": "Every class rehearses orally before writing"},
    )
    analysis_url = response["Location"]
    client.post(analysis_url, {"direction": "driving", "text": "Keen staff", "strength": "4"})
    client.post(analysis_url, {"direction": "driving", "text": "Evidence from school 2", "strength": "3"})
    client.post(analysis_url, {"direction": "restraining", "text": "Timetable", "strength": "5"})
    response = client.post(analysis_url, {"direction": "restraining", "text": "Too strong", "strength": "9"})
    assert response.status_code == 200
    assert Force.objects.count() == 3
    page = client.get(analysis_url).content.decode()
    assert 'id="driving-total">7<' in page
    assert 'id="restraining-total">5<' in page

    client.force_login(world.people.teacher_a)  # sees, but does not change
    assert client.get(analysis_url).status_code == 200
    assert client.post(analysis_url, {"direction": "driving", "text": "X", "strength": "1"}).status_code == 404


def test_the_jigsaw_planner_uses_the_activitys_participants_and_prints(world, client):
    activity = plan(world, type_slug="jigsaw-dialogue", title="Twilight jigsaw")
    services.participants_add(activity=activity, users=[world.people.teacher_a], role="participant")
    client.force_login(world.people.leader_a)
    url = reverse("activities:jigsaw_create", args=[world.network_a.slug])
    response = client.post(url, {"title": "Too few", "activity": activity.pk, "people": "", "readings": "2"})
    assert "at least three people" in response.content.decode()  # the leader and one teacher
    services.participants_add(activity=activity, users=[world.people.school_lead], role="participant")
    response = client.post(url, {"title": "From the activity", "activity": activity.pk, "people": "", "readings": "2"})
    plan_from_activity = activity.jigsaw_plans.get()
    assert "Teacher A, Ysgol Gynradd Llanwern" in plan_from_activity.people
    response = client.post(
        url,
        {
            "title": "Readings",
            "people": "Ann, S1\nBob, S1\nCeri, S2\nDai, S2\nEve, S3\nFfion, S3\nGwen, S1",
            "readings": "3",
        },
    )
    detail = client.get(response["Location"]).content.decode()
    assert "Home group 1" in detail
    assert "Expert group A" in detail
    printed = client.get(response["Location"] + "print/").content.decode()
    assert "What are the next steps you need to take?" in printed  # seed 000's home group questions
    assert printed.count('class="print-sheet"') == 2 + 3  # two home groups, three expert groups


def test_the_network_panel_offers_what_each_person_may_do(world):
    def panel(who):
        return render_to_string("activities/_network_panel.html", {"network": world.network_a, "user": who})

    leader = panel(world.people.leader_a)
    assert "Plan an activity" in leader
    assert "Budget" in leader
    lead = panel(world.people.school_lead)
    assert "Budget" in lead
    assert "Plan an activity" not in lead
    teacher = panel(world.people.teacher_a)
    assert "Activities" in teacher
    assert "Budget" not in teacher
    assert "Plan an activity" not in teacher
