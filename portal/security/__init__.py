"""Security kernel: two-factor login, recovery codes, the audit log's reading side, lockouts.

The login hooks (login_hooks.py) are connected by PortalConfig.ready(): once per login,
whether the new session must pass a second factor (`two_factor.on_user_logged_in`), the
session's clocks and whether its password has expired (`sessions.on_user_logged_in`); and a
failed sign-in is written to the audit log (`audit_events`).
"""
