/** A message: a fixed text, or a function of named parameters. */
export type Message = string | ((p: never) => string);

/**
 * Declares one area's messages in English and Japanese. The Japanese catalog must have exactly the
 * English keys and parameter types, so a missing translation is a compile error, not a runtime surprise.
 */
export function defineMessages<T extends Record<string, Message>>(m: { en: T; ja: NoInfer<{ [K in keyof T]: T[K] }> }) {
  return m;
}
