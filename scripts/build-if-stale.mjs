// `npm start` runs this before the bot: brings dist/ up to date with src/ only when something changed, so a
// restart with nothing changed starts at once. It transpiles with esbuild, file by file as tsc emits them
// (tsconfig has isolatedModules, so each file compiles alone, same output layout as `npm run build`), in well
// under a second; type errors are `npm run typecheck`'s job (and the test command's), not the start's.
// The Prisma client in src/generated/ is regenerated first when prisma/schema.prisma is newer than it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const at = (...p) => path.join(root, ...p);
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const generatedClient = at("src", "generated", "prisma", "client.ts");
if (mtime(generatedClient) < mtime(at("prisma", "schema.prisma"))) {
  const prisma = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const r = spawnSync(process.execPath, [prisma, "generate"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The stamp is written after a complete build: a build cut short leaves dist/ stale, and the next start redoes it.
const stamp = at("dist", ".build-stamp");
const inputs = Math.max(newest(at("src")), ...["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"].map((f) => mtime(at(f))));
if (mtime(stamp) < inputs) {
  const { build } = await import("esbuild");
  const entryPoints = readdirSync(at("src"), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name));
  await build({
    entryPoints,
    outdir: at("dist", "src"),
    outbase: at("src"),
    bundle: false,
    format: "esm",
    platform: "node",
    target: "node20.19",
    sourcemap: true,
    tsconfig: at("tsconfig.build.json"),
    logLevel: "warning",
  });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
