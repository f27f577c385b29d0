/** An entry with its standard competition rank: equal points share a rank (1, 1, 3). */
export type Ranked<T> = T & { rank: number };

/**
 * Orders by points (highest first), then by `tieBreak` (e.g. who shared first) so the order is stable,
 * and gives tied entries the same rank. Keeps at most `limit` entries, but never cuts a tie in half:
 * entries tied with the last kept one are kept too.
 */
export function rankByPoints<T extends { points: number }>(items: readonly T[], tieBreak: (a: T, b: T) => number, limit = Infinity): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => b.points - a.points || tieBreak(a, b));
  const out: Ranked<T>[] = [];
  for (const [i, item] of sorted.entries()) {
    const prev = out[i - 1];
    const rank = prev && prev.points === item.points ? prev.rank : i + 1;
    if (i >= limit && (!prev || prev.points !== item.points)) break;
    out.push({ ...item, rank });
  }
  return out;
}
