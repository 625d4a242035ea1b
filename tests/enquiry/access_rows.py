"""The access matrix's rows for enquiries and the practice library.

teacher_a owns one enquiry at each sharing level (school 1, network A). The private one has
teacher_b as co-enquirer and the specialist as critical friend: only those three may open it or
its file; not even an operator. Each shared level is visible to exactly its people:
- school: school 1's staff and lead (and operators);
- network: the people who can see network A (its members, its schools' staff, consortium staff);
- consortium: everyone with a role in the consortium;
- public: everyone, signed out too.
"""

import atexit
from datetime import date

from enquiry import services
from enquiry.models import Approach, CollaboratorRole, Sharing
from tests.access import CONSORTIUM_STAFF, LEADERS_OF_A, NETWORK_A_PEOPLE, OUTSIDERS, Row, only, statuses

from .helpers import attach_file, make_enquiry

INVITED = ("teacher_a", "teacher_b", "specialist")  # owner, co-enquirer, critical friend of the private one
WORKERS = ("teacher_a", "teacher_b")  # owner and co-enquirer
SCHOOL_1 = ("teacher_a", "school_lead", "superuser")
CONSORTIUM = statuses(200)
PUBLIC = statuses(200, anonymous=200)
IN_CONSORTIUM = ("teacher_a", "teacher_b", "school_lead", "leader_a", "consortium_staff", "specialist")


def extend_world(world):
    teacher_a = world.people.teacher_a
    world.approach = Approach.objects.filter(consortium=world.consortium).order_by("name").first()
    world.other_approach = Approach.objects.filter(consortium=world.other_consortium).order_by("name").first()

    def enquiry(sharing, title):
        return make_enquiry(teacher_a, world.school_1, world.network_a, sharing=sharing, title=title)

    world.enq_private = enquiry(Sharing.PRIVATE, "Private enquiry")
    world.enq_school = enquiry(Sharing.SCHOOL, "School enquiry")
    world.enq_network = enquiry(Sharing.NETWORK, "Network enquiry")
    world.enq_consortium = enquiry(Sharing.CONSORTIUM, "Consortium enquiry")
    world.enq_public = enquiry(Sharing.PUBLIC, "Public enquiry")
    world.co_enquirer = services.collaborator_invite(
        enquiry=world.enq_private, email=world.people.teacher_b.email, role=CollaboratorRole.CO_ENQUIRER, by=teacher_a
    )
    world.friend = services.collaborator_invite(
        enquiry=world.enq_private,
        email=world.people.specialist.email,
        role=CollaboratorRole.CRITICAL_FRIEND,
        by=teacher_a,
    )
    world.file_private = attach_file(world.enq_private, teacher_a)
    world.file_network = attach_file(world.enq_network, teacher_a)
    world.file_public = attach_file(world.enq_public, teacher_a)
    for evidence in (world.file_private, world.file_network, world.file_public):
        atexit.register(evidence.file.storage.delete, evidence.file.name)
    world.measure_private = services.evidence_add(
        enquiry=world.enq_private,
        kind="measure",
        by=teacher_a,
        measure="Boys who paragraph",
        unit="%",
        baseline_value=38,
        baseline_on=date(2026, 10, 12),
    )
    world.claim_private = services.impact_claim_add(
        enquiry=world.enq_private, by=teacher_a, area="pupils", claim="More boys paragraph.", strength=4
    )


APPROACH = lambda w: [w.consortium.slug, w.approach.pk]  # noqa: E731
OTHER_APPROACH = lambda w: [w.consortium.slug, w.other_approach.pk]  # noqa: E731


def pk(name):
    return lambda w: [getattr(w, name).pk]


def evidence_of(name):
    return lambda w: [w.enq_private.pk, getattr(w, name).pk]


def token(name):
    return lambda w: [getattr(w, name).token]


LEVELS = [
    ("enq_private", only(*INVITED), "private"),
    ("enq_school", only(*SCHOOL_1), "school"),
    ("enq_network", only(*NETWORK_A_PEOPLE), "network"),
    ("enq_consortium", CONSORTIUM, "consortium"),
    ("enq_public", PUBLIC, "public"),
]

ROWS = [
    Row("enquiry:enquiry_list", expected=statuses(200)),
    Row("enquiry:enquiry_create", expected=statuses(200)),
    Row("enquiry:enquiry_create", expected=statuses(200), method="post", label="empty form"),
    Row("enquiry:enquiry_csv", expected=statuses(200)),
    Row("enquiry:library", expected=PUBLIC),
    *[Row("enquiry:enquiry_detail", pk(name), expected, label=label) for name, expected, label in LEVELS],
    *[Row("enquiry:enquiry_print", pk(name), expected, label=label) for name, expected, label in LEVELS],
    # Working on it: the owner and co-enquirers.
    Row("enquiry:enquiry_edit", pk("enq_private"), only(*WORKERS), label="private"),
    Row("enquiry:enquiry_edit", pk("enq_public"), only("teacher_a"), label="public"),
    Row("enquiry:enquiry_edit", pk("enq_private"), only(*WORKERS), method="post", label="empty form"),
    Row("enquiry:enquiry_stage", pk("enq_private"), statuses(405, anonymous=302)),
    Row("enquiry:enquiry_stage", pk("enq_private"), only(*WORKERS, ok=302), method="post", label="no stage"),
    Row("enquiry:enquiry_stage", pk("enq_network"), only("teacher_a", ok=302), method="post", label="network"),
    Row("enquiry:evidence_add", lambda w: [w.enq_private.pk, "note"], only(*WORKERS), label="note"),
    Row("enquiry:evidence_add", lambda w: [w.enq_private.pk, "file"], only(*WORKERS), label="file"),
    Row("enquiry:evidence_add", lambda w: [w.enq_private.pk, "measure"], only(*WORKERS), label="measure"),
    Row("enquiry:evidence_add", lambda w: [w.enq_public.pk, "link"], only("teacher_a"), label="public link"),
    Row("enquiry:evidence_add", lambda w: [w.enq_private.pk, "script"], only(ok=404), label="no such kind"),
    Row("enquiry:evidence_add", lambda w: [w.enq_private.pk, "file"], only(*WORKERS), method="post", label="empty"),
    Row("enquiry:evidence_edit", evidence_of("file_private"), only(*WORKERS)),
    Row("enquiry:evidence_edit", lambda w: [w.enq_private.pk, w.file_public.pk], only(ok=404), label="other enquiry"),
    Row("enquiry:evidence_delete", evidence_of("file_private"), only(*WORKERS)),
    # A measure's outcome, recorded in place on the enquiry's page: an empty form shows it again.
    Row("enquiry:measure_outcome", evidence_of("measure_private"), statuses(405, anonymous=302)),
    Row("enquiry:measure_outcome", evidence_of("measure_private"), only(*WORKERS), method="post", label="empty"),
    Row("enquiry:measure_outcome", evidence_of("file_private"), only(ok=404), method="post", label="not a measure"),
    Row("enquiry:impact_add", pk("enq_private"), only(*WORKERS)),
    Row("enquiry:impact_add", pk("enq_private"), only(*WORKERS), method="post", label="empty form"),
    Row("enquiry:impact_delete", lambda w: [w.enq_private.pk, w.claim_private.pk], only(*WORKERS)),
    # Only the owner shares it, invites people and deletes it.
    Row("enquiry:enquiry_share", pk("enq_private"), only("teacher_a"), label="private"),
    Row("enquiry:enquiry_share", pk("enq_network"), only("teacher_a"), label="network"),
    Row("enquiry:enquiry_share", pk("enq_private"), only("teacher_a"), method="post", label="empty form"),
    Row("enquiry:enquiry_people", pk("enq_private"), only("teacher_a")),
    Row("enquiry:enquiry_people", pk("enq_private"), only("teacher_a"), method="post", label="empty form"),
    Row("enquiry:collaborator_remove", lambda w: [w.enq_private.pk, w.friend.pk], only("teacher_a")),
    Row("enquiry:enquiry_delete", pk("enq_private"), only("teacher_a"), label="private"),
    Row("enquiry:enquiry_delete", pk("enq_consortium"), only("teacher_a"), label="consortium"),
    # Comments: those invited, and colleagues of the consortium reading a shared enquiry.
    Row("enquiry:comment_add", pk("enq_private"), statuses(405, anonymous=302)),
    Row("enquiry:comment_add", pk("enq_private"), only(*INVITED), method="post", label="private, empty"),
    Row(
        "enquiry:comment_add",
        pk("enq_network"),
        only("teacher_a", "school_lead", "leader_a", "consortium_staff"),
        method="post",
        label="network, empty",
    ),
    Row("enquiry:comment_add", pk("enq_public"), only(*IN_CONSORTIUM), method="post", label="public, empty"),
    # Files: checked on every download, through the enquiry's sharing; the token is random.
    Row("enquiry:evidence_file", token("file_private"), only(*INVITED), label="private"),
    Row("enquiry:evidence_file", token("file_network"), only(*NETWORK_A_PEOPLE), label="network"),
    Row("enquiry:evidence_file", token("file_public"), PUBLIC, label="public"),
    Row("enquiry:evidence_file", lambda w: ["not-a-real-token"], statuses(404), label="guessed"),
    # The network overview: leaders and consortium staff.
    Row("enquiry:network_enquiries", lambda w: [w.network_a.slug], only(*LEADERS_OF_A), label="network A"),
    Row("enquiry:network_enquiries", lambda w: [w.network_b.slug], only(*CONSORTIUM_STAFF), label="network B"),
    Row("enquiry:network_enquiries", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    Row("enquiry:network_enquiries_csv", lambda w: [w.network_a.slug], only(*LEADERS_OF_A)),
    Row("enquiry:network_enquiries_csv", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    # The consortium's list of approaches: its staff's (another consortium's approach is a 404).
    Row("enquiry:approach_list", lambda w: [w.consortium.slug], only(*CONSORTIUM_STAFF)),
    Row("enquiry:approach_list", lambda w: [w.consortium.slug], only(*CONSORTIUM_STAFF), method="post", label="empty"),
    Row("enquiry:approach_list", lambda w: [w.other_consortium.slug], OUTSIDERS, label="other consortium"),
    Row("enquiry:approach_edit", APPROACH, only(*CONSORTIUM_STAFF)),
    Row("enquiry:approach_edit", APPROACH, only(*CONSORTIUM_STAFF), method="post", label="empty"),
    Row("enquiry:approach_edit", OTHER_APPROACH, only(ok=404), label="other consortium's approach"),
    Row("enquiry:approach_remove", APPROACH, only(*CONSORTIUM_STAFF)),
    Row("enquiry:approach_remove", OTHER_APPROACH, only(ok=404), label="other consortium's approach"),
    Row("enquiry:approach_remove", OTHER_APPROACH, only(ok=404), method="post", label="other consortium's approach"),
    Row("enquiry:approach_restore", APPROACH, statuses(405, anonymous=302)),
    Row("enquiry:approach_restore", APPROACH, only(*CONSORTIUM_STAFF, ok=302), method="post"),
    Row("enquiry:approach_restore", OTHER_APPROACH, only(ok=404), method="post", label="other consortium's approach"),
]
