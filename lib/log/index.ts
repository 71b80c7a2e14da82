/**
 * The app's one logger (pino): one JSON object per line, so user text inside a message or a
 * field is escaped by JSON encoding and can never start a line of its own. Secrets are
 * redacted by path, failing queries lose their parameters (drizzle puts them in the error
 * message and in `params`), and URLs lose their query strings before they are logged.
 */
import pino, { type DestinationStream, type Logger } from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function levelFromEnv(): string {
  const value = process.env.LOG_LEVEL;
  if (value && (LEVELS as readonly string[]).includes(value)) return value;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

const SECRET_KEYS = ["password", "passwordHash", "password_hash", "token", "access_token", "accessToken", "tokenHash", "token_hash", "secret", "authorization", "cookie", "pass"];

/** Redaction paths: secret keys at the top level, one level down and in request headers. */
export const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'headers["set-cookie"]', "req.headers.authorization", "req.headers.cookie"];

const PARAM_KEYS = ["params", "parameters", "args"];

/** "Failed query: <sql>\nparams: <values>" → the SQL alone (the values can be hashes, emails, tokens). */
export function withoutQueryParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, "");
}

/** A URL or path without its query string and fragment (tokens and emails travel there). */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

type SerializedError = Record<string, unknown> & { message?: string; stack?: string; cause?: unknown };

function scrubError(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== "object" || depth > 5) return value;
  const err = value as SerializedError;
  for (const key of PARAM_KEYS) delete err[key];
  if (typeof err.message === "string") err.message = withoutQueryParams(err.message);
  if (typeof err.stack === "string") err.stack = withoutQueryParams(err.stack);
  if (err.cause) err.cause = scrubError(err.cause, depth + 1);
  return err;
}

const errSerializer = (err: unknown) => scrubError(err instanceof Error ? pino.stdSerializers.err(err) : err);

/** Where lines go: stdout, or a test's capture (see captureLogs). */
let sink: (line: string) => void = (line) => process.stdout.write(line);
const destination: DestinationStream = { write: (line: string) => sink(line) };

export const logger: Logger = pino(
  {
    level: levelFromEnv(),
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: errSerializer, error: errSerializer },
  },
  destination,
);

/** For tests: collects every line written from now on, until the returned stop() is called. */
export function captureLogs(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const previous = sink;
  sink = (line) => {
    lines.push(...line.split("\n").filter(Boolean));
  };
  return { lines, stop: () => (sink = previous) };
}
