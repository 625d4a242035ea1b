"""Each network's data version: a number in the cache that every write changing what the network's
dashboard shows moves on, so that anything kept ready for the network (plc_platform.dashboard's
panels, keyed by it) is never shown after the data under it has changed.

What is watched (`watch`, `watch_m2m`) is declared once, where the panels are
(plc_platform.dashboard_cache.watch_what_the_dashboard_shows, from plc_platform's `apps.py`: the
top app may name every app's models); a write that bypasses the model's signals (`QuerySet.update`,
`bulk_create`, `bulk_update`, SQL) calls `network_data_changed` itself, in its own app.

The version moves twice: at once, so a read later in the same transaction (and a test, whose
transaction never commits) sees the change; and again once the transaction commits, since a
reader elsewhere may have read the moved version with the data still uncommitted and kept what
it read under it. A version starts from the clock (nanoseconds), so one that the cache has lost
restarts above every number it had reached, and what was kept under those numbers is never read.
The keys carry the database's name: two databases (the test suite's workers) sharing one Redis
never read each other's versions.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_init, post_save, pre_delete


def cache_namespace() -> str:
    """What every key kept for this database starts with."""
    return f"plc:{connection.settings_dict['NAME']}"


def _key(network_id: int) -> str:
    return f"{cache_namespace()}:network-data:{network_id}"


def network_data_version(network_id: int) -> int:
    """The network's data version now (one cache read; two more the first time)."""
    key = _key(network_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def _bump(network_ids: Iterable[int]) -> None:
    for network_id in network_ids:
        key = _key(network_id)
        try:
            cache.incr(key)
        except ValueError:  # never read, or lost: start from the clock
            cache.add(key, time.time_ns(), timeout=None)


class _OnCommit:
    """The networks a transaction changed, bumped once when it commits (one callback for the
    transaction, however many writes)."""

    def __init__(self):
        self.network_ids: set[int] = set()

    def __call__(self):
        _bump(self.network_ids)


def _pending() -> _OnCommit | None:
    """The callback queued at this level of savepoints, if one still is (rolling a savepoint back
    drops what was queued inside it)."""
    here = set(connection.savepoint_ids)
    for savepoints, func, _robust in connection.run_on_commit:
        if isinstance(func, _OnCommit) and savepoints == here:
            return func
    return None


def network_data_changed(network_ids: Iterable[int | None]) -> None:
    """The data of these networks changed: move their versions now and when the transaction commits."""
    ids = {network_id for network_id in network_ids if network_id}
    if not ids:
        return
    _bump(ids)
    if not connection.in_atomic_block:
        return  # autocommit: the write is already committed
    pending = _pending()
    if pending is None:
        pending = _OnCommit()
        transaction.on_commit(pending)
    pending.network_ids |= ids


def network_ids_along(instance, path: str) -> list[int]:
    """The ids at the end of `path` (a lookup such as "activity__network" or
    "school__network_schools__network") from `instance`: read from the instance and its cached
    relations where they hold them, else with one query."""
    obj, parts = instance, path.split("__")
    for i, name in enumerate(parts):
        field = obj._meta.get_field(name)
        last = i == len(parts) - 1
        if field.many_to_one or (field.one_to_one and field.concrete):
            if last:
                return [getattr(obj, field.attname)]
            if field.is_cached(obj):
                obj = getattr(obj, name)
                if obj is None:
                    return []
                continue
            related_id = getattr(obj, field.attname)
            if related_id is None:
                return []
            rest = "__".join(parts[i + 1 :])
            return list(field.related_model._base_manager.filter(pk=related_id).values_list(rest, flat=True))
        if last and getattr(field, "primary_key", False):  # a reverse relation has none
            return [obj.pk]
        rest = "__".join(parts[i:])
        return list(type(obj)._base_manager.filter(pk=obj.pk).values_list(rest, flat=True))
    return []


def watch(model, *paths: str, deletes: bool = True, moves: str = "") -> None:
    """Move the data version of the networks each of `paths` leads to from a `model` row, whenever
    one is saved or deleted. `deletes=False` for rows that go only with a parent that is watched
    (its deletion bumps), so that deleting the parent stays one DELETE for them. `moves`: a
    foreign key to the network that a save may change; the network it held when the row was
    loaded is bumped too."""

    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return  # loaddata
        ids = [n for path in paths for n in network_ids_along(instance, path)]
        if moves:
            ids.append(instance.__dict__.get(LOADED_NETWORK))
        network_data_changed(ids)

    uid = f"network-data:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    if deletes:
        # Before the row goes, while the paths can still be followed; the version moves again on commit.
        pre_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    if moves:
        attname = model._meta.get_field(moves).attname

        def loaded(sender, instance, **kwargs):
            instance.__dict__[LOADED_NETWORK] = instance.__dict__.get(attname)

        post_init.connect(loaded, sender=model, weak=False, dispatch_uid=uid)


LOADED_NETWORK = "_network_data_loaded_network_id"


def watch_m2m(through, *paths: str) -> None:
    """Move the data version when the links of a many-to-many field (`through`) change: the
    networks `paths` lead to from the row whose links changed (from either side; clearing from
    the far side, which nothing here does, is not watched)."""

    def changed(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        rows = model._base_manager.filter(pk__in=pk_set or ()) if reverse else [instance]
        network_data_changed(n for row in rows for path in paths for n in network_ids_along(row, path))

    m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"network-data:{through._meta.label}")
