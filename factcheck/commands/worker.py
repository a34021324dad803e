"""``flask worker``: run the background extraction worker (needs REDIS_URL)."""
import click
from flask import current_app
from rq import Worker

from ..jobs import extraction_queue


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool):
    """Process long-document extraction jobs from Redis."""
    queue = extraction_queue(current_app)
    if queue is None:
        raise click.ClickException("Set REDIS_URL to run a worker (see README, Configuration).")
    Worker([queue], connection=queue.connection).work(burst=burst)
