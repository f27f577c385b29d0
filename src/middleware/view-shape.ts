import type { AnyMiddlewareArgs, App, Context } from "@slack/bolt";
import { isReadableSubmission } from "../domain/capture/read-view-state.js";
import { unreadableFormView } from "../views/unreadable-form.js";
import { requestContext } from "./context.js";

/**
 * Every view submission's state and private_metadata are checked here, before any view listener reads them.
 * One that Slack would not send (state values that are not objects, private_metadata that is not our JSON)
 * is acknowledged with a modal saying, in the user's language, that the form could not be read and nothing
 * was saved: it is never left unacknowledged for Slack to report as a failure. Register after the context.
 */
export function registerViewShapeMiddleware(app: App) {
  app.use(async (args: AnyMiddlewareArgs & { context: Context; next: () => Promise<void> }) => {
    const body = args.body as { type?: unknown; view?: unknown };
    if (body.type !== "view_submission" || isReadableSubmission(body.view)) return args.next();
    const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
    await ack?.({ response_action: "update", view: unreadableFormView(requestContext(args.context).t) });
  });
}
