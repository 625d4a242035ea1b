"""Every "needs you" event sends one email, respecting preferences, and stays on the person's home
page until done (issue 19, item 2): a critical friend asked in, a requester whose request has
proposals. (Costs to approve: tests/activities/test_cost_approvals.py.)"""

import pytest
from django.core import mail
from django.urls import reverse

from brokerage import services as brokerage
from brokerage.matching import Candidate
from enquiry import services as enquiry
from networks.models import EmailPreference
from tests.brokerage.helpers import raise_request, specialist
from tests.enquiry.helpers import make_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the outbox queues after each commit, as the in-process default does."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def ask_teacher_a(world, owned):
    """Teacher B asks teacher A to be a critical friend to their enquiry."""
    p = world.people
    return enquiry.collaborator_invite(enquiry=owned, email=p.teacher_a.email, role="critical_friend", by=p.teacher_b)


def home(client, user):
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_a_critical_friend_is_emailed_and_finds_the_enquiry_at_home_until_they_comment(world, client, run_on_commit):
    p = world.people
    owned = make_enquiry(p.teacher_b, world.school_3, title="Talk for writing in Year 3")
    run_on_commit(
        lambda: enquiry.collaborator_invite(
            enquiry=owned, email=p.teacher_a.email, role="critical_friend", by=p.teacher_b
        )
    )
    [email] = mail.outbox
    assert email.to == [p.teacher_a.email]
    assert email.subject == 'Will you be a critical friend to "Talk for writing in Year 3"?'
    assert owned.get_absolute_url() in email.body
    assert "/emails/" in email.body

    assert "Enquiries waiting for your comments" in home(client, p.teacher_a)
    run_on_commit(lambda: enquiry.comment_add(enquiry=owned, author=p.teacher_a, kind="question", text="Which group?"))
    assert "Enquiries waiting for your comments" not in home(client, p.teacher_a)


def test_asking_the_same_friend_again_sends_nothing_more(world, run_on_commit):
    p = world.people
    owned = make_enquiry(p.teacher_b, world.school_3)
    for _ in range(2):
        run_on_commit(lambda: ask_teacher_a(world, owned))
    assert len(mail.outbox) == 1


def test_no_email_for_someone_who_turned_them_off_but_the_home_page_still_tells(world, client, run_on_commit):
    p = world.people
    EmailPreference.objects.create(user=p.teacher_a, support_requests=False)
    owned = make_enquiry(p.teacher_b, world.school_3)
    run_on_commit(
        lambda: enquiry.collaborator_invite(
            enquiry=owned, email=p.teacher_a.email, role="critical_friend", by=p.teacher_b
        )
    )
    assert mail.outbox == []
    assert "Enquiries waiting for your comments" in home(client, p.teacher_a)


def test_the_requester_is_emailed_once_when_candidates_are_proposed(world, client, run_on_commit):
    p = world.people
    request = raise_request(world, by=p.school_lead)
    mail.outbox.clear()
    expert = specialist(world.consortium, "Dr Seren Hughes", [])
    run_on_commit(
        lambda: brokerage.proposal_create(
            request=request,
            by=p.consortium_staff,
            candidates=[Candidate("specialist", expert, 50.0, {}), Candidate("school", world.school_2, 40.0, {})],
        )
    )
    [email] = mail.outbox
    assert email.to == [p.school_lead.email]
    assert email.subject == '2 candidates are proposed for "Year 6 writing"'
    assert "Dr Seren Hughes" in email.body
    assert world.school_2.name in email.body
    assert request.get_absolute_url() in email.body


def test_the_profile_links_to_the_email_preferences(world, client):
    client.force_login(world.people.teacher_a)
    html = client.get(reverse("networks:profile")).content.decode()
    assert reverse("networks:email_preferences") in html
    page = client.get(reverse("networks:email_preferences")).content.decode()
    assert "Costs to approve" in page
    assert "Support requests and reviews" in page
