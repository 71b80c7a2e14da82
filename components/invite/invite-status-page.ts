/**
 * The invitation states that are not an open invitation, as a small server HTML page, so the
 * answer can carry its HTTP status (404 unknown, 410 used, expired or gone): a page component
 * cannot choose its status. No POC title or inviter appears on a dead invitation.
 */
import type { InviteState } from "@/lib/invites/service";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLES = `
body { margin:0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1f2933; background:#f5f7fa; }
main { max-width: 30rem; margin: 4rem auto; padding: 0 1rem; }
.card { background:#fff; border:1px solid #e4e7eb; border-radius:10px; padding:1.5rem; }
.brand { font-weight:700; margin-bottom:1rem; }
.eyebrow { text-transform:uppercase; letter-spacing:.06em; font-size:.75rem; color:#616e7c; margin:0; }
h1 { font-size:1.4rem; margin:.25rem 0 .75rem; }
p { color:#3e4c59; }
a.btn { display:inline-block; margin-top:.5rem; padding:.55rem 1rem; border-radius:6px; background:#2f5bea; color:#fff; font-weight:600; text-decoration:none; }
a:focus-visible { outline:3px solid #8fb1ff; outline-offset:2px; }
`;

type DeadInvite = Exclude<InviteState, { state: "open" }>;

type Content = { status: number; title: string; body: string; link: { href: string; label: string } };
type Text = Omit<Content, "status" | "body"> & { body: string | ((email: string) => string) };

const SIGN_IN = { href: "/login", label: "Go to sign in" };

/** What each dead invitation says, by kind and state (all 410: the link existed). */
const TEXTS: Record<Exclude<DeadInvite, { state: "invalid" }>["kind"], Record<"used" | "expired" | "gone", Text>> = {
  // An account-setup link (a SCIM-provisioned member choosing their first password).
  account_setup: {
    used: {
      title: "This link has already been used",
      body: (email) => `The password of <strong>${email}</strong> was set with it. Each link works once: sign in with your password.`,
      link: { href: "/login", label: "Sign in" },
    },
    expired: {
      title: "This link has expired",
      body: (email) => `Password links work for 7 days. Ask an administrator of your organisation to send a new one to <strong>${email}</strong> (Settings → Members).`,
      link: SIGN_IN,
    },
    gone: {
      title: "This link is no longer valid",
      body: "Your password is already set, a newer link replaced this one, or your organisation removed your access. Sign in, or ask an administrator of your organisation.",
      link: SIGN_IN,
    },
  },
  // An invitation to join an organisation (Settings → Members).
  member: {
    used: {
      title: "This invitation has already been used",
      body: (email) => `<strong>${email}</strong> joined the organisation with it. Each invitation link works once: sign in to open its POCs.`,
      link: { href: "/login?callbackUrl=%2Fpocs", label: "Sign in" },
    },
    expired: {
      title: "This invitation has expired",
      body: (email) => `Invitations work for 7 days. Ask an administrator of the organisation to send a new one to <strong>${email}</strong>.`,
      link: SIGN_IN,
    },
    gone: {
      title: "This invitation is no longer valid",
      body: "It was revoked, a newer invitation replaced it, or the address is already a member of the organisation. Sign in, or ask an administrator of the organisation.",
      link: SIGN_IN,
    },
  },
  grant: {
    used: {
      title: "This invitation has already been used",
      body: (email) =>
        `An account was already created with it for <strong>${email}</strong>. Each invitation link works once: sign in to open what was shared with you.`,
      link: { href: "/login?callbackUrl=%2Fshared", label: "Sign in" },
    },
    expired: {
      title: "This invitation has expired",
      body: (email) => `Invitations work for 7 days. Ask the person who shared the POC to send a new invitation to <strong>${email}</strong>.`,
      link: SIGN_IN,
    },
    gone: {
      title: "This invitation is no longer valid",
      body: "The share it came with was revoked, expired or changed, or a newer invitation replaced this one. Ask the person who shared the POC to invite you again.",
      link: SIGN_IN,
    },
  },
};

function content(invite: DeadInvite): Content {
  if (invite.state === "invalid") {
    return {
      status: 404,
      title: "This invitation link is not valid",
      body: "Check that you opened the whole link from the email. If it still does not work, ask the person who shared the POC to invite you again.",
      link: SIGN_IN,
    };
  }
  const text = TEXTS[invite.kind][invite.state];
  const email = "email" in invite ? escape(invite.email) : "";
  return { ...text, status: 410, body: typeof text.body === "string" ? text.body : text.body(email) };
}

export function inviteStatusResponse(invite: DeadInvite): Response {
  const { status, title, body, link } = content(invite);
  const kindLabel = invite.state !== "invalid" && invite.kind === "account_setup" ? "Account setup" : "Invitation";
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${escape(title)} · poc-manager</title><style>${STYLES}</style></head>
<body><main><div class="card"><div class="brand">◆ poc-manager</div><p class="eyebrow">${kindLabel}</p><h1>${escape(title)}</h1><p>${body}</p>
<a class="btn" href="${link.href}">${escape(link.label)}</a></div></main></body></html>`;
  return new Response(page, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex, nofollow",
    },
  });
}
