from celery import shared_task

from . import services


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    services.invitation_send_email(invitation_id=invitation_id)
