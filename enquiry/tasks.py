from celery import shared_task

from . import services


@shared_task
def send_comment_email(comment_id: int) -> None:
    """Tell an enquiry's owner about a critical friend's comment (enqueued on commit)."""
    services.comment_send_email(comment_id=comment_id)
