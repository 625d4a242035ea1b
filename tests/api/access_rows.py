"""The access matrix's rows for the JSON API (signed in through the browser session) and the token
pages. The API answers a request without credentials with a 401 problem, never a redirect; an
object out of the person's reach is a 404, as on the pages. Token scopes (read, write, revoked,
expired) have their own matrix in tests/api/test_token_access.py."""

from api.models import AccessToken
from api.services import access_token_create
from tests.access import NETWORK_A_PEOPLE, Row, only, statuses

from ..enquiry.access_rows import INVITED

API = {"anonymous": 401}
EVERYONE = statuses(200, **API)
OUTSIDERS = statuses(404, superuser=200, **API)


def extend_world(world):
    world.token, _ = access_token_create(user=world.people.teacher_a, name="Warehouse", scope="read", days=30)


def reset(world):
    AccessToken.objects.filter(pk=world.token.pk).update(revoked_at=None)


def pk(name):
    return lambda w: [getattr(w, name).pk]


ROWS = [
    Row("api:openapi-json", expected=statuses(200, anonymous=200)),
    Row("tokens:docs", expected=statuses(200, anonymous=200)),
    Row("api:api-root", expected=statuses(404, anonymous=404)),
    Row("api:me", expected=EVERYONE),
    Row("api:network_list", expected=EVERYONE),
    Row("api:network_detail", lambda w: [w.network_a.slug], only(*NETWORK_A_PEOPLE, **API), label="network A"),
    Row("api:network_detail", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    Row("api:school_list", expected=EVERYONE),
    Row("api:school_detail", lambda w: [w.school_1.urn], EVERYONE),
    Row("api:school_detail", lambda w: [w.other_school.urn], OUTSIDERS, label="other consortium"),
    Row("api:round_list", expected=EVERYONE),
    Row("api:round_results", pk("closed_round"), only(*NETWORK_A_PEOPLE, **API), label="closed, network A"),
    Row("api:round_results", pk("round"), only(ok=404, **API), label="open: not published"),
    Row("api:round_results", pk("other_round"), OUTSIDERS, label="other consortium"),
    Row("api:library", expected=EVERYONE),
    Row("api:my_enquiries", expected=EVERYONE),
    Row("api:enquiry_detail", pk("enq_private"), only(*INVITED, **API), label="private"),
    Row("api:enquiry_detail", pk("enq_network"), only(*NETWORK_A_PEOPLE, **API), label="shared with network A"),
    # With no body the request is refused before anything is looked up.
    Row("api:enquiry_create", expected=statuses(400, **API), method="post", label="no body"),
    Row("api:enquiry_update", pk("enq_private"), statuses(422, **API), method="patch", label="no body"),
    Row("api:note_add", pk("enq_private"), statuses(400, **API), method="post", label="no body"),
    Row("api:activity_list", expected=EVERYONE),
    Row("api:activity_detail", pk("activity"), only(*NETWORK_A_PEOPLE, **API), label="network A"),
    Row("api:activity_detail", pk("other_activity"), OUTSIDERS, label="other consortium"),
    Row("api:practice_record", expected=EVERYONE),
    # The token pages: your own tokens only.
    Row("tokens:token_list", expected=statuses(200)),
    Row("tokens:token_list", expected=statuses(200), method="post", label="empty form"),
    Row("tokens:token_revoke", pk("token"), only("teacher_a")),
    Row("tokens:token_revoke", pk("token"), only("teacher_a", ok=302), method="post"),
]
