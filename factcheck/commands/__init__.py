"""``flask`` CLI commands: thin wrappers over the services."""
from flask import Flask

from .corrections import corrections_group
from .datasets import export_command, import_command
from .demo import demo_command
from .ingest import ingest_command
from .jobs import jobs_group
from .tracking import tracking_group
from .users import users_group
from .worker import worker_command


def init_commands(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(users_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(ingest_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(jobs_group)
    app.cli.add_command(corrections_group)
    app.cli.add_command(tracking_group)
    app.cli.add_command(export_command)
    app.cli.add_command(import_command)
