"""The enquiry pages: starting, working through the cycle, sharing, critical friends, exports."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from enquiry import reads, services
from enquiry.models import (
    Collaborator,
    Comment,
    Enquiry,
    Evidence,
    ImpactClaim,
    LevelOfLearning,
    Sharing,
    StageChange,
    Strength,
)
from networks.models import EmailPreference

from ..factories import MembershipFactory, UserFactory
from .helpers import make_enquiry


def test_reference_terms_ship_with_their_source(db):
    assert list(LevelOfLearning.objects.values_list("name", flat=True)) == [
        "Pupil learning",
        "Adult learning",
        "Leadership for learning",
        "School-wide learning",
        "School-to-school learning",
        "Network-to-network learning",
    ]
    assert all("seed 003" in level.source for level in LevelOfLearning.objects.all())


def test_a_teacher_starts_an_enquiry(world, client):
    literacy = world.consortium.practice_areas.get(name="Literacy")
    pupil = LevelOfLearning.objects.get(slug="pupil")
    client.force_login(world.people.teacher_a)
    response = client.get(reverse("enquiry:enquiry_create"))
    assert response.status_code == 200
    assert world.network_a.focus in response.content.decode()
    response = client.post(
        reverse("enquiry:enquiry_create"),
        {
            "title": "Oral rehearsal",
            "question": "Does oral rehearsal before writing improve Year 5 boys' paragraphing?",
            "school": world.school_1.pk,
            "network": world.network_a.pk,
            "pupil_group": "Year 5 boys",
            "pupil_count": 14,
            "practice_areas": [literacy.pk],
            "levels": [pupil.pk],
        },
    )
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == enquiry.get_absolute_url()
    assert enquiry.owner == world.people.teacher_a
    assert enquiry.sharing == Sharing.PRIVATE
    assert enquiry.stage == "investigate"
    assert list(enquiry.practice_areas.all()) == [literacy]
    assert list(StageChange.objects.values_list("from_stage", "to_stage")) == [("", "investigate")]
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "Year 5 boys, 14 pupils" in page
    assert "Literacy" in page
    assert "Pupil learning" in page


def test_a_school_outside_the_network_is_refused(world, client):
    client.force_login(world.people.teacher_b)
    response = client.post(
        reverse("enquiry:enquiry_create"),
        {"title": "T", "question": "Q?", "school": world.school_3.pk, "network": world.network_a.pk},
    )
    assert response.status_code == 200
    assert "form" in response.context
    assert response.context["form"].errors["network"]
    assert not Enquiry.objects.exists()


def test_someone_with_no_school_is_told_what_to_do(world, client):
    client.force_login(world.people.specialist)
    response = client.get(reverse("enquiry:enquiry_create"))
    assert "An enquiry belongs to a school" in response.content.decode()
    client.post(reverse("enquiry:enquiry_create"), {"title": "T", "question": "Q?", "school": world.school_1.pk})
    assert not Enquiry.objects.exists()


def test_the_stage_moves_forward_and_back_with_a_dated_history(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:enquiry_stage", args=[enquiry.pk])
    for stage in ("plan", "observe", "implement"):
        assert client.post(url, {"stage": stage}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.stage == "implement"
    history = list(enquiry.stage_changes.values_list("from_stage", "to_stage"))
    assert history == [("", "investigate"), ("investigate", "plan"), ("plan", "observe"), ("observe", "implement")]
    assert [c.direction for c in enquiry.stage_changes.all()] == ["started", "forward", "forward", "back"]
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "Back to “Implement changes”" in page
    assert 'aria-current="step"' in page
    client.post(url, {"stage": "nonsense"})
    assert enquiry.stage_changes.count() == 4


def test_a_measure_shows_baseline_outcome_and_change(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:evidence_add", args=[enquiry.pk, "measure"])
    response = client.post(
        url,
        {
            "stage": "investigate",
            "measure": "Boys who paragraph correctly",
            "unit": "%",
            "baseline_value": "38",
            "baseline_on": "2026-10-12",
        },
    )
    assert response.status_code == 302
    measure = Evidence.objects.get()
    assert measure.summary() == "38% on 12 October 2026 → outcome not recorded yet"
    edit = reverse("enquiry:evidence_edit", args=[enquiry.pk, measure.pk])
    bad = client.post(
        edit,
        {
            "stage": "observe",
            "measure": "Boys",
            "unit": "%",
            "baseline_value": "38",
            "baseline_on": "2026-10-12",
            "outcome_value": "61",
        },
    )
    assert "Give the date of the outcome." in bad.content.decode()
    client.post(
        edit,
        {
            "stage": "investigate",
            "measure": "Boys who paragraph correctly",
            "unit": "%",
            "baseline_value": "38",
            "baseline_on": "2026-10-12",
            "outcome_value": "61",
            "outcome_on": "2026-12-01",
        },
    )
    measure.refresh_from_db()
    assert measure.outcome_value == Decimal("61")
    expected = "38% on 12 October 2026 → 61% on 1 December 2026: up 23 points"
    assert measure.summary() == expected
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "61% on 1 December 2026" in page
    assert "up 23 points" in page


def test_the_stage_strip_is_one_form_of_stage_buttons_that_works_without_javascript(world, client):
    """Each stage is a submit button of one plain POST form (htmx only sends it without a reload)."""
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    page = client.get(enquiry.get_absolute_url()).content.decode()
    url = reverse("enquiry:enquiry_stage", args=[enquiry.pk])
    assert f'<form method="post" action="{url}" data-hx-post="{url}"' in page
    assert 'name="stage" value="observe"' in page
    assert 'id="id_stage"' not in page
    response = client.post(url, {"stage": "observe"}, follow=True)
    assert "Moved forward to “Observe”." in response.content.decode()
    assert list(enquiry.stage_changes.values_list("to_stage", flat=True)) == ["investigate", "observe"]
    # Readers get the strip as links to the stages, not buttons.
    services.enquiry_share(enquiry=enquiry, sharing=Sharing.NETWORK)
    client.force_login(world.people.leader_a)
    assert 'name="stage"' not in client.get(enquiry.get_absolute_url()).content.decode()


def test_the_outcome_is_recorded_in_place_on_the_enquirys_page(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    measure = services.evidence_add(
        enquiry=enquiry,
        kind="measure",
        by=world.people.teacher_a,
        measure="Boys who paragraph correctly",
        unit="%",
        baseline_value=Decimal(38),
        baseline_on=date(2026, 10, 12),
    )
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:measure_outcome", args=[enquiry.pk, measure.pk])
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert f'action="{url}"' in page
    assert f'name="measure-{measure.pk}-outcome_value"' in page
    prefix = f"measure-{measure.pk}-"
    bad = client.post(url, {prefix + "outcome_value": "61", prefix + "outcome_on": "2026-09-01"})
    assert bad.status_code == 200
    assert "The outcome comes after the baseline: check the dates." in bad.content.decode()
    assert client.post(url, {prefix + "outcome_value": "61"}).context["measures"][0].outcome_form.errors == {
        "outcome_on": ["Give the date of the outcome."]
    }
    measure.refresh_from_db()
    assert measure.outcome_value is None
    response = client.post(url, {prefix + "outcome_value": "61", prefix + "outcome_on": "2026-12-01"}, follow=True)
    measure.refresh_from_db()
    assert measure.summary() == "38% on 12 October 2026 → 61% on 1 December 2026: up 23 points"
    page = response.content.decode()
    assert "The outcome is recorded." in page
    assert f'action="{url}"' not in page


def test_a_teacher_in_one_network_starts_with_it_chosen(world, client):
    client.force_login(world.people.teacher_a)
    form = client.get(reverse("enquiry:enquiry_create")).context["form"]
    assert form["network"].value() == world.network_a.pk
    # In two networks: the teacher chooses.
    MembershipFactory(user=world.people.teacher_a, role="network_member", network=world.network_b)
    MembershipFactory(user=world.people.teacher_a, role="school_staff", school=world.school_3)
    form = client.get(reverse("enquiry:enquiry_create")).context["form"]
    assert form["network"].value() is None


def test_readers_outside_the_network_see_which_network_it_came_from(world, client):
    enquiry = make_enquiry(
        world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.CONSORTIUM, title="Oral rehearsal"
    )
    client.force_login(world.people.teacher_b)  # network B only
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert f"{world.school_1.name} · {world.network_a.name} · {world.consortium.name}" in page
    library = client.get(reverse("enquiry:library"), {"q": "oral"}).content.decode()
    phase = f" ({world.school_1.phase.lower()})" if world.school_1.phase else ""
    assert f"{world.school_1.name}{phase}, {world.network_a.name}, {world.consortium.name} · by" in library


@pytest.mark.parametrize(
    ("unit", "baseline", "outcome", "label"),
    [("words", "120.5", "98", "down 22.5 words"), ("", "3", "3", "no change"), ("pupils", "4", "9", "up 5 pupils")],
)
def test_change_labels(unit, baseline, outcome, label):
    evidence = Evidence(unit=unit, baseline_value=Decimal(baseline), outcome_value=Decimal(outcome))
    assert evidence.change_label() == label


def test_impact_claims_show_their_strength(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:impact_add", args=[enquiry.pk])
    assert "strength" in client.post(url, {"area": "pupils", "claim": "Better"}).context["form"].errors
    client.post(url, {"area": "pupils", "claim": "More boys paragraph correctly.", "strength": Strength.DATA})
    client.post(url, {"area": "practice", "claim": "We rehearse orally now.", "strength": Strength.ANECDOTE})
    assert list(ImpactClaim.objects.values_list("strength", flat=True)) == [4, 1]  # strongest first
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "strength-4" in page
    assert "Data" in page
    assert "(4 of 5)" in page
    assert "Anecdote" in page
    assert Enquiry.objects.with_strongest_evidence().get().strongest == 4


def test_only_the_owner_invites_and_only_colleagues_of_the_consortium(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    outsider = UserFactory(email="far@example.org")
    MembershipFactory(user=outsider, school=world.other_school, role="school_staff")
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:enquiry_people", args=[enquiry.pk])
    for email, message in [
        ("nobody@example.org", "Nobody in Central South Consortium has an account with nobody@example.org"),
        ("far@example.org", "Nobody in Central South Consortium has an account with far@example.org"),
        ("teacher.a@example.org", "That is you"),
    ]:
        response = client.post(url, {"email": email, "role": "critical_friend"})
        assert message in response.content.decode()
    assert not Collaborator.objects.exists()
    response = client.post(url, {"email": "TEACHER.B@example.org", "role": "critical_friend"})
    assert response.status_code == 302
    assert Enquiry.objects.visible_to(world.people.teacher_b).filter(pk=enquiry.pk).exists()
    # A critical friend reads and comments, but cannot edit or share.
    client.force_login(world.people.teacher_b)
    assert client.get(enquiry.get_absolute_url()).status_code == 200
    assert client.get(reverse("enquiry:enquiry_edit", args=[enquiry.pk])).status_code == 404
    assert client.get(reverse("enquiry:enquiry_share", args=[enquiry.pk])).status_code == 404


def test_sharing_and_unsharing_through_the_page(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:enquiry_share", args=[enquiry.pk])
    page = client.get(url).content.decode()
    assert "Valleys Writing Network" in page
    assert "Central South Consortium" in page
    client.post(url, {"sharing": "network"})
    enquiry.refresh_from_db()
    assert enquiry.sharing == "network"
    assert enquiry.shared_at is not None
    client.post(url, {"sharing": "private"})
    enquiry.refresh_from_db()
    assert enquiry.sharing == "private"
    assert enquiry.shared_at is None
    unlinked = make_enquiry(world.people.teacher_a, world.school_1)
    response = client.post(reverse("enquiry:enquiry_share", args=[unlinked.pk]), {"sharing": "network"})
    assert response.status_code == 200
    assert response.context["form"].errors["sharing"]


def test_a_comment_tells_the_owner_by_email_and_on_the_home_page(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    client.force_login(world.people.leader_a)
    url = reverse("enquiry:comment_add", args=[enquiry.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "question", "text": "How did you choose the boys?"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["teacher.a@example.org"]
    assert "Leader A left a question" in email.subject
    assert "How did you choose the boys?" in email.body
    assert "/emails/" in email.body
    assert enquiry.get_absolute_url() in email.body
    # The home page's block lists it until the owner opens the enquiry.
    home = reads.home_context(world.people.teacher_a)["enquiry_home"]
    assert [e.pk for e in home["new_comments"]] == [enquiry.pk]
    assert home["new_comments"][0].new_comments == 1
    client.force_login(world.people.teacher_a)
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "is-new" in page
    assert reads.home_context(world.people.teacher_a)["enquiry_home"]["new_comments"] == []


def test_no_email_when_turned_off_or_own_comment(world, client, mailoutbox, django_capture_on_commit_callbacks):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:comment_add", args=[enquiry.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "note", "text": "A note to myself."})
    EmailPreference.objects.create(user=world.people.teacher_a, enquiry_comments=False)
    client.force_login(world.people.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "strength", "text": "Good baseline."})
    assert Comment.objects.count() == 2
    assert mailoutbox == []


def test_a_comment_needs_text_and_a_kind(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    client.force_login(world.people.leader_a)
    response = client.post(reverse("enquiry:comment_add", args=[enquiry.pk]), {"kind": "question"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.exists()


def test_another_consortiums_reader_of_a_public_enquiry_cannot_comment(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC)
    outsider = UserFactory()
    MembershipFactory(user=outsider, school=world.other_school, role="school_staff")
    client.force_login(outsider)
    assert client.get(enquiry.get_absolute_url()).status_code == 200
    response = client.post(reverse("enquiry:comment_add", args=[enquiry.pk]), {"kind": "question", "text": "Hi"})
    assert response.status_code == 404


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_user_text_is_escaped_everywhere(world, client, mailoutbox, django_capture_on_commit_callbacks):
    area = world.consortium.practice_areas.first()
    enquiry = make_enquiry(
        world.people.teacher_a,
        world.school_1,
        world.network_a,
        sharing=Sharing.NETWORK,
        title=f"Title {HOSTILE}",
        question=f"Question {HOSTILE}",
        why_it_matters=HOSTILE,
        conclusions=HOSTILE,
        pupil_group=HOSTILE,
        practice_areas=[area],
    )
    services.evidence_add(enquiry=enquiry, kind="note", by=world.people.teacher_a, title=HOSTILE, note=HOSTILE)
    services.evidence_add(
        enquiry=enquiry, kind="link", by=world.people.teacher_a, title=HOSTILE, url="https://example.org/?a=<b>"
    )
    services.evidence_add(
        enquiry=enquiry,
        kind="measure",
        by=world.people.teacher_a,
        measure=HOSTILE,
        unit="<b>u</b>",
        baseline_value=Decimal(1),
        baseline_on=date(2026, 10, 12),
    )
    services.impact_claim_add(enquiry=enquiry, by=world.people.teacher_a, area="pupils", claim=HOSTILE, strength=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(enquiry=enquiry, author=world.people.leader_a, kind="question", text=HOSTILE)
    client.force_login(world.people.leader_a)
    urls = [
        enquiry.get_absolute_url(),
        reverse("enquiry:enquiry_print", args=[enquiry.pk]),
        reverse("enquiry:library") + "?q=Title",
        reverse("enquiry:library"),
        reverse("enquiry:network_enquiries", args=[world.network_a.slug]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
    client.force_login(world.people.teacher_a)
    for url in [reverse("enquiry:enquiry_list"), reverse("enquiry:enquiry_people", args=[enquiry.pk])]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
    # In an email, text is plain text: no HTML part at all.
    assert mailoutbox
    assert not getattr(mailoutbox[0], "alternatives", None)


def test_the_printable_page(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC)
    response = client.get(reverse("enquiry:enquiry_print", args=[enquiry.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "enquiry.css" in page
    assert "enquiry.js" in page
    assert "data-print" in page
    assert "<script>" not in page.replace("<script src=", "")  # no inline script (CSP)


def test_my_enquiries_as_csv(world, client):
    mine = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, title="=HYPERLINK(evil)")
    services.impact_claim_add(enquiry=mine, by=None, area="pupils", claim="c", strength=Strength.COMPARISON)
    theirs = make_enquiry(world.people.teacher_b, world.school_3, title="Co-enquiry")
    services.collaborator_invite(
        enquiry=theirs, email=world.people.teacher_a.email, role="co_enquirer", by=world.people.teacher_b
    )
    make_enquiry(world.people.teacher_b, world.school_3, title="Not mine", sharing=Sharing.CONSORTIUM)
    client.force_login(world.people.teacher_a)
    response = client.get(reverse("enquiry:enquiry_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Title"
    assert rows[0][-1] == "Your part"
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"'=HYPERLINK(evil)", "Co-enquiry"}
    assert by_title["'=HYPERLINK(evil)"][-1] == "Owner"
    assert by_title["Co-enquiry"][-1] == "Co-enquirer"
    assert "Comparison with a group that did not take part" in by_title["'=HYPERLINK(evil)"]


def test_deleting_asks_first(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:enquiry_delete", args=[enquiry.pk])
    assert "This cannot be undone" in client.get(url).content.decode()
    assert Enquiry.objects.exists()
    assert client.post(url).status_code == 302
    assert not Enquiry.objects.exists()


def test_empty_states_say_what_to_do(world, client):
    client.force_login(world.people.teacher_a)
    assert "Start with a question" in client.get(reverse("enquiry:enquiry_list")).content.decode()
    assert "Nothing is shared here yet" in client.get(reverse("enquiry:library")).content.decode()
    client.force_login(world.people.leader_a)
    page = client.get(reverse("enquiry:network_enquiries", args=[world.network_a.slug])).content.decode()
    assert "encourage them to share" in page


def test_a_broker_outage_does_not_lose_the_comment(world, client, monkeypatch, django_capture_on_commit_callbacks):
    from enquiry import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_comment_email, "delay", broker_down)
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    client.force_login(world.people.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("enquiry:comment_add", args=[enquiry.pk]), {"kind": "question", "text": "Q?"})
    assert response.status_code == 302
    assert Comment.objects.filter(enquiry=enquiry).exists()
    assert reads.home_context(world.people.teacher_a)["enquiry_home"]["new_comments"][0].pk == enquiry.pk


def test_a_welsh_reader_gets_the_comment_email_and_their_pages_in_welsh(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 16: the email goes in the owner's language, whatever the commenter reads the platform in."""
    owner = world.people.teacher_a
    owner.language = "cy"
    owner.save(update_fields=["language"])
    enquiry = make_enquiry(owner, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    client.force_login(world.people.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("enquiry:comment_add", args=[enquiry.pk]), {"kind": "question", "text": "Pam?"})
    assert page.status_code == 302
    assert "Your comment is added" in client.get(enquiry.get_absolute_url()).content.decode()
    email = mailoutbox[0]
    assert email.subject.startswith("Gadawodd Leader A cwestiwn ar eich ymholiad")
    assert "Darllenwch ef ac atebwch yma:" in email.body
    client.force_login(owner)
    mine = client.get(reverse("enquiry:enquiry_list")).content.decode()
    assert '<h1 class="h2 mb-1">Fy ymholiadau</h1>' in mine
    detail = client.get(enquiry.get_absolute_url()).content.decode()
    assert "Cylch yr ymholiad" in detail
    assert "Cam 1 o 6: Ymchwilio i&#x27;r ddarpariaeth bresennol" in detail
