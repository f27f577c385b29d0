import { writeFileSync } from "node:fs";
import type { Reporter, SerializedError, TestModule } from "vitest/node";

/**
 * The closing lines of the test command (README, CI): each failed test and each unhandled error with its
 * message and the top of its stack, then one plain "N passed, N failed, N skipped, N unhandled errors" line.
 * Printed last so that a CI log cut to its tail still says what went wrong. Also writes the counts to
 * .tmp/test-summary.json, which scripts/test.sh checks (no test ran = failure).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const lines: string[] = [];
    for (const m of testModules) {
      for (const error of m.errors()) lines.push(`FAILED FILE ${m.relativeModuleId}: ${firstLines(error)}`);
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") {
          failed++;
          lines.push(`FAILED ${m.relativeModuleId} > ${test.fullName}: ${firstLines(test.result().errors?.[0])}`);
        } else skipped++;
      }
    }
    for (const error of unhandledErrors) lines.push(`UNHANDLED ERROR: ${firstLines(error)}`);
    const counts = { passed, failed, skipped, unhandledErrors: unhandledErrors.length, files: testModules.length };
    writeFileSync(".tmp/test-summary.json", JSON.stringify(counts));
    if (lines.length) console.log(`\n${lines.join("\n")}`);
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped, ${unhandledErrors.length} unhandled errors (${testModules.length} files)`);
  }
}

function firstLines(error: SerializedError | undefined): string {
  if (!error) return "(no error recorded)";
  const stack = (error.stack ?? "").split("\n").slice(1, 6).join("\n");
  return `${error.name ?? "Error"}: ${error.message}${stack ? `\n${stack}` : ""}`;
}
