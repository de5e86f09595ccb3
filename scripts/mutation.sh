#!/usr/bin/env bash
# Mutation testing of the guard, policy and audit modules and core/money.py (not part of CI).
# Usage: bash scripts/mutation.sh [--threshold 90] [src/schoollogistics/<area>/_rules.py ...]
set -euo pipefail
cd "$(dirname "$0")/.."
exec uv run --group mutation python scripts/mutation.py "$@"
