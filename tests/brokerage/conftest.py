import pytest

from .helpers import area, locate


@pytest.fixture
def desk(world):
    """The world with places on the map: school 1 (which asks) and, 10 km and 20 km away, schools 2
    and 3; literacy and numeracy of the consortium."""
    locate(world.school_1, 310000, 190000, local_authority="Newport")
    locate(world.school_2, 310000, 200000, local_authority="Newport")
    locate(world.school_3, 330000, 190000, local_authority="Cardiff")
    world.literacy = area(world.consortium, "Literacy")
    world.numeracy = area(world.consortium, "Numeracy")
    return world
