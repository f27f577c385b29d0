/**
 * The documented Block Kit limits, checked on whatever the app sends to the fake Slack (messages, response_url
 * posts, modals, Home tabs). Each problem is a path and what is wrong, e.g. `blocks[3].text.text: 3012 > 3000`.
 * Limits come from src/views/block-limits.ts (sources listed there); lengths are UTF-16 code units.
 */
import { BLOCK_LIMITS as L } from "../../src/views/block-limits.js";

export type SurfaceKind = "message" | "modal" | "home";

type Problems = string[];
const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);

function maxLen(p: Problems, path: string, v: unknown, max: number, min = 0) {
  if (v === undefined || v === null) return;
  if (typeof v !== "string") return void p.push(`${path}: not a string`);
  if (v.length > max) p.push(`${path}: ${v.length} > ${max}`);
  if (v.length < min) p.push(`${path}: empty`);
}

/** A text object: `{ type: plain_text|mrkdwn, text }` with 1..max characters. */
function textObject(p: Problems, path: string, t: unknown, max: number, plainOnly = false) {
  if (t === undefined) return;
  if (!isObj(t)) return void p.push(`${path}: not a text object`);
  if (t.type !== "plain_text" && t.type !== "mrkdwn") p.push(`${path}.type: ${t.type}`);
  if (plainOnly && t.type !== "plain_text") p.push(`${path}.type: must be plain_text`);
  maxLen(p, `${path}.text`, t.text, max, 1);
}

function option(p: Problems, path: string, o: unknown) {
  if (!isObj(o)) return void p.push(`${path}: not an option`);
  textObject(p, `${path}.text`, o.text, L.optionTextChars);
  maxLen(p, `${path}.value`, o.value, L.optionValueChars);
  textObject(p, `${path}.description`, o.description, L.optionTextChars);
}

function options(p: Problems, path: string, list: unknown, max: number) {
  if (list === undefined) return;
  if (!Array.isArray(list)) return void p.push(`${path}: not a list`);
  if (list.length > max) p.push(`${path}: ${list.length} options > ${max}`);
  list.forEach((o, i) => {
    option(p, `${path}[${i}]`, o);
  });
}

function element(p: Problems, path: string, e: unknown) {
  if (!isObj(e)) return void p.push(`${path}: not an element`);
  maxLen(p, `${path}.action_id`, e.action_id, L.actionIdChars);
  textObject(p, `${path}.placeholder`, e.placeholder, L.placeholderChars, true);
  switch (e.type) {
    case "button":
      textObject(p, `${path}.text`, e.text, L.buttonTextChars, true);
      maxLen(p, `${path}.value`, e.value, L.buttonValueChars);
      maxLen(p, `${path}.url`, e.url, L.buttonUrlChars);
      break;
    case "static_select":
    case "multi_static_select":
      options(p, `${path}.options`, e.options, L.optionsPerSelect);
      if (Array.isArray(e.option_groups)) {
        const n = e.option_groups.reduce((s: number, g: any) => s + (Array.isArray(g?.options) ? g.options.length : 0), 0);
        if (n > L.optionsPerSelect) p.push(`${path}.option_groups: ${n} options > ${L.optionsPerSelect}`);
      }
      break;
    case "overflow":
      options(p, `${path}.options`, e.options, L.optionsPerOverflow);
      break;
    case "radio_buttons":
    case "checkboxes":
      options(p, `${path}.options`, e.options, L.optionsPerChoiceGroup);
      break;
    case "plain_text_input":
      if (typeof e.max_length === "number" && e.max_length > L.plainTextInputMaxLength) p.push(`${path}.max_length: ${e.max_length} > ${L.plainTextInputMaxLength}`);
      maxLen(p, `${path}.initial_value`, e.initial_value, typeof e.max_length === "number" ? e.max_length : L.plainTextInputMaxLength);
      break;
    case "image":
      maxLen(p, `${path}.alt_text`, e.alt_text, L.imageAltTextChars, 1);
      maxLen(p, `${path}.image_url`, e.image_url, L.imageUrlChars);
      break;
  }
}

function block(p: Problems, path: string, b: unknown) {
  if (!isObj(b)) return void p.push(`${path}: not a block`);
  maxLen(p, `${path}.block_id`, b.block_id, L.blockIdChars);
  switch (b.type) {
    case "section":
      if (b.text === undefined && b.fields === undefined) p.push(`${path}: section needs text or fields`);
      textObject(p, `${path}.text`, b.text, L.sectionTextChars);
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields)) p.push(`${path}.fields: not a list`);
        else {
          if (b.fields.length > L.sectionFields) p.push(`${path}.fields: ${b.fields.length} > ${L.sectionFields}`);
          b.fields.forEach((f: unknown, i: number) => {
            textObject(p, `${path}.fields[${i}]`, f, L.sectionFieldChars);
          });
        }
      }
      if (b.accessory !== undefined) element(p, `${path}.accessory`, b.accessory);
      break;
    case "header":
      textObject(p, `${path}.text`, b.text, L.headerTextChars, true);
      break;
    case "context":
      if (!Array.isArray(b.elements) || b.elements.length === 0) p.push(`${path}.elements: none`);
      else {
        if (b.elements.length > L.contextElements) p.push(`${path}.elements: ${b.elements.length} > ${L.contextElements}`);
        b.elements.forEach((e: any, i: number) => {
          if (e?.type === "image") element(p, `${path}.elements[${i}]`, e);
          else textObject(p, `${path}.elements[${i}]`, e, L.contextTextChars);
        });
      }
      break;
    case "actions":
      if (!Array.isArray(b.elements) || b.elements.length === 0) p.push(`${path}.elements: none`);
      else {
        if (b.elements.length > L.actionsElements) p.push(`${path}.elements: ${b.elements.length} > ${L.actionsElements}`);
        b.elements.forEach((e: unknown, i: number) => {
          element(p, `${path}.elements[${i}]`, e);
        });
      }
      break;
    case "input":
      textObject(p, `${path}.label`, b.label, L.inputLabelChars, true);
      textObject(p, `${path}.hint`, b.hint, L.inputHintChars, true);
      element(p, `${path}.element`, b.element);
      break;
    case "image":
      maxLen(p, `${path}.alt_text`, b.alt_text, L.imageAltTextChars, 1);
      maxLen(p, `${path}.image_url`, b.image_url, L.imageUrlChars);
      textObject(p, `${path}.title`, b.title, L.imageAltTextChars, true);
      break;
    case "table":
      if (Array.isArray(b.rows)) {
        if (b.rows.length > L.tableRows) p.push(`${path}.rows: ${b.rows.length} > ${L.tableRows}`);
        b.rows.forEach((r: unknown, i: number) => {
          if (Array.isArray(r) && r.length > L.tableCellsPerRow) p.push(`${path}.rows[${i}]: ${r.length} cells > ${L.tableCellsPerRow}`);
        });
      }
      break;
  }
}

function blocks(p: Problems, list: unknown, max: number) {
  if (list === undefined) return;
  if (!Array.isArray(list)) return void p.push("blocks: not a list");
  if (list.length > max) p.push(`blocks: ${list.length} > ${max}`);
  list.forEach((b, i) => {
    block(p, `blocks[${i}]`, b);
  });
}

/** Problems Slack would refuse a message for (chat.postMessage, postEphemeral, update, response_url). */
export function messageProblems(msg: Record<string, any>): string[] {
  const p: Problems = [];
  const list = typeof msg.blocks === "string" ? JSON.parse(msg.blocks) : msg.blocks;
  blocks(p, list, L.blocksPerMessage);
  maxLen(p, "text", msg.text, L.fallbackTextChars);
  if ((msg.text === undefined || msg.text === "") && (list === undefined || list.length === 0) && !msg.delete_original && !msg.file) p.push("text: no text and no blocks");
  return p;
}

/** Problems Slack would refuse a view for (views.open/push/update/publish). */
export function viewProblems(view: unknown): string[] {
  const p: Problems = [];
  const v = typeof view === "string" ? JSON.parse(view) : view;
  if (!isObj(v)) return ["view: missing"];
  const kind: SurfaceKind = v.type === "home" ? "home" : "modal";
  blocks(p, v.blocks, kind === "home" ? L.blocksPerHomeTab : L.blocksPerModal);
  maxLen(p, "view.private_metadata", v.private_metadata, L.privateMetadataChars);
  maxLen(p, "view.callback_id", v.callback_id, L.callbackIdChars);
  if (kind === "modal") {
    if (v.title === undefined) p.push("view.title: missing");
    textObject(p, "view.title", v.title, L.viewTitleChars, true);
    textObject(p, "view.submit", v.submit, L.viewTitleChars, true);
    textObject(p, "view.close", v.close, L.viewTitleChars, true);
  }
  return p;
}
