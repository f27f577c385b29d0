import type { PNG } from "pngjs";

/** A pixel differs when one of its channels differs by more than this (0..255). */
export const CHANNEL_TOLERANCE = 32;

/** Share of pixels whose largest channel difference exceeds the tolerance: reference-image tests allow a little. */
export function differingShare(actual: PNG, expected: PNG, tolerance = CHANNEL_TOLERANCE): number {
  let differing = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    let worst = 0;
    for (let c = 0; c < 4; c += 1) worst = Math.max(worst, Math.abs((actual.data[i + c] ?? 0) - (expected.data[i + c] ?? 0)));
    if (worst > tolerance) differing += 1;
  }
  return differing / (actual.width * actual.height);
}
