/**
 * User-controlled text in emails (POC titles, people's names), made safe (SECURITY 30): no
 * control or line-break characters (no header injection, no fake lines in the body), no
 * bidirectional overrides (no reversed "moc.live" tricks), shortened, and always inside
 * quotation marks, so a title like "Reset your password at https://evil.example" reads as
 * the quoted title it is. Pure.
 */

/** C0/C1 controls, line/paragraph separators, zero-width and bidirectional formatting characters. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line of plain text: unsafe characters become spaces, whitespace runs collapse. */
export function plainLine(value: string, max = 120): string {
  const line = value.replace(UNSAFE, " ").replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** User text as a quotation: “Title”. Inner quotation marks cannot close it early. */
export function quoted(value: string, max = 120): string {
  return `“${plainLine(value, max).replace(/[“”"]/g, "'")}”`;
}
