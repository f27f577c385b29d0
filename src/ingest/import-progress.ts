import cliProgress from "cli-progress";
import type { ImportProgress } from "./import-csv.js";

export interface ProgressReporter {
  update(p: ImportProgress): void;
  stop(): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Import progress on stdout: a bar with rows/s on a terminal, plain lines (at most one every
 * `intervalMs`) when stdout is a file or pipe, so logs stay readable. When a staged import has read the whole
 * file and writes it (phase "applying"), the bar ends and `applying` says so on a line of its own.
 */
export function progressReporter(
  out: NodeJS.WriteStream,
  line: (p: { percent: number; rows: string; rate: string }) => string,
  applying: (p: { rows: string }) => string,
  intervalMs = 2000,
): ProgressReporter {
  const started = performance.now();
  const rate = (rows: number) => rows / Math.max(0.001, (performance.now() - started) / 1000);
  const percent = (p: ImportProgress) => (p.totalBytes > 0 ? Math.min(100, Math.floor((100 * p.bytes) / p.totalBytes)) : 0);

  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "{bar} {percentage}% | {rowsText} rows | {rateText} rows/s", hideCursor: true, stream: out, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let started_ = false;
    return {
      update(p) {
        if (p.phase === "applying") {
          if (started_) bar.stop();
          started_ = false;
          out.write(`${applying({ rows: fmt(p.rows) })}\n`);
          return;
        }
        const payload = { rowsText: fmt(p.rows), rateText: fmt(rate(p.rows)) };
        if (!started_) {
          bar.start(Math.max(1, p.totalBytes), p.bytes, payload);
          started_ = true;
        } else bar.update(p.bytes, payload);
      },
      stop() {
        if (started_) bar.stop();
      },
    };
  }
  let last = -Infinity;
  return {
    update(p) {
      if (p.phase === "applying") {
        out.write(`${applying({ rows: fmt(p.rows) })}\n`);
        return;
      }
      const now = performance.now();
      if (now - last < intervalMs && p.bytes < p.totalBytes) return;
      last = now;
      out.write(`${line({ percent: percent(p), rows: fmt(p.rows), rate: fmt(rate(p.rows)) })}\n`);
    },
    stop() {},
  };
}
