"""Activities link to the enquiry cycles they serve; nobody sees a linked enquiry they may not read."""

from django.urls import reverse

from enquiry.models import Sharing

from ..enquiry.helpers import make_enquiry
from .helpers import plan


def test_a_leader_links_a_shared_enquiry_and_members_see_it_on_the_activity(world, client):
    shared = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    private = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, title="Private notes")
    activity = plan(world)
    client.force_login(world.people.leader_a)
    form = client.get(reverse("activities:activity_edit", args=[activity.pk])).context["form"]
    assert list(form.fields["enquiries"].queryset) == [shared]  # the private one is not offered
    activity.enquiries.set([shared, private])  # even if linked another way...
    client.force_login(world.people.school_lead)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert shared.title in page
    assert "Private notes" not in page  # ...a reader sees only what they may read
