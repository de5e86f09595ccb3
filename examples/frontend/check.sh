#!/usr/bin/env bash
# The front-end contract check (issue 10, deliverable 7), one entry for .ci/run:
#
#   bash examples/frontend/check.sh
#
# 1. npm ci: the pinned json-schema-to-typescript, typescript, ajv, ajv-formats
#    (package-lock.json; the npm cache is used when it has them);
# 2. scripts/contract.py writes build/schoollogistics.schema.json (the bundle),
#    build/ledger.json (an exported event log) and build/violations.json;
# 3. json-schema-to-typescript generates build/schoollogistics.d.ts;
# 4. tsc --strict --noEmit compiles app.ts against it;
# 5. tsc --strict compiles page.ts (the storeroom clerk's page, with the DOM) against it,
#    to build/web/page.js, which examples/backend serves;
# 6. node validate.mjs checks the exported documents with ajv (draft 2020-12).
# Exits non-zero at the first failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

step() { printf '== %s\n' "$*"; }

step "npm ci"
npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error

step "bundle and exported ledger (Python)"
rm -rf build
(cd "$root" && uv run --quiet python scripts/contract.py "$here/build")

step "TypeScript declarations (json-schema-to-typescript)"
npm run --silent types

step "tsc --strict --noEmit app.ts"
npm run --silent compile

step "tsc --strict page.ts -> build/web/page.js (the page examples/backend serves)"
npm run --silent page

step "ajv: exported ledger against the bundle"
npm run --silent validate

step "front-end contract: ok"
