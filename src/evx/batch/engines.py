"""Engines run tasks and hand back results in task order.

``local`` uses a pool of processes on this machine (one per core by default;
one worker runs in-process). ``dask`` submits tasks to a Dask cluster: an
existing one at ``--scheduler ADDRESS`` or a local one started for the run.
Both keep a bounded window of tasks in flight, so memory stays flat however
many documents there are, and both yield results in the order tasks were
planned: the records are the same, in the same order, whichever engine runs.
"""
from __future__ import annotations

import collections
import multiprocessing
import os
from typing import Callable, Iterable, Iterator

ENGINES = ("local", "dask")


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def map_local(func: Callable, tasks: Iterable, workers: int, window: int | None = None) -> Iterator:
    if workers <= 1:
        yield from map(func, tasks)
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    window = window or 4 * workers
    with context.Pool(workers, maxtasksperchild=2000) as pool:
        # Pool.imap would read the whole task iterator ahead; a bounded window keeps memory flat
        pending: collections.deque = collections.deque()
        for task in tasks:
            pending.append(pool.apply_async(func, (task,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def map_dask(func: Callable, tasks: Iterable, scheduler: str | None, workers: int,
             window: int | None = None) -> Iterator:
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler, set_as_default=False)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster, set_as_default=False)
    try:
        window = window or max(4, 4 * sum(client.nthreads().values()))
        pending: collections.deque = collections.deque()
        for task in tasks:
            pending.append(client.submit(func, task, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_ordered(engine: str, func: Callable, tasks: Iterable, workers: int | None = None,
                scheduler: str | None = None) -> Iterator:
    workers = workers or default_workers()
    if engine == "local":
        return map_local(func, tasks, workers)
    if engine == "dask":
        return map_dask(func, tasks, scheduler, workers)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


