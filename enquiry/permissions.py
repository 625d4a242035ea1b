"""Who may see and do what with enquiries: the `visible_to` scope and `rules` predicates.

Reading: an enquiry is always visible to its owner, its co-enquirers and its critical friends.
Once shared it is visible, as far as it was shared, to
- school: the people with a role in its school (staff and school lead);
- network: the people who can see its network (its members, its schools' staff, its
  consortium's staff);
- consortium: anyone with a role anywhere in the consortium of its school;
- public: everyone, signed out too.
Operators (superusers) see everything shared, never what is private. Everything is one Q built
from the person's memberships (read once per request), so a list costs a fixed number of queries.

Views load enquiries only through `Enquiry.objects.visible_to(user)`: one out of reach is a 404.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from networks.models import Network
from networks.permissions import consortium_ids_for, is_consortium_staff, is_superuser, school_ids_for

from .models import Collaborator, CollaboratorRole, Sharing

OWNER = "owner"


def visible_enquiry_filter(user) -> Q:
    public = Q(sharing=Sharing.PUBLIC)
    if not user.is_authenticated:
        return public
    invited = Q(owner=user) | Q(pk__in=Collaborator.objects.filter(user=user).values("enquiry_id"))
    if user.is_superuser:
        return invited | ~Q(sharing=Sharing.PRIVATE)
    return (
        public
        | invited
        | Q(sharing=Sharing.SCHOOL, school_id__in=school_ids_for(user))
        | Q(sharing=Sharing.NETWORK, network_id__in=Network.objects.visible_to(user).values("pk"))
        | Q(sharing=Sharing.CONSORTIUM, school__consortium_id__in=consortium_ids_for(user))
    )


def role_on(user, enquiry) -> str | None:
    """ "owner", "co_enquirer", "critical_friend" or None: read once per person and enquiry object."""
    if not user.is_authenticated:
        return None
    if enquiry.owner_id == user.pk:
        return OWNER
    cache = enquiry.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        cache[user.pk] = Collaborator.objects.filter(enquiry=enquiry, user=user).values_list("role", flat=True).first()
    return cache[user.pk]


@rules.predicate
def is_owner(user, enquiry):
    return role_on(user, enquiry) == OWNER


@rules.predicate
def is_co_enquirer(user, enquiry):
    return role_on(user, enquiry) == CollaboratorRole.CO_ENQUIRER


@rules.predicate
def is_invited(user, enquiry):
    return role_on(user, enquiry) is not None


@rules.predicate
def is_shared_in_readers_consortium(user, enquiry):
    """A colleague of the same consortium reading a shared enquiry may act as a critical friend."""
    return enquiry.sharing != Sharing.PRIVATE and enquiry.school.consortium_id in consortium_ids_for(user)


# Co-enquirers work on it with the owner; only the owner shares it, invites people or deletes it.
rules.add_perm("enquiry.change_enquiry", is_owner | is_co_enquirer)
rules.add_perm("enquiry.manage_enquiry", is_owner)
rules.add_perm("enquiry.comment_on_enquiry", rules.is_authenticated & (is_invited | is_shared_in_readers_consortium))
# The consortium's list of approaches enquirers tag is its staff's to edit.
rules.add_perm("enquiry.change_approaches", is_superuser | is_consortium_staff)
