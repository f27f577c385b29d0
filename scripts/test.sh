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
mkdir -p .tmp
status=0
REQUIRE_POSTGRES_TESTS=1 npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json "$@" || status=$?
# A plain closing line with the counts, and a failure when no test ran at all.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-results.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' || status=1
exit $status
