// `npm run bench`: runs every benchmark in bench/ (or the ones named: `npm run bench -- kpi import`), one after the
// other so they do not compete for the two cores. Each prints its own figures and ratios against a baseline
// measured in the same run.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, ".ts")))
  .sort();

let failed = 0;
for (const f of files) {
  const name = path.basename(f, ".ts");
  process.stdout.write(`\n=== bench: ${name} ===\n`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { main?: () => Promise<unknown> };
    if (typeof mod.main !== "function") throw new Error(`${f} exports no main()`);
    await mod.main();
    process.stdout.write(`=== ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s ===\n`);
  } catch (e) {
    failed++;
    process.stdout.write(`=== ${name} FAILED: ${e instanceof Error ? e.stack : String(e)} ===\n`);
  }
}
process.exit(failed ? 1 : 0);
