from celery import shared_task

from . import services


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    services.invitation_send_email(invitation_id=invitation_id)


@shared_task
def sweep_notices() -> None:
    """Open and close rounds that are due, create the notices owed, and send them."""
    from . import notice_services

    notice_services.notices_sweep()
