"""The access matrix's rows for the pages composed from several apps: the network page and the
school page (whoever can see the network or school), the knowledge-flow map and ledger (network
leaders and the consortium's staff), the consortium's map, the exchange between networks and the
overview (staff), and "what works here" (anyone in the consortium; built from what each may read)."""

from tests.access import CONSORTIUM_STAFF, LEADERS_OF_A, OUTSIDERS, Row, consortium_page, only, statuses

A = lambda w: [w.network_a.slug]  # noqa: E731
B = lambda w: [w.network_b.slug]  # noqa: E731
OTHER = lambda w: [w.other_network.slug]  # noqa: E731


def extend_world(world):
    """Nothing more: the pages read what the shared world holds."""


ROWS = [
    Row(
        "network_detail",
        A,
        only("teacher_a", "school_lead", "leader_a", "consortium_staff", "superuser"),
        label="network A",
    ),
    Row("network_detail", OTHER, OUTSIDERS, label="other consortium"),
    Row("school_detail", lambda w: [w.school_1.urn], statuses(200)),
    Row("school_detail", lambda w: [w.other_school.urn], OUTSIDERS, label="other consortium"),
    Row("plc_platform:network_flows", A, only(*LEADERS_OF_A), label="network A"),
    Row("plc_platform:network_flows", B, only(*CONSORTIUM_STAFF), label="network B"),
    Row("plc_platform:network_flows", OTHER, OUTSIDERS, label="other consortium"),
    Row("plc_platform:network_flows_csv", A, only(*LEADERS_OF_A), label="network A"),
    Row("plc_platform:network_flows_csv", OTHER, OUTSIDERS, label="other consortium"),
    *consortium_page("plc_platform:consortium_flows"),
    *consortium_page("plc_platform:consortium_flows_csv"),
    *consortium_page("plc_platform:network_exchange"),
    *consortium_page("plc_platform:network_exchange_csv"),
    *consortium_page("overview:consortium"),
    *consortium_page("overview:consortium_csv"),
    *consortium_page("plc_platform:what_works", statuses(200)),
]
