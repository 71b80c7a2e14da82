/**
 * next-auth (credentials + JWT session cookie). The cookie only says who signed in; the
 * actor, with role and active flag, is loaded from the database on every request.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { decode } from "next-auth/jwt";
import { z } from "zod";
import { config } from "@/lib/config";
import type { Actor } from "./actor";
import { actorForUser, authenticate } from "./service";

const credentialsSchema = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) });

export function authOptions(): NextAuthOptions {
  return {
    secret: config().secret,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          return authenticate(parsed.data.email, parsed.data.password);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
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

/** The signed-in user's id from the session cookie value, or null when absent or invalid. */
export async function userIdFromSessionToken(sessionToken: string | null | undefined): Promise<string | null> {
  if (!sessionToken) return null;
  try {
    const token = await decode({ token: sessionToken, secret: config().secret });
    return typeof token?.sub === "string" ? token.sub : null;
  } catch {
    return null;
  }
}

export async function actorFromSessionToken(sessionToken: string | null | undefined, ip: string | null): Promise<Actor | null> {
  const userId = await userIdFromSessionToken(sessionToken);
  return userId ? actorForUser(userId, ip) : null;
}
