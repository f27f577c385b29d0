/**
 * Slack's message markup, read back into what a person typed. Slack sends command text (with
 * `should_escape: true`) and message text with `<...>` references and `&amp; &lt; &gt;` escapes:
 *   <#C123|support> <#C123>          channel (the name part may be missing or empty)
 *   <@U123|sara> <@U123>             user (Slack now mostly omits the name)
 *   <!subteam^S123|@design>          user group
 *   <!here> <!channel> <!everyone>   special mentions
 *   <!date^1392734382^{date}|Feb 18> date (its fallback text is what we show)
 *   <https://x.io|label> <mailto:a@b.jp|a@b.jp> <https://x.io>   links
 * Pure: the caller resolves names it needs (users.info) and passes them in.
 */

export type SlackRef =
  | { kind: "channel"; id: string; name: string | null }
  | { kind: "user"; id: string; name: string | null }
  | { kind: "usergroup"; id: string; name: string | null }
  | { kind: "special"; name: string }
  | { kind: "link"; url: string; label: string | null }
  | { kind: "other"; raw: string; label: string | null };

/** A piece of decoded text: plain text (entities already decoded) or a reference. */
export type SlackPart = string | SlackRef;

/** Names the caller looked up; a reference without a name shows its id otherwise. */
export interface SlackNames {
  users?: ReadonlyMap<string, string>;
  channels?: ReadonlyMap<string, string>;
}

/** Decodes the three entities Slack escapes: `&amp;`, `&lt;`, `&gt;`. */
export function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, e: string) => (e === "amp" ? "&" : e === "lt" ? "<" : ">"));
}

const REF = /<([^<>]*)>/g;

const label = (s: string | undefined): string | null => {
  const v = s === undefined ? "" : unescapeSlack(s).trim();
  return v === "" ? null : v;
};

/** One `<...>` body (without the brackets) as a reference. */
function parseRef(body: string): SlackRef {
  const bar = body.indexOf("|");
  const target = bar === -1 ? body : body.slice(0, bar);
  const text = bar === -1 ? undefined : body.slice(bar + 1);
  if (target.startsWith("#")) return { kind: "channel", id: target.slice(1), name: label(text)?.replace(/^#/, "") ?? null };
  if (target.startsWith("@")) return { kind: "user", id: target.slice(1), name: label(text)?.replace(/^@/, "") ?? null };
  if (target.startsWith("!subteam^")) return { kind: "usergroup", id: target.slice("!subteam^".length), name: label(text)?.replace(/^@/, "") ?? null };
  if (/^!(here|channel|everyone)$/.test(target)) return { kind: "special", name: target.slice(1) };
  if (target.startsWith("!")) return { kind: "other", raw: target, label: label(text) };
  return { kind: "link", url: unescapeSlack(target), label: label(text) };
}

/** Splits Slack text into plain text and references, in order. Text outside references is unescaped. */
export function parseSlackText(text: string): SlackPart[] {
  const parts: SlackPart[] = [];
  let last = 0;
  for (const m of text.matchAll(REF)) {
    if (m.index > last) parts.push(unescapeSlack(text.slice(last, m.index)));
    parts.push(parseRef(m[1]!));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(unescapeSlack(text.slice(last)));
  return parts;
}

/** The references in Slack text, in order. */
export function slackRefs(text: string): SlackRef[] {
  return parseSlackText(text).filter((p): p is SlackRef => typeof p !== "string");
}

/** A link as a person reads it: `label (url)`, or the url (or address) alone when the label adds nothing. */
function readableLink(url: string, text: string | null): string {
  const shown = url.startsWith("mailto:") ? url.slice("mailto:".length) : url;
  if (text === null) return shown;
  const bare = (s: string) => s.replace(/^[a-z]+:\/\//i, "").replace(/\/$/, "");
  return text === shown || bare(text) === bare(shown) ? shown : `${text} (${shown})`;
}

/** One reference as readable text: `#support`, `@Sara`, `@design`, `@here`, `label (url)`. */
export function readableRef(ref: SlackRef, names: SlackNames = {}): string {
  switch (ref.kind) {
    case "channel":
      return `#${names.channels?.get(ref.id) ?? ref.name ?? ref.id}`;
    case "user":
      return `@${names.users?.get(ref.id) ?? ref.name ?? ref.id}`;
    case "usergroup":
      return `@${ref.name ?? ref.id}`;
    case "special":
      return `@${ref.name}`;
    case "link":
      return readableLink(ref.url, ref.label);
    case "other":
      return ref.label ?? "";
  }
}

/**
 * Slack text as a person reads it: references replaced by readable names, entities decoded. Use for
 * anything stored or shown as the user's words (quotes, customer names, tags); the result is plain text,
 * to be escaped again (views/blocks escapeMrkdwn) when it goes back into mrkdwn.
 */
export function decodeSlackText(text: string, names: SlackNames = {}): string {
  return parseSlackText(text)
    .map((p) => (typeof p === "string" ? p : readableRef(p, names)))
    .join("");
}

/** A single command argument that is one channel reference (`<#C123|name>`, `<#C123>`), or null. */
export function parseChannelArg(word: string | undefined): { id: string; name: string | null } | null {
  const w = (word ?? "").trim();
  if (!/^<#[CGD][A-Z0-9]+(\|[^<>]*)?>$/.test(w)) return null;
  const ref = parseRef(w.slice(1, -1));
  return ref.kind === "channel" ? { id: ref.id, name: ref.name } : null;
}

/** A single command argument that is one user mention (`<@U123|name>`, `<@U123>`), or null. */
export function parseUserArg(word: string | undefined): { id: string; name: string | null } | null {
  const w = (word ?? "").trim();
  if (!/^<@[UW][A-Z0-9]+(\|[^<>]*)?>$/.test(w)) return null;
  const ref = parseRef(w.slice(1, -1));
  return ref.kind === "user" ? { id: ref.id, name: ref.name } : null;
}

/**
 * Splits command text into words without breaking a reference whose label holds spaces
 * (`<https://x|two words>`, `<!subteam^S1|@big team>`).
 */
export function commandWords(text: string): string[] {
  return text.trim().match(/(?:<[^<>]*>|[^\s<]+|<)+/g) ?? [];
}

/**
 * One command word for parsers that take plain words: a word that is exactly one channel, user or user
 * group reference stays as Slack sent it (so its id can be read); anything else becomes readable text.
 */
export function decodeCommandWord(word: string): string {
  if (/^<(#|@|!subteam\^)[^<>]*>$/.test(word)) return word;
  return decodeSlackText(word);
}
