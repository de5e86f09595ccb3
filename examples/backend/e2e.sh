#!/usr/bin/env bash
# The example backend's checks, one entry for .ci/run:
#
#   bash examples/backend/e2e.sh
#
# 1. Debian's chromium (and a CJK font, for readable screenshots) with apt, when missing,
#    non-interactively; if they cannot be installed the step fails (nothing is skipped);
# 2. the page (examples/frontend/build/web/page.js) when it is missing or older than
#    page.ts (bash examples/frontend/check.sh builds it with the generated types);
# 3. mypy --strict on the example (the project's mypy covers src and tests only);
# 4. pytest examples/backend/tests: the store, the app (TestClient) and the end-to-end
#    tests in headless Chromium (Playwright, executable_path; screenshots in build/e2e/).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

step() { printf '== %s\n' "$*"; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q "ok installed" \
  || missing+=(fonts-wqy-microhei)
if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "cannot install ${missing[*]}: no apt-get; install chromium by hand" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  started=$SECONDS
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
  echo "installed in $((SECONDS - started)) s"
fi
# (Debian's wrapper script prints a harmless test error on stderr: hidden.)
chromium --version 2>/dev/null

page="examples/frontend/build/web/page.js"
if [[ ! -f "$page" || "examples/frontend/page.ts" -nt "$page" ]]; then
  step "build the page (examples/frontend/check.sh)"
  bash examples/frontend/check.sh
fi

step "mypy --strict examples/backend"
MYPYPATH=examples/backend uv run --quiet --group backend mypy examples/backend

step "pytest examples/backend/tests (store, app, headless Chromium)"
uv run --quiet --group backend pytest examples/backend/tests --no-cov -p no:cacheprovider -n0 -q

step "example backend: ok (screenshots in build/e2e/)"
