import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { COMMANDS, EVENTS, SHORTCUTS, VIEWS } from "../../src/slack-ids.js";

const manifest = parse(readFileSync(path.resolve(import.meta.dirname, "../../manifest.yml"), "utf8"));
const srcDir = path.resolve(import.meta.dirname, "../../src");

/** Every `app.event("...")` and `app.command/shortcut/view` the code registers, read from the listener sources. */
function registeredInCode(): string {
  const surfaces = ["commands", "shortcuts", "views", "actions", "events"].map((s) => `listeners/${s}/index.ts`);
  const files = ["listeners/index.ts", ...surfaces].map((f) => readFileSync(path.join(srcDir, f), "utf8"));
  return files.join("\n");
}

describe("manifest.yml agrees with the code", () => {
  it("declares exactly the slash commands the app handles, all with escaping on", () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(declared).toEqual(Object.values(COMMANDS).sort());
    for (const c of manifest.features.slash_commands) expect(c.should_escape).toBe(true);
  });

  it("declares the shortcuts with the callback ids and types the listeners use", () => {
    const declared = Object.fromEntries(manifest.features.shortcuts.map((s: { callback_id: string; type: string }) => [s.callback_id, s.type]));
    expect(declared).toEqual({ [SHORTCUTS.saveInsight]: "message", [SHORTCUTS.shareStory]: "global" });
  });

  it("subscribes to every event the app listens to, and only those", () => {
    const declared = [...manifest.settings.event_subscriptions.bot_events].sort();
    expect(declared).toEqual([...EVENTS].sort());
    const code = registeredInCode();
    const handled = [...code.matchAll(/app\.event\(\s*"([a-z_]+)"/g)].map((m) => m[1]);
    for (const e of handled) {
      const declaredAs = e === "message" ? ["message.channels", "message.groups"] : [e];
      for (const d of declaredAs) expect(declared).toContain(d);
    }
  });

  it("asks for the scopes the handled surfaces need", () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    const need: Record<string, string[]> = {
      commands: ["commands"],
      posting: ["chat:write"],
      "conversations.info (Slack Connect check)": ["channels:read", "groups:read"],
      "users.info (locale, admin, own team, guest)": ["users:read"],
      "usergroups.users.list (the user group named admin)": ["usergroups:read"],
      reactions: ["reactions:read"],
      "message_deleted events": ["channels:history", "groups:history"],
      "digest recovery (conversations.history)": ["channels:history"],
      "close-the-loop DM recovery (conversations.history of the bot's DMs)": ["im:history"],
      "image uploads": ["files:write"],
      "joining route, stories and digest channels (conversations.join)": ["channels:join"],
    };
    for (const [why, list] of Object.entries(need)) for (const s of list) expect(scopes, why).toContain(s);
  });

  it("registers a listener for every view callback id and turns on interactivity and the home tab", () => {
    const code = readFileSync(path.join(srcDir, "listeners/views/index.ts"), "utf8");
    expect(code).toContain("VIEWS.insight");
    expect(code).toContain("VIEWS.story");
    expect(Object.values(VIEWS)).toEqual(["insight_modal", "story_modal"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
