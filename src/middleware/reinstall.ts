import type { AnyMiddlewareArgs, App, Context } from "@slack/bolt";
import type { Db } from "../db/client.js";
import type { Log } from "../log.js";
import { reactivateWorkspace } from "../services/workspace/reactivate-workspace.js";
import { requestContext } from "./context.js";

/**
 * A workspace that uninstalled the app and then uses it again has reinstalled it: any slash command, shortcut,
 * button or modal, or a user opening App Home, cancels the pending erase (see reactivate-workspace.ts). Other
 * events do not count: Slack can still deliver a late retry of an event sent before the uninstall.
 * A failure here is logged and never blocks the request.
 */
export function registerReinstallMiddleware(app: App, deps: { db: Db; log: Log; now: () => Date }) {
  app.use(async (args: AnyMiddlewareArgs & { context: Context; next: () => Promise<void> }) => {
    const body = args.body as unknown as { type?: string; event?: { type?: string } };
    const counts = body.type !== "event_callback" || body.event?.type === "app_home_opened";
    const { teamId } = requestContext(args.context);
    if (counts && teamId) {
      try {
        if (await reactivateWorkspace({ db: deps.db, teamId }, { now: deps.now() })) deps.log.info({ teamId }, "workspace uses the app again: pending erase cancelled");
      } catch (e) {
        deps.log.warn({ teamId, err: e instanceof Error ? e.name : "unknown" }, "could not check for a pending workspace erase");
      }
    }
    await args.next();
  });
}
