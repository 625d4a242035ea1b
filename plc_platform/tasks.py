from celery import shared_task


@shared_task
def build_data_export(export_id: int) -> None:
    from .privacy import data_export_build

    data_export_build(export_id=export_id)


@shared_task
def purge_expired() -> None:
    """Daily: records past their retention period (plc_platform.retention)."""
    from networks.sweeps import sweep_recorded

    from .retention import retention_purge

    with sweep_recorded(purge_expired.name):
        retention_purge()
