"""What the commands report to the command line: user errors and exit codes.

A module of its own so that the commands (scaffold, ...) and cli.py, which
runs them, both import it: the commands never import the command line.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1  # a user mistake: bad manifest, stale files with --check, ...
EXIT_USAGE = 2  # argparse's own code for bad arguments


class UserError(Exception):
    """A problem the user can fix; printed as one line, never a traceback."""
