from networks.permissions import memberships_of


def navigation(request):
    """The consortia a person belongs to, for the main menu (from memberships already loaded)."""
    consortia = {}
    for m in memberships_of(request.user):
        consortium = m.consortium or (m.network.consortium if m.network_id else m.school.consortium)
        consortia[consortium.pk] = consortium
    return {"nav_consortia": sorted(consortia.values(), key=lambda c: c.name)}
