"""The access matrix's rows for the brokerage desk.

The world gains, in the central-south consortium:
- req_school: raised by school 1's lead for school 1 (in network A), with the specialist proposed;
- req_network: raised by network A's leader for the network;
- req_b: raised by consortium staff for school 3 (network B), just submitted;
- req_booked: school 1's, accepted and booked with the specialist (who sees only the engagement);
- req_withdraw: school 1's, to withdraw;
and a request of the other consortium. A request is seen by its requester, the school's leads, the
leaders of the network (or of a network the school is in) and the consortium's staff; answering a
proposal is for the requester's side only; desk work is for consortium staff.
"""

from datetime import timedelta
from decimal import Decimal

from brokerage import services
from brokerage.digest_services import digest_token
from brokerage.matching import Candidate
from brokerage.models import (
    AvailabilityBlock,
    AvailabilityKind,
    Engagement,
    EngagementStatus,
    EvidenceStrength,
    PracticeEntry,
    Proposal,
    ProposalStatus,
    RequestKind,
    RequestStatus,
    Specialist,
    SupportRequest,
)
from networks.models import PracticeArea
from tests.access import CONSORTIUM_STAFF, OUTSIDERS, Row, only, statuses

from .helpers import next_weekday

STAFF = CONSORTIUM_STAFF
SCHOOL_1_REQUEST = ("school_lead", "leader_a", *STAFF)  # requester (and lead), network A's leader, staff
PROFILE = ("specialist", *STAFF)
IN_CONSORTIUM = statuses(200)


def _raise(world, by, title, **fields):
    area = PracticeArea.objects.get(consortium=fields.pop("consortium", world.consortium), name="Literacy")
    fields.setdefault("kind", RequestKind.SPECIALIST_CONSULTANCY)
    return services.request_raise(
        by=by, title=title, need="Help with extended writing.", practice_areas=[area], days=Decimal("2"), **fields
    )


def _propose(request, specialist, by):
    candidate = Candidate(kind="specialist", obj=specialist, score=50.0, factors={})
    return services.proposal_create(request=request, by=by, candidates=[candidate])[0]


def extend_world(world):
    people = world.people
    literacy = PracticeArea.objects.get(consortium=world.consortium, name="Literacy")
    world.profile = services.specialist_save(
        specialist=Specialist(consortium=world.consortium, user=people.specialist, name="Specialist"),
        by=people.consortium_staff,
        practice_areas=[literacy],
        phases=["primary"],
        travel_areas=[],
    )
    world.external = services.specialist_save(
        specialist=Specialist(consortium=world.consortium, name="External Consultant", organisation="Literacy Trust"),
        by=people.consortium_staff,
        practice_areas=[literacy],
        phases=[],
        travel_areas=[],
    )
    other_literacy = PracticeArea.objects.get(consortium=world.other_consortium, name="Literacy")
    world.other_specialist = services.specialist_save(
        specialist=Specialist(consortium=world.other_consortium, name="Northern Specialist"),
        by=people.superuser,
        practice_areas=[other_literacy],
        phases=[],
        travel_areas=[],
    )
    start = next_weekday(20)
    world.block = AvailabilityBlock.objects.create(
        specialist=world.profile, kind=AvailabilityKind.OFFERED, starts_on=start, ends_on=start + timedelta(days=30)
    )
    world.entry = PracticeEntry.objects.create(
        school=world.school_2,
        practice_area=literacy,
        title="Oral rehearsal before writing",
        summary="Year 5 boys rehearse orally before writing.",
        evidence_strength=EvidenceStrength.DATA,
    )
    world.other_entry = PracticeEntry.objects.create(
        school=world.other_school, practice_area=other_literacy, title="Northern writing", summary="Writing."
    )

    world.req_school = _raise(world, people.school_lead, "Year 6 writing", school=world.school_1)
    world.proposal = _propose(world.req_school, world.profile, people.consortium_staff)
    world.req_network = _raise(world, people.leader_a, "Network writing", network=world.network_a)
    world.req_b = _raise(world, people.consortium_staff, "Numeracy support", school=world.school_3)
    world.req_withdraw = _raise(world, people.school_lead, "To withdraw", school=world.school_1)
    world.other_req = _raise(
        world, people.superuser, "Northern request", school=world.other_school, consortium=world.other_consortium
    )
    world.req_booked = _raise(world, people.school_lead, "Booked writing help", school=world.school_1)
    booked_proposal = _propose(world.req_booked, world.profile, people.consortium_staff)
    engagement = services.proposal_accept(proposal=booked_proposal, by=people.school_lead)
    world.engagement = services.engagement_book(
        engagement=engagement, dates=[start, start + timedelta(days=1)], by=people.consortium_staff
    )
    world.digest_token = digest_token(people.teacher_a)


def reset(world):
    """Undo what a POST row may have changed, so each role starts from the same rows."""
    SupportRequest.objects.filter(pk__in=[world.req_b.pk, world.req_withdraw.pk]).update(status=RequestStatus.SUBMITTED)
    SupportRequest.objects.filter(pk=world.req_school.pk).update(status=RequestStatus.PROPOSED)
    Proposal.objects.filter(pk=world.proposal.pk).update(status=ProposalStatus.PROPOSED)
    Engagement.objects.filter(pk=world.engagement.pk).update(status=EngagementStatus.BOOKED)


def pk(name):
    return lambda w: [getattr(w, name).pk]


def slug(name):
    return lambda w: [getattr(w, name).slug]


C = slug("consortium")
OTHER_C = slug("other_consortium")
POST_ONLY = statuses(405, anonymous=302)
RAISERS = ("teacher_a", "teacher_b", "school_lead", "leader_a", *STAFF)

ROWS = [
    # Requests.
    Row("brokerage:request_list", expected=statuses(200)),
    # Any member of a school raises requests for it (teachers too); a specialist does not.
    Row("brokerage:request_create", expected=only(*RAISERS)),
    Row("brokerage:request_create", expected=only(*RAISERS), method="post", label="empty"),
    Row("brokerage:request_detail", pk("req_school"), only(*SCHOOL_1_REQUEST), label="school 1's"),
    Row("brokerage:request_detail", pk("req_network"), only("leader_a", *STAFF), label="network A's"),
    Row("brokerage:request_detail", pk("req_b"), only(*STAFF), label="school 3's, raised by staff"),
    Row("brokerage:request_detail", pk("other_req"), OUTSIDERS, label="other consortium"),
    Row("brokerage:request_triage", pk("req_b"), only(*STAFF)),
    Row("brokerage:request_triage", pk("req_b"), only(*STAFF, ok=302), method="post"),
    Row("brokerage:request_triage", pk("req_school"), only(*STAFF), label="seen by the school's people"),
    Row("brokerage:request_withdraw", pk("req_school"), only("school_lead", *STAFF)),
    Row("brokerage:request_withdraw", pk("req_withdraw"), only("school_lead", *STAFF, ok=302), method="post"),
    Row("brokerage:request_withdraw", pk("other_req"), OUTSIDERS, label="other consortium"),
    Row("brokerage:request_match", pk("req_school"), only(*STAFF)),
    Row("brokerage:request_match", pk("other_req"), OUTSIDERS, label="other consortium"),
    Row("brokerage:proposal_create", pk("req_school"), POST_ONLY),
    Row("brokerage:proposal_create", pk("req_school"), only(*STAFF, ok=302), method="post", label="none chosen"),
    Row("brokerage:proposal_respond", pk("proposal"), only("school_lead", "superuser")),
    Row("brokerage:proposal_respond", pk("proposal"), only("school_lead", "superuser"), method="post", label="empty"),
    # Engagements: the specialist sees their own, never the request behind it.
    Row("brokerage:engagement_list", expected=statuses(200)),
    Row("brokerage:engagement_detail", pk("engagement"), only(*SCHOOL_1_REQUEST, "specialist")),
    Row("brokerage:engagement_book", pk("engagement"), only(*STAFF)),
    Row("brokerage:engagement_book", pk("engagement"), only(*STAFF), method="post", label="empty"),
    Row("brokerage:engagement_complete", pk("engagement"), only(*STAFF)),
    Row("brokerage:engagement_review", pk("engagement"), only("school_lead", *STAFF)),
    Row("brokerage:engagement_review", pk("engagement"), only("school_lead", *STAFF), method="post", label="empty"),
    Row("brokerage:engagement_cancel", pk("engagement"), only(*STAFF)),
    # Specialists keep their own profile and availability; staff keep everyone's.
    Row("brokerage:specialist_list", C, only(*STAFF)),
    Row("brokerage:specialist_list", OTHER_C, OUTSIDERS, label="other consortium"),
    Row("brokerage:specialist_create", C, only(*STAFF)),
    Row("brokerage:specialist_create", C, only(*STAFF), method="post", label="empty"),
    Row("brokerage:specialist_me", expected=only("specialist", ok=302)),
    Row("brokerage:specialist_detail", pk("profile"), only(*PROFILE), label="with an account"),
    Row("brokerage:specialist_detail", pk("external"), only(*STAFF), label="external"),
    Row("brokerage:specialist_detail", pk("other_specialist"), OUTSIDERS, label="other consortium"),
    Row("brokerage:specialist_edit", pk("profile"), only(*PROFILE)),
    Row("brokerage:specialist_edit", pk("profile"), only(*PROFILE), method="post", label="empty"),
    Row("brokerage:specialist_edit", pk("external"), only(*STAFF), label="external"),
    Row("brokerage:availability", pk("profile"), only(*PROFILE)),
    Row("brokerage:availability", pk("profile"), only(*PROFILE), method="post", label="empty"),
    Row("brokerage:availability_remove", lambda w: [w.profile.pk, w.block.pk], only(*PROFILE)),
    Row(
        "brokerage:availability_remove",
        lambda w: [w.external.pk, w.block.pk],
        only(ok=404),
        label="another specialist's dates",
    ),
    Row("brokerage:past_engagement_add", pk("profile"), only(*STAFF)),
    # The record of practice: searched by everyone in the consortium, kept by its staff.
    Row("brokerage:practice_list", C, IN_CONSORTIUM),
    Row("brokerage:practice_list", OTHER_C, OUTSIDERS, label="other consortium"),
    Row("brokerage:practice_create", C, only(*STAFF)),
    Row("brokerage:practice_create", C, only(*STAFF), method="post", label="empty"),
    Row("brokerage:practice_import", C, only(*STAFF)),
    Row("brokerage:practice_import", C, only(*STAFF), method="post", label="no file"),
    Row("brokerage:practice_detail", pk("entry"), IN_CONSORTIUM),
    Row("brokerage:practice_detail", pk("other_entry"), OUTSIDERS, label="other consortium"),
    Row("brokerage:practice_edit", pk("entry"), only(*STAFF)),
    Row("brokerage:practice_delete", pk("entry"), only(*STAFF)),
    Row("brokerage:host_capacity", lambda w: [w.school_1.urn], only("school_lead", *STAFF)),
    Row("brokerage:host_capacity", lambda w: [w.school_2.urn], only(*STAFF), label="another school"),
    Row("brokerage:host_capacity", lambda w: [w.other_school.urn], OUTSIDERS, label="other consortium"),
    # The desk's settings (the exchange between networks is in tests/plc_platform/access_rows.py).
    Row("brokerage:desk_settings", C, only(*STAFF)),
    Row("brokerage:desk_settings", C, only(*STAFF), method="post", label="empty"),
    Row("brokerage:desk_settings", OTHER_C, OUTSIDERS, label="other consortium"),
    # The digest: everyone chooses their own; the link in the email works signed out.
    Row("brokerage:digest_preferences", expected=statuses(200)),
    Row("brokerage:digest_by_link", lambda w: [w.digest_token], statuses(200, anonymous=200)),
    Row("brokerage:digest_by_link", lambda w: ["forged"], statuses(404, anonymous=404), label="forged"),
]
