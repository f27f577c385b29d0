import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A temporary folder for the CSV files one test file writes; remove() deletes it. */
export function csvFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), "rd-ingest-"));
  let n = 0;
  return {
    dir,
    /** Writes `lines` (joined with \n) to a new file and returns its path. */
    write(lines: string[], name = `f${++n}.csv`): string {
      const file = path.join(dir, name);
      writeFileSync(file, `${lines.join("\n")}\n`);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
