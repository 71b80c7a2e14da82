/**
 * next-auth (credentials + JWT session cookie). next-auth v4's credentials provider supports
 * only the JWT strategy, so the cookie carries a server-side session id (lib/auth/sessions.ts):
 * every request loads that session and its actor (role, active flag) in one query, and
 * signing out ends the session row, so a copied cookie stops working at once.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { config } from "@/lib/config";
import { isIP } from "node:net";
import type { Actor } from "./actor";
import { authenticate } from "./service";
import { openSessionToken } from "./session-token";
import { actorForSession, endSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

/** The error next-auth puts in ?error= when sign-in is refused for too many attempts. */
export const RATE_LIMITED_ERROR = "RateLimited";

const headerValue = (headers: Record<string, unknown> | undefined, name: string): string | null => {
  const value = headers?.[name];
  return typeof value === "string" ? value : null;
};

const credentialsSchema = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) });

export function authOptions(): NextAuthOptions {
  return {
    secret: config().secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          // The entry server computed the client IP into this header (it overwrites any sent).
          const rawIp = headerValue(req.headers, CLIENT_IP_HEADER);
          const context = { ip: rawIp && isIP(rawIp) ? rawIp : null, userAgent: headerValue(req.headers, "user-agent") };
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, context);
            if (!user) return null;
            return { ...user, sid: await startSession(user.id, context) };
          } catch (error) {
            if (error instanceof AppError && error.code === "auth/rate-limited") throw new Error(RATE_LIMITED_ERROR);
            throw error;
          }
        },
      }),
    ],
    events: {
      // next-auth's sign-out (POST /api/auth/signout, CSRF-checked) ends the server-side session.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = (user as { sid?: string }).sid;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}

export function sessionCookieName(): string {
  return config().appUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return null;
}

/** A malformed %-escape makes the cookie unreadable (so: no session), never a 500. */
function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server-side session id in the session cookie value, or null when absent or invalid. */
export function sessionIdFromSessionToken(sessionToken: string | null | undefined): string | null {
  if (!sessionToken) return null;
  const token = openSessionToken(sessionToken, config().secret);
  return typeof token?.sid === "string" && UUID.test(token.sid) ? token.sid : null;
}

/** The actor of a live session: cookies from before sessions existed, or ended ones, are none. */
export async function actorFromSessionToken(sessionToken: string | null | undefined, ip: string | null): Promise<Actor | null> {
  const sessionId = sessionIdFromSessionToken(sessionToken);
  return sessionId ? actorForSession(sessionId, ip) : null;
}
