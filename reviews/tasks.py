from celery import shared_task


@shared_task
def sweep_notices() -> None:
    """Open and close rounds that are due, create the notices owed, and send them."""
    from networks.sweeps import sweep_recorded

    from . import notices

    with sweep_recorded(sweep_notices.name):
        notices.notices_sweep()


@shared_task
def send_notices_batch(limit: int | None = 100) -> int:
    """Send up to `limit` due notices (None: all). Enqueue several to send from several workers;
    they claim rows with SKIP LOCKED, so they never send the same notice."""
    from . import notices

    return notices.notices_send_due(limit=limit)
