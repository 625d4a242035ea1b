"""The copy of a person's data covers every field in the platform that points at a person: walk
the model graph and fail when a model's field to the user model is missing from the export."""

from django.apps import apps
from django.contrib.auth import get_user_model

from plc_platform.privacy import PERSONAL_RELATIONS


def fields_pointing_at_people() -> set[tuple[str, str]]:
    user_model = get_user_model()
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is user_model
    }


def test_every_field_pointing_at_a_person_is_in_the_export():
    covered = {(label, field) for label, field, _title in PERSONAL_RELATIONS}
    missing = fields_pointing_at_people() - covered
    assert not missing, f"Add these to plc_platform.privacy.PERSONAL_RELATIONS: {sorted(missing)}"


def test_the_export_names_no_field_that_does_not_exist():
    assert {(label, field) for label, field, _title in PERSONAL_RELATIONS} <= fields_pointing_at_people()


def test_the_walk_finds_the_fields_it_is_meant_to():
    """So the test above cannot pass by finding nothing."""
    found = fields_pointing_at_people()
    assert ("enquiry.Enquiry", "owner") in found
    assert ("networks.Membership", "user") in found
    assert len(found) >= 40
