/**
 * The one font chart PNGs use: a Latin + Japanese subset of Noto Sans CJK JP shipped in assets/fonts
 * (see its README for provenance, coverage and licence). Rendering only with this file, never system
 * fonts, keeps PNGs identical across machines.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Family name inside the font file; SVG text must ask for exactly this. */
export const BUNDLED_FONT_FAMILY = "Noto Sans CJK JP";

const FONT_FILE = join("assets", "fonts", "NotoSansCJKjp-Regular-subset.otf");

let cachedPath: string | undefined;

/**
 * Absolute path of the bundled font. Walks up from this module because it runs both from src/ (tsx,
 * vitest) and from dist/src/ (build). Throws Error when the file is missing, i.e. a broken checkout.
 */
export function bundledFontPath(): string {
  if (cachedPath) return cachedPath;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, FONT_FILE);
    if (existsSync(candidate)) {
      cachedPath = candidate;
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error(`bundled chart font not found: ${FONT_FILE} above ${fileURLToPath(import.meta.url)}`);
}
