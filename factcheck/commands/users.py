"""``flask users``: create accounts and issue API tokens."""
import sys

import click

from ..auth.services import AccountError, create_user, find_user, issue_api_token
from ..extensions import db
from ..models import Role

ROLE_NAMES = [r.value for r in Role]


@click.group("users")
def users_group():
    """Manage user accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLE_NAMES), default="reviewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--name", "display_name", default=None, help="Name shown in the interface.")
def create(email: str, role: str, password_stdin: bool, display_name: str | None):
    """Create a user with EMAIL and a role."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email, password, Role(role), display_name=display_name)
    except AccountError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")


@users_group.command("token")
@click.argument("email")
def token(email: str):
    """Print a new API token for EMAIL (the previous one stops working)."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No user with the email {email}.")
    value = issue_api_token(user)
    db.session.commit()
    click.echo(value)
