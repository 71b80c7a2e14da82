#!/usr/bin/env node
/**
 * A tiny SMTP sink for the end-to-end tests: accepts every message on 127.0.0.1:$E2E_SMTP_PORT
 * (default 2525, no TLS, no auth) and serves what it received as JSON on the next port:
 *   GET /health    -> {"ok":true}
 *   GET /messages  -> [{ id, from, to, subject, text, raw, received_at }]  (oldest first)
 * `text` is the decoded body of a single-part text message (quoted-printable or base64).
 */
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
const httpPort = smtpPort + 1;
const host = "127.0.0.1";
const MAX_MESSAGES = 1000;

/** @type {{ id: number; from: string | null; to: string[]; subject: string; text: string; raw: string; received_at: string }[]} */
const messages = [];
let nextId = 1;

function splitMessage(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: "" };
  const sep = raw.slice(at).match(/^\r?\n\r?\n/)[0];
  return { head: raw.slice(0, at), body: raw.slice(at + sep.length) };
}

function parseHeaders(head) {
  const headers = {};
  // Unfold continuation lines, then split "Name: value".
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeQuotedPrintable(body) {
  const bytes = [];
  const text = body.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Decodes RFC 2047 encoded words (=?utf-8?Q?...?= / =?utf-8?B?...?=) in a header value. */
function decodeWords(value) {
  // Whitespace between two encoded words is not part of the text.
  return value.replace(/(\?=)\s+(?==\?)/g, "$1").replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset, encoding, data) =>
    encoding.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

function decodeBody(body, encoding) {
  switch ((encoding ?? "").toLowerCase()) {
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    default:
      return body;
  }
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("error", callback);
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const { head, body } = splitMessage(raw);
      const headers = parseHeaders(head);
      messages.push({
        id: nextId++,
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
        subject: decodeWords(headers.subject ?? ""),
        text: decodeBody(body, headers["content-transfer-encoding"]).replace(/\r\n/g, "\n"),
        raw,
        received_at: new Date().toISOString(),
      });
      if (messages.length > MAX_MESSAGES) messages.shift();
      callback();
    });
  },
});
smtp.on("error", (error) => console.error("[smtp-sink] smtp error", error));

const http = createServer((req, res) => {
  const path = new URL(req.url ?? "/", `http://${host}`).pathname;
  if (req.method === "GET" && path === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, messages: messages.length }));
  } else if (req.method === "GET" && path === "/messages") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
  } else {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
  }
});

smtp.listen(smtpPort, host, () => {
  http.listen(httpPort, host, () => console.log(`[smtp-sink] SMTP on ${host}:${smtpPort}, messages on http://${host}:${httpPort}/messages`));
});

function shutdown() {
  http.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
