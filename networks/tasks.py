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


@shared_task
def send_notices_batch(limit: int | None = 100) -> int:
    """Send up to `limit` due notices (None: all). Enqueue several to send from several workers;
    they claim rows with SKIP LOCKED, so they never send the same notice."""
    from . import notice_services

    return notice_services.notices_send_due(limit=limit)
