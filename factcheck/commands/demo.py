"""``flask demo``: a demo admin and a demo article, so a fresh install has something to show."""
import os
import secrets
from pathlib import Path

import click
from flask import current_app

from ..auth.services import create_user, find_user
from ..documents.services import ingest_text
from ..extensions import db
from ..models import Role

DEMO_EMAIL = "admin@demo.factcheck"
DEMO_ARTICLE = Path(__file__).with_name("demo_article_fr.txt")
DEMO_TITLE = "Budget régional : la hausse annoncée des aides agricoles passée au crible"


@click.command("demo")
def demo_command():
    """Create the demo admin (printing its credentials) and load the demo article."""
    password = _demo_password(Path(current_app.instance_path) / "demo-admin-password")
    user = find_user(DEMO_EMAIL)
    if user is None:
        user = create_user(DEMO_EMAIL, password, Role.ADMIN, display_name="Demo admin")
    document, created = ingest_text(DEMO_ARTICLE.read_text(encoding="utf-8"), DEMO_TITLE, user,
                                    publisher="La Gazette du Val (exemple)", language="fr")
    db.session.commit()
    state = "Loaded" if created else "Already had"
    click.echo(f"{state} the demo article: {len(document.claims)} claims, "
               f"/documents/{document.id}")
    click.echo(f"Demo admin: {DEMO_EMAIL} / {password}")


def _demo_password(path: Path) -> str:
    """One random password per instance, kept beside the database so it can be shown again."""
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password)
    return password
