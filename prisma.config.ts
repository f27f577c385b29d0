// Prisma CLI configuration: migrations run through the WASM schema engine and a driver adapter,
// so nothing is downloaded. The same store as the app: DATABASE_URL (PostgreSQL server) or PGlite in DATA_DIR.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { openCliAdapter } from "./src/db/cli-adapter.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => openCliAdapter(process.env),
});
