"""Who may see the pages composed from several apps."""

import rules

from networks.permissions import is_consortium_staff, is_network_leader, is_superuser

# The knowledge-flow map and the reciprocity ledger name schools that only give or only receive:
# a prompt for those who broker, never a league table shown to members.
rules.add_perm("plc_platform.view_network_flows", is_superuser | is_network_leader | is_consortium_staff)
rules.add_perm("plc_platform.view_consortium_flows", is_superuser | is_consortium_staff)
# The consortium overview sets every network side by side: for those who broker between them.
rules.add_perm("plc_platform.view_consortium_overview", is_superuser | is_consortium_staff)
