"""`rolefit …` and `python -m rolefit …`: Django's management commands for an installed
package, the same as `manage.py` in a checkout."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rolefit.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
