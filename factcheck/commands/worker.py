"""``flask worker``: run the background extraction worker (needs REDIS_URL)."""
import gc
import logging

import click
from flask import current_app
from redis import Redis

from ..jobs import ExtractionWorker, extraction_queue
from ..logs import use_json
from ..preload import warm_models


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool):
    """Process long-document extraction jobs from Redis (retries run on schedule)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("Set REDIS_URL to run a worker (see README, Configuration).")
    # The worker's own connection keeps redis-py's retries: it must ride out a Redis restart.
    queue = extraction_queue(current_app, connection=Redis.from_url(url))
    if current_app.config.get("LOG_FORMAT") == "json":
        use_json(logging.getLogger("rq"))  # RQ adds its text handlers only where none is set
    warm_models()  # before the first work-horse is forked: each one starts with them loaded
    gc.freeze()  # and shares their pages: its collections neither walk nor copy them
    ExtractionWorker([queue], connection=queue.connection).work(burst=burst,
                                                                with_scheduler=True)
