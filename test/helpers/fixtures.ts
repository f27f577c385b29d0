import { fileURLToPath } from "node:url";

/**
 * The CDNOW 1/10 sample (public data, Fader, Hardie and Lee 2005), kept in the repository so a fresh clone runs
 * every test: test/fixtures/cdnow/README.md says what it holds and the published reference values.
 */
export const CDNOW_SAMPLE = fileURLToPath(new URL("../fixtures/cdnow/cdnow_sample.txt", import.meta.url));
