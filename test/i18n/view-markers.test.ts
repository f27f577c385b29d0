// Every view builder, called in Japanese with Japanese data (test/i18n/payloads.ts): each *bold*, _italic_ and
// ~strike~ must render in Slack (a marker touching a Japanese character shows as a literal asterisk or underscore).
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { insightMessage } from "../../src/views/capture/insight-message.js";
import { markerProblems, mrkdwnTexts } from "../helpers/mrkdwn-markers.js";
import { insight, payloads } from "./payloads.js";

describe("Japanese payloads render their emphasis in Slack", () => {
  for (const [name, payload] of Object.entries(payloads)) {
    it(`${name}: no marker touches Japanese text`, () => {
      const texts = typeof payload === "string" ? [payload] : mrkdwnTexts(payload);
      expect(texts.length, "the payload has mrkdwn text to check").toBeGreaterThan(0);
      expect(texts.flatMap((text) => markerProblems(text).map((p) => `${p.reason} ${p.marker} in “${p.near}”`))).toEqual([]);
    });
  }
});

describe("who a post names", () => {
  const texts = (p: unknown) => mrkdwnTexts(p).join("\n");

  it("a posted customer voice and story name their people without mentioning them", () => {
    expect(texts(payloads.insightMessage)).toContain("記録者: 佐藤 花子");
    expect(texts(payloads.insightMessage)).toContain("（投稿者: 鈴木）");
    expect(texts(payloads.storyMessage)).toContain("共有者: 佐藤 花子");
    expect(texts(payloads.insightMessage) + texts(payloads.storyMessage)).not.toMatch(/<@U/);
  });

  it("falls back to a mention only when the name is unknown, and the thank-you mentions on purpose", () => {
    expect(texts(payloads.insightMessageUnknownNames)).toContain("記録者: <@U0AUTHOR>");
    expect(texts(payloads.thankYouWin)).toContain("<@U0AUTHOR> さん");
  });

  it("names are escaped, so a name cannot inject markup", () => {
    const post = insightMessage(
      translator("en"),
      insight,
      new Map([
        ["U0AUTHOR", "Eve <!channel> & co"],
        ["U0ORIG", "x"],
      ]),
    );
    expect(texts(post)).toContain("logged by Eve &lt;!channel&gt; &amp; co");
  });
});
