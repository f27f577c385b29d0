import type { Db } from "../../db/client.js";

/** Tables whose rows others reference: emptied last, so the rows pointing at them go first (and their triggers run once). */
const LAST = ["Customer", "DigestSubscription", "Workspace"];

/**
 * Erases every row of an uninstalled workspace whose erase is due by `dueBy`: every table of the schema with a
 * "teamId" column (found in the catalog, so a table added later is covered without a change here). One
 * transaction that first locks the workspace row and checks the erase is still pending, so a reinstall racing
 * the erase either cancels it first or waits for it. Returns the rows deleted per table (tables with none left
 * out), or null when the erase was cancelled or is not due.
 */
export async function eraseWorkspaceData({ db, teamId }: { db: Db; teamId: string }, opts: { dueBy: Date }): Promise<Record<string, number> | null> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `select c.table_name::text as name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema() and c.column_name = 'teamId'
      order by 1`,
  );
  const names = tables.map((t) => t.name).sort((a, b) => LAST.indexOf(a) - LAST.indexOf(b));
  return db.$transaction(
    async (tx) => {
      const due = await tx.$queryRawUnsafe<unknown[]>(
        `select 1 from "Workspace" where "teamId" = $1 and "uninstalledAt" is not null and "eraseAfter" <= $2 for update`,
        teamId,
        opts.dueBy,
      );
      if (due.length === 0) return null;
      const deleted: Record<string, number> = {};
      for (const name of names) {
        // The name comes from the catalog; quote_ident keeps it one identifier whatever it holds.
        const [row] = await tx.$queryRawUnsafe<{ sql: string }[]>(`select format('delete from %I where "teamId" = $1', $1::text) as sql`, name);
        const n = await tx.$executeRawUnsafe(row!.sql, teamId);
        if (n > 0) deleted[name] = n;
      }
      return deleted;
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
