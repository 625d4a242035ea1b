from celery import shared_task

from . import services


@shared_task
def send_activity_email(activity_id: int, user_id: int, kind: str) -> None:
    """Tell one person about an activity (invited, role, changed, cancelled, removed)."""
    services.activity_send_email(activity_id=activity_id, user_id=user_id, kind=kind)


@shared_task
def send_costs_to_approve_email(activity_id: int, school_id: int) -> None:
    """Tell a school's leads that costs of an activity wait for their approval."""
    services.costs_send_approval_email(activity_id=activity_id, school_id=school_id)
