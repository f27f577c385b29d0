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
echo "== checking formatting and lint rules (Biome)"
npx biome ci
echo "== type-checking"
npx tsc -p tsconfig.json --noEmit
echo "== running tests (PGlite and PostgreSQL server)"
mkdir -p .tmp && rm -f .tmp/test-summary.json
status=0
REQUIRE_POSTGRES_TESTS=1 npx vitest run --reporter=default --reporter=./test/reporters/summary.ts "$@" || status=$?
# The summary reporter printed the counts last; fail when no test ran at all (e.g. a broken config).
node -e '
  const s = JSON.parse(require("fs").readFileSync(".tmp/test-summary.json", "utf8"));
  if (s.passed + s.failed === 0) { console.error("no test ran"); process.exit(1); }
  if (s.failed || s.unhandledErrors) process.exit(1);
' || status=1
exit $status
