#!/usr/bin/env bash
# Rewrites tests/golden/ from the current templates and generator: run it after
# a change that alters generated code, and commit the diff with the change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "${FALCOGEN_PYTHON:-/usr/bin/python3}" "$root/tests/golden/golden.py" --update
