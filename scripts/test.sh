#!/usr/bin/env bash
# The one test command (README and CI): installs dependencies, makes sure a PostgreSQL server is there
# (installing it from Debian packages when missing), then type-checks and runs the whole suite against
# embedded PGlite and the server.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== installing npm packages"
npm ci --no-audit --no-fund
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "== preparing PostgreSQL server"
  TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh | tail -1)"
  export TEST_DATABASE_URL
fi
echo "== generating Prisma client"
npm run --silent generate
echo "== type-checking"
npx tsc -p tsconfig.json --noEmit
echo "== running tests (PGlite and PostgreSQL server)"
REQUIRE_POSTGRES_TESTS=1 npx vitest run "$@"
