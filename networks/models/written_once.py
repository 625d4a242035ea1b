"""Rows written once and never changed afterwards (the audit trail): one guard for the model and
its QuerySet, so no path through the ORM changes or deletes such a row."""

from __future__ import annotations

from django.db import models


class WrittenOnceQuerySet(models.QuerySet):
    """`update()` and `delete()` refuse, with the model's `written_once_error`."""

    def update(self, **kwargs):
        raise self.model.written_once_error(self.model.change_refused)

    def delete(self):
        raise self.model.written_once_error(self.model.delete_refused)


class WrittenOnce(models.Model):
    """A model whose rows are added and then left alone: `save()` of an existing row and `delete()`
    raise `written_once_error` (with `change_refused` or `delete_refused`). Pair it with a manager
    from WrittenOnceQuerySet for the bulk paths."""

    written_once_error: type[Exception] = Exception
    change_refused = "This record cannot be changed."
    delete_refused = "This record cannot be deleted."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.written_once_error(self.change_refused)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.written_once_error(self.delete_refused)
