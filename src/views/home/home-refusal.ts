import type { KnownBlock } from "@slack/types";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { context } from "../blocks.js";

/** In place of Home's customer data, for someone who may not see it: why, in one line. Pure. */
export function homeRefusalBlocks(t: Translate, messageKey: MessageKey): KnownBlock[] {
  return [context((t as (k: MessageKey) => string)(messageKey))];
}
