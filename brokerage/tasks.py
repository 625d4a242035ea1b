from celery import shared_task


@shared_task
def send_digests() -> None:
    """Plan each consortium's digest for the period just ended and send what is owed (Celery beat)."""
    from networks.sweeps import sweep_recorded

    from . import digest_services

    with sweep_recorded(send_digests.name):
        digest_services.digests_sweep()


@shared_task
def send_digest_batch(limit: int | None = 100) -> int:
    """Send up to `limit` owed digests; several workers may run it at once (SKIP LOCKED)."""
    from . import digest_services

    return digest_services.digest_send_due(limit=limit)
