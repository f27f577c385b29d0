/**
 * Parses `/kpi subscribe [weekly|daily|monthly] [day] [HH:MM] [time zone] [segment:NAME] [lang:en|ja]`.
 * Words may come in any order; what is left out takes the defaults (weekly, Monday, 09:00, the caller's
 * time zone, no segment, the caller's language). Pure: the listener supplies the defaults.
 */
import type { Locale } from "../../config.js";
import { FREQUENCIES, type DigestFrequency } from "./schedule.js";
import { isTimeZone } from "../time/calendar.js";

export interface SubscribeRequest {
  frequency: DigestFrequency;
  day: number | null;
  time: string;
  timeZone: string;
  segment: string | null;
  locale: Locale;
}

/** Why a `/kpi subscribe` line was refused: the offending word, for the message. */
export type SubscribeProblem =
  | { kind: "badDay"; word: string }
  | { kind: "badTime"; word: string }
  | { kind: "badTimeZone"; word: string }
  | { kind: "badLanguage"; word: string }
  | { kind: "unknownWord"; word: string };

// A Map: the key is the user's word (`constructor` is no weekday).
const WEEKDAYS = new Map<string, number>(
  Object.entries({
    sun: 0,
    sunday: 0,
    mon: 1,
    monday: 1,
    tue: 2,
    tues: 2,
    tuesday: 2,
    wed: 3,
    wednesday: 3,
    thu: 4,
    thur: 4,
    thurs: 4,
    thursday: 4,
    fri: 5,
    friday: 5,
    sat: 6,
    saturday: 6,
    日: 0,
    月: 1,
    火: 2,
    水: 3,
    木: 4,
    金: 5,
    土: 6,
  }),
);

/** 曜日 suffixes: 月曜 and 月曜日 both mean Monday. */
const weekdayOf = (word: string): number | undefined => WEEKDAYS.get(word.toLowerCase().replace(/曜日?$/, ""));

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Parses the words after `subscribe`; `defaults` fill what the user left out. */
export function parseSubscribe(
  words: string[],
  defaults: { timeZone: string; locale: Locale },
): { ok: true; request: SubscribeRequest } | { ok: false; problem: SubscribeProblem } {
  let frequency: DigestFrequency = "weekly";
  let dayWord: string | undefined;
  let time = "09:00";
  let timeZone = defaults.timeZone;
  let segment: string | null = null;
  let locale = defaults.locale;
  for (const word of words) {
    const lower = word.toLowerCase();
    const time24 = TIME.exec(word);
    if ((FREQUENCIES as readonly string[]).includes(lower)) frequency = lower as DigestFrequency;
    else if (time24) time = `${time24[1]!.padStart(2, "0")}:${time24[2]}`;
    else if (/^\d{1,2}:\d{2}$/.test(word)) return { ok: false, problem: { kind: "badTime", word } };
    else if (lower.startsWith("segment:") && word.length > 8) segment = word.slice(8);
    else if (lower.startsWith("lang:")) {
      const lang = lower.slice(5);
      if (lang !== "en" && lang !== "ja") return { ok: false, problem: { kind: "badLanguage", word } };
      locale = lang;
    } else if (weekdayOf(word) !== undefined || /^\d{1,2}$/.test(word)) dayWord = word;
    else if (word.includes("/") || /^(utc|gmt)$/i.test(word)) {
      const zone = /^(utc|gmt)$/i.test(word) ? "UTC" : word;
      if (!isTimeZone(zone)) return { ok: false, problem: { kind: "badTimeZone", word } };
      timeZone = zone;
    } else return { ok: false, problem: { kind: "unknownWord", word } };
  }
  let day: number | null = null;
  if (frequency === "weekly") {
    day = dayWord === undefined ? 1 : (weekdayOf(dayWord) ?? -1);
    if (day < 0) return { ok: false, problem: { kind: "badDay", word: dayWord! } };
  } else if (frequency === "monthly") {
    // 1..28 so every month has the day; "last day of the month" is not offered.
    day = dayWord === undefined ? 1 : Number(dayWord);
    if (!Number.isInteger(day) || day < 1 || day > 28) return { ok: false, problem: { kind: "badDay", word: dayWord! } };
  } else if (dayWord !== undefined) return { ok: false, problem: { kind: "badDay", word: dayWord } };
  return { ok: true, request: { frequency, day, time, timeZone, segment, locale } };
}
