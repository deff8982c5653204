#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Run in a checkout without DJANGO_SETTINGS_MODULE (a developer's, or a tool's such as
`makemigrations --check`), it is development: DEBUG is on unless `.env` or the environment says
otherwise. A deployment sets DJANGO_SETTINGS_MODULE (the image does) and keeps DEBUG off, where
the settings refuse a missing or public SECRET_KEY (README, "Production").
"""

import os
import sys
from pathlib import Path


def main():
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        import environ

        environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)
        os.environ.setdefault("DEBUG", "true")
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.base"
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # Load the settings here so that their own error (e.g. the SECRET_KEY refusal) is what an
    # operator reads, not the "Models aren't loaded yet" Django reports after swallowing it.
    settings.INSTALLED_APPS  # noqa: B018
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
