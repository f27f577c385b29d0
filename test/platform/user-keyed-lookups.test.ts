import { describe, expect, it } from "vitest";
import { parseSubscribe } from "../../src/domain/digest/parse-subscribe.js";
import { parseUnit } from "../../src/services/prediction/model-units.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";

const PROTOTYPE_WORDS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

describe.each(storeKinds())("words that name Object.prototype members, typed into commands, on %s", (kind) => {
  const h = useTestBot(kind);

  it.each(PROTOTYPE_WORDS)("/kpi %s is read as a segment name, like any unknown word", async (word) => {
    const teamId = newTeamId();
    const { res, responseId } = await h.t.command({ teamId, userId: "U0PROTO" }, "/kpi", word);
    expect(res.status).toBe(200);
    const reply = await h.t.fake.waitForResponse(responseId);
    expect(reply.text).toBe(`No customers in segment "${word}". Segments: none.`);
  });

  it.each(PROTOTYPE_WORDS)("/story %s answers the help text", async (word) => {
    const teamId = newTeamId();
    const { res, responseId } = await h.t.command({ teamId, userId: "U0PROTO" }, "/story", word);
    expect(res.status).toBe(200);
    const reply = await h.t.fake.waitForResponse(responseId);
    const help = await h.t.command({ teamId, userId: "U0PROTO" }, "/story", "nonsense");
    expect(reply.text).toBe((await h.t.fake.waitForResponse(help.responseId)).text);
  });
});

describe("word tables keyed by user input", () => {
  it.each(PROTOTYPE_WORDS)("`%s` is no weekday in /kpi subscribe", (word) => {
    const r = parseSubscribe(["weekly", word], { timeZone: "UTC", locale: "en" });
    expect(r.ok).toBe(false);
  });

  it.each(PROTOTYPE_WORDS)("`%s` is no model unit", (word) => {
    expect(parseUnit(word)).toBeUndefined();
  });
});
