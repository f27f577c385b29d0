import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { boltLogger, createLogger } from "../../src/log.js";

/** Collects the JSON lines a logger writes. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe("Bolt and Web API debug lines", () => {
  it("keep their text but never the request bodies and API responses handed to them", () => {
    const { stream, lines } = capture();
    const log = boltLogger(createLogger("debug", stream), "web-api");
    log.setName("web-api:WebClient:0");
    const response = { ok: true, messages: [{ text: "Acme Corp says the export is broken", user: "U123" }] };
    log.debug("http request result:", response);
    log.debug("http request body", { text: "Tanaka Trading wants a refund" }, ["Acme Corp"], null);
    expect(lines).toHaveLength(2);
    const joined = lines.join("\n");
    expect(joined).not.toContain("Acme Corp");
    expect(joined).not.toContain("Tanaka Trading");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 20, component: "web-api", logger: "web-api:WebClient:0", msg: "http request result: [object omitted]" });
    expect(JSON.parse(lines[1]!).msg).toBe("http request body [object omitted] [array omitted] [null omitted]");
  });

  it("leave warnings and errors readable (the Web API client's warnings carry no message text)", () => {
    const { stream, lines } = capture();
    const log = boltLogger(createLogger("info", stream), "bolt");
    log.debug("not written at info", { text: "Acme Corp" });
    log.warn("rate limited:", { retryAfter: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).msg).toBe('rate limited: {"retryAfter":3}');
  });
});
