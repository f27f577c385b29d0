import { describe, expect, it } from "vitest";
import { commandWords, decodeCommandWord, decodeSlackText, parseChannelArg, parseSlackText, parseUserArg, unescapeSlack } from "../../src/domain/slack/markup.js";

describe("Slack markup", () => {
  it("decodes the three escaped entities, and only those", () => {
    expect(unescapeSlack("R&amp;D &lt;b&gt; &quot;x&quot; &amp;lt;")).toBe("R&D <b> &quot;x&quot; &lt;");
  });

  it("reads every reference form Slack sends as readable text", () => {
    const text =
      "Ask <@U0SARA|sara> or <@U0KEN> in <#C0123|support> / <#C0456> / <#C0789|> cc <!subteam^S0DES|@design> <!here> " +
      "see <https://acme.example/a?b=1&amp;c=2|the report> <https://acme.example/x> <mailto:ann@acme.jp|ann@acme.jp> " +
      "on <!date^1392734382^{date}|Feb 18, 2014> &lt;3 &amp; more";
    expect(decodeSlackText(text, { users: new Map([["U0KEN", "Ken Sato"]]), channels: new Map([["C0789", "sales"]]) })).toBe(
      "Ask @sara or @Ken Sato in #support / #C0456 / #sales cc @design @here " +
        "see the report (https://acme.example/a?b=1&c=2) https://acme.example/x ann@acme.jp " +
        "on Feb 18, 2014 <3 & more",
    );
  });

  it("a looked-up name wins over the name in the reference; a link whose label is its url shows once", () => {
    expect(decodeSlackText("<@U1|sara>", { users: new Map([["U1", "Sara Lind"]]) })).toBe("@Sara Lind");
    expect(decodeSlackText("<https://acme.example|acme.example>")).toBe("https://acme.example");
  });

  it("splits text into plain parts and structured references", () => {
    expect(parseSlackText("hi <@U1|sara> &amp; <#C2|ops>!")).toEqual(["hi ", { kind: "user", id: "U1", name: "sara" }, " & ", { kind: "channel", id: "C2", name: "ops" }, "!"]);
  });

  it("reads one channel or user argument, with or without its name", () => {
    expect(parseChannelArg("<#C0123|support>")).toEqual({ id: "C0123", name: "support" });
    expect(parseChannelArg(" <#G0123> ")).toEqual({ id: "G0123", name: null });
    expect(parseChannelArg("#support")).toBeNull();
    expect(parseChannelArg("<@U0123>")).toBeNull();
    expect(parseChannelArg("<#C1|a> extra")).toBeNull();
    expect(parseUserArg("<@U0123|sara>")).toEqual({ id: "U0123", name: "sara" });
    expect(parseUserArg("<@W0123>")).toEqual({ id: "W0123", name: null });
    expect(parseUserArg("<#C0123>")).toBeNull();
  });

  it("splits command words without breaking a reference whose label has spaces", () => {
    expect(commandWords("  route  sales <https://x.example|two words> <!subteam^S1|@big team>x ")).toEqual([
      "route",
      "sales",
      "<https://x.example|two words>",
      "<!subteam^S1|@big team>x",
    ]);
    expect(commandWords("")).toEqual([]);
  });

  it("a command word that names a channel, user or group keeps its id; other words read as typed", () => {
    expect(decodeCommandWord("<@U1|sara>")).toBe("<@U1|sara>");
    expect(decodeCommandWord("<#C1|ops>")).toBe("<#C1|ops>");
    expect(decodeCommandWord("segment:R&amp;D")).toBe("segment:R&D");
  });
});
