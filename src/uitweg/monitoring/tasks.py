"""Background tasks of monitoring (django-tasks, the database queue "estimates"; ADR 0076)."""

from django_tasks import task

from . import estimates


@task(backend="estimates")
def run_estimate(run_id: int) -> None:
    estimates.execute(run_id)
