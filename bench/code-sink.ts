/**
 * Route 3v's viewer passes come from the real one-time-code flow: the server under test
 * mails each code over SMTP to this in-process sink, and the harness types it into the share
 * page's gate forms like a viewer would (email, then code), keeping the pm_share cookie.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { cookieFrom, sleep } from "./common";

export type CodeSink = { smtpUrl: string; close: () => Promise<void>; codeFor: (email: string) => Promise<string> };

export async function startCodeSink(): Promise<CodeSink> {
  const codes = new Map<string, string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        const code = /verification code is (\d{6})/.exec(raw)?.[1];
        if (code) for (const to of session.envelope.rcptTo) codes.set(to.address, code);
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  return {
    smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async codeFor(email) {
      for (let waited = 0; waited < 15_000; waited += 50) {
        const code = codes.get(email);
        if (code) return code;
        await sleep(50);
      }
      throw new Error(`no verification code arrived for ${email}`);
    },
  };
}

/**
 * Posts the first form of the share page as a browser without script does: the form's hidden
 * server-action fields plus `fields`, with the page's cookies.
 */
async function postFirstForm(base: string, token: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  const page = await (await fetch(`${base}/share/${token}`, { headers: cookie ? { cookie } : {} })).text();
  const first = /<form[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
  const form = new FormData();
  for (const [, name, value] of first.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) form.append(name!, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(`${base}/share/${token}`, { method: "POST", redirect: "manual", headers: { origin: base, ...(cookie ? { cookie } : {}) }, body: form });
}

/** A verified viewer's pass cookie for one link, through the share page's two gate forms. */
export async function verifiedPassCookie(base: string, token: string, email: string, sink: CodeSink): Promise<string> {
  const asked = await postFirstForm(base, token, { email });
  const challenge = cookieFrom(asked, "pm_share_code");
  if (asked.status !== 303 || !challenge) throw new Error(`request-code on a verified link: HTTP ${asked.status}, no pm_share_code cookie`);
  const verified = await postFirstForm(base, token, { code: await sink.codeFor(email) }, `pm_share_code=${challenge}`);
  const pass = cookieFrom(verified, "pm_share");
  if (verified.status !== 303 || !pass) throw new Error(`verify-code on a verified link: HTTP ${verified.status}, no pm_share cookie`);
  return `pm_share=${pass}`;
}
