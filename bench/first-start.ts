/**
 * First start and restart of the real process, as a new user runs it. The working tree's files (what git would
 * commit: tracked and new, not ignored) are copied to a fresh directory with this checkout's node_modules linked in,
 * which is the state right after `npm install` in a fresh clone: no dist/, no generated Prisma client, no data.
 * Then `npm start` runs there against a fake Slack on loopback, and each figure is the time from spawning it until
 * GET /healthz answers 200 (the process is stopped with SIGTERM between runs):
 *
 *   first start   fresh copy, empty embedded store (PGlite): client generated, TypeScript built, store created
 *                 and migrated
 *   restart       the same copy again, nothing changed
 *
 * Baseline, measured in the same run on a second fresh copy: the old path, `npm run build` (prisma generate and
 * tsc) + `prisma migrate deploy` (the CLI) + the bot, for a first start and a restart. Goals (issue #15): a restart
 * healthy in under 5 s, a first start in under 20 s. The load average is printed: on a shared machine it moves
 * every figure.
 * Run alone: npm run bench -- first-start   (or npx tsx bench/first-start.ts; BENCH_FIRST_START_OLD=0 skips
 * the baseline)
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { FakeSlack } from "../test/slack/fake-slack.js";

const root = path.resolve(import.meta.dirname, "..");
const GOALS = { first: 20, restart: 5 };
/** Bounded: a start that is not healthy by then is reported as failed. */
const START_LIMIT_MS = 300_000;

interface Start {
  /** Spawn to GET /healthz 200, seconds. */
  healthy: number;
  /** CPU seconds (user + system) the started processes used until then: what the start costs, whatever the load. */
  cpu: number;
  /** Spawn to each of the bot's log messages, seconds (first occurrence). */
  marks: Map<string, number>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * CPU seconds used by the processes of group `pgid` (Linux /proc): each live one's own time plus the time of its
 * children that already ended (npm's prisma generate, esbuild).
 */
function groupCpuSeconds(pgid: number): number {
  // Fields after the command name (in parentheses, may hold spaces): state ppid pgrp ... utime(14) stime cutime cstime.
  const ticks = groupStats(pgid).reduce((sum, f) => sum + Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]), 0);
  return ticks / CLOCK_TICKS;
}

/** The /proc/<pid>/stat fields (from the state on) of each live process in group `pgid`, zombies excepted. */
function groupStats(pgid: number): string[][] {
  const found: string[][] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) === pgid && f[0] !== "Z") found.push(f);
  }
  return found;
}

/** Waits (bounded) until every process of group `pgid` has ended: a shell may exit before the bot it started. */
async function groupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (groupStats(pgid).length) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** A fresh copy of the project as a clone has it, with node_modules as `npm install` left it. */
function freshCopy(dir: string): string {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) {
    const to = path.join(dir, f);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      copyFileSync(path.join(root, f), to);
    } catch (e) {
      // A file deleted in the working tree but still tracked: a clone of the commit-to-be has it not either.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs `command` in `cwd` until the bot it starts answers /healthz, then stops it with SIGTERM. */
async function timeStart(cwd: string, command: string[], env: NodeJS.ProcessEnv, port: number): Promise<Start> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  // Its own process group: npm, the shell it runs and the bot all get the SIGTERM, as from Ctrl-C.
  const child: ChildProcess = spawn(command[0]!, command.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const marks = new Map<string, number>();
  let out = "";
  let pending = "";
  child.stdout!.on("data", (d) => {
    out += d;
    pending += d;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const msg = /"msg":"([^"]+)"/.exec(line)?.[1];
      if (msg && !marks.has(msg)) marks.set(msg, seconds());
    }
  });
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  let healthy = 0;
  let cpu = 0;
  try {
    while (!healthy) {
      if (seconds() * 1000 > START_LIMIT_MS) throw new Error(`not healthy after ${START_LIMIT_MS / 1000} s:\n${out.slice(-3000)}`);
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was healthy:\n${out.slice(-3000)}`);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (res?.status === 200) {
        healthy = seconds();
        cpu = groupCpuSeconds(child.pid!);
      } else await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))]);
    if (!(await groupGone(child.pid!, 60_000))) {
      process.kill(-child.pid!, "SIGKILL");
      await groupGone(child.pid!, 10_000);
    }
  }
  return { healthy, cpu, marks };
}

const s = (x: number | undefined) => (x === undefined ? "   -  " : `${x.toFixed(1).padStart(5)} s`);
const load = () => os.loadavg()[0]!.toFixed(1);

function phases(r: Start): string {
  const migrating = r.marks.get("applying database migrations");
  const migrated = r.marks.get("database migrations applied") ?? r.marks.get("database schema is up to date");
  return `build and load ${s(migrating)}, migrations ${s(migrated !== undefined && migrating !== undefined ? migrated - migrating : undefined)}`;
}

export async function main() {
  const work = path.join(root, ".tmp", `bench-first-start-${process.pid}`);
  const fake = await new FakeSlack().start();
  try {
    const port = await freePort();
    const env = (dir: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_BOT_TOKEN: "xoxb-bench-first-start",
      SLACK_SIGNING_SECRET: "bench-first-start-secret",
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATA_DIR: path.join(dir, "data"),
      PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null",
    });
    process.stdout.write(`load average ${load()} (${os.cpus().length} cores), Node ${process.version}\n`);

    const app = freshCopy(path.join(work, "new"));
    const first = await timeStart(app, ["npm", "start", "--silent"], env(app), port);
    const restart = await timeStart(app, ["npm", "start", "--silent"], env(app), port);
    const line = (name: string, r: Start, goal: number) =>
      `${name.padEnd(12)} ${s(r.healthy)} to healthy (goal < ${goal} s: ${r.healthy < goal ? "met" : "MISSED"}), ${s(r.cpu)} CPU; ${phases(r)}\n`;
    process.stdout.write(line("first start", first, GOALS.first));
    process.stdout.write(line("restart", restart, GOALS.restart));
    process.stdout.write(`ratio restart/first start ${(restart.healthy / first.healthy).toFixed(2)}; load average ${load()}\n`);

    if (process.env.BENCH_FIRST_START_OLD !== "0") {
      const old = freshCopy(path.join(work, "old"));
      const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
      const oldPath = ["sh", "-c", `npm run --silent build && node ${prisma} migrate deploy >/dev/null && node dist/src/main.js`];
      const oldFirst = await timeStart(old, oldPath, env(old), port);
      const oldRestart = await timeStart(old, oldPath, env(old), port);
      process.stdout.write(
        `baseline, old path (npm run build + prisma migrate deploy + bot): first start ${s(oldFirst.healthy)} (${s(oldFirst.cpu)} CPU), restart ${s(oldRestart.healthy)} (${s(oldRestart.cpu)} CPU)\n`,
      );
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      process.stdout.write(
        `ratio new/old: first start ${ratio(first.healthy, oldFirst.healthy)} (CPU ${ratio(first.cpu, oldFirst.cpu)}), restart ${ratio(restart.healthy, oldRestart.healthy)} (CPU ${ratio(restart.cpu, oldRestart.cpu)}); load average ${load()}\n`,
      );
    }
  } finally {
    await fake.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
