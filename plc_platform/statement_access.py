"""Who may write, publish and share a network's statement of account, and who may read it.

Its leaders and co-leaders and the consortium's staff write drafts, publish and share them. Anyone
who can see the network reads its published statements; drafts stay with their writers.
"""

from __future__ import annotations

import rules

from networks.permissions import is_consortium_staff, is_network_leader


@rules.predicate
def writes_for_network(user, network):
    return network is not None and (is_network_leader(user, network) or is_consortium_staff(user, network))


@rules.predicate
def statement_writer(user, statement):
    return statement is not None and writes_for_network(user, statement.network)


@rules.predicate
def statement_published(user, statement):
    return statement is not None and statement.is_published


rules.add_perm("plc_platform.write_statement", rules.is_superuser | writes_for_network)
rules.add_perm("plc_platform.change_statement", rules.is_superuser | statement_writer)
rules.add_perm("plc_platform.read_statement", rules.is_superuser | statement_writer | statement_published)
