"""Accounts: sign-in, roles, API tokens."""
