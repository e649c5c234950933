"""django-tasks-db's ``db_worker`` that outlives the database going away.

The library's worker ends with an unhandled ``OperationalError`` when the database stops
(issue 17): letters published afterwards then wait for their PDF until someone restarts it.
This one logs the loss, waits with a capped exponential back-off, checks the database
answers, and carries on. A task cut off by the outage (marked running, never finished) is
put back in the queue, and so is a task that failed because the database went away: the
worker that claimed it is this one and it runs one task at a time.

It replaces the library's command of the same name because ``mutasi`` comes before
``django_tasks_db`` in INSTALLED_APPS; every option of the library's command stays.
"""

import logging
import time

from django.db import DEFAULT_DB_ALIAS, connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from mutasi.lib.outage import DATABASE_AWAY, connection_lost

logger = logging.getLogger("mutasi.worker")


class Worker(db_worker.Worker):
    """The library's worker, run again after a lost connection instead of ending."""

    first_delay = 1.0
    max_delay = 60.0

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current_task_id = None

    def run(self) -> None:
        delay = self.first_delay
        while self.running:
            try:
                return super().run()
            except DATABASE_AWAY as error:
                if self.batch:
                    raise
                logger.warning(
                    "db_worker %s: database unavailable (%s); retrying in %.0f s",
                    self.worker_id,
                    str(error).strip().splitlines()[0] if str(error).strip() else error,
                    delay,
                )
            self._close_connections()
            self.sleep(delay)
            if self._database_answers():
                logger.warning("db_worker %s: database available again", self.worker_id)
                self._requeue_interrupted_task()
                delay = self.first_delay
            else:
                delay = min(delay * 2, self.max_delay)
        return None

    def run_task(self, db_task_result) -> None:
        self.current_task_id = db_task_result.pk
        record_failure = db_task_result.set_failed

        def set_failed(error):
            # A task that failed because the database went away is not a failed task: the
            # outage goes up to run(), which queues it again once the database is back.
            if connection_lost(error):
                raise error
            record_failure(error)

        db_task_result.set_failed = set_failed
        super().run_task(db_task_result)
        # Reached only once its result is saved: a save that failed leaves it set.
        self.current_task_id = None

    def sleep(self, seconds: float) -> None:
        # SIGTERM or SIGINT during the wait ends the process (the library's handler exits
        # when no task runs).
        time.sleep(seconds)

    def _close_connections(self) -> None:
        for conn in connections.all(initialized_only=True):
            try:
                conn.close()
            except DATABASE_AWAY:
                # Closing a broken connection may fail too; Django forgets it either way.
                conn.connection = None

    def _database_answers(self) -> bool:
        try:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except DATABASE_AWAY:
            self._close_connections()
            return False

    def _requeue_interrupted_task(self) -> None:
        if self.current_task_id is None:
            return
        try:
            requeued = DBTaskResult.objects.filter(
                pk=self.current_task_id, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY, started_at=None)
        except DATABASE_AWAY:
            return  # the next round tries again
        if requeued:
            logger.warning(
                "db_worker %s: task %s was cut off by the outage and is queued again",
                self.worker_id,
                self.current_task_id,
            )
        self.current_task_id = None


class Command(db_worker.Command):
    help = (
        "Menjalankan tugas latar belakang (PDF SK, e-mail); bila basis data terputus, "
        "menunggu dan mencoba lagi, tidak berhenti."
    )

    def handle(self, *args, **options):
        # The library builds its Worker inside handle(): swap the class for this call.
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
