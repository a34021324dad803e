"""WSGI entry point: ``flask --app wsgi run`` or ``gunicorn wsgi:app``."""
from factcheck.startup import checked_app

app = checked_app()
