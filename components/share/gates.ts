/** The password and email gates of a share page: plain forms, no script needed. */
import { html, type SafeHtml } from "./html";

const errorLine = (message: string | undefined) => (message ? html`<p class="error" role="alert">${message}</p>` : "");

export function passwordGateBody(error?: string): SafeHtml {
  return html`<main class="center"><section class="card gate" aria-labelledby="gate-title">
    <h1 id="gate-title">This link is protected</h1>
    <p class="muted">Enter the password you were given to view this proof of concept.</p>
    ${errorLine(error)}
    <form method="post">
      <input type="hidden" name="intent" value="unlock">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128" autofocus>
      <button type="submit">View</button>
    </form>
  </section></main>`;
}

export function emailGateBody(error?: string): SafeHtml {
  return html`<main class="center"><section class="card gate" aria-labelledby="gate-title">
    <h1 id="gate-title">Who is viewing?</h1>
    <p class="muted">The owner of this link asks viewers for their email address. It is shown on the page while you view it.</p>
    ${errorLine(error)}
    <form method="post">
      <input type="hidden" name="intent" value="identify">
      <label for="email">Email address</label>
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" autofocus>
      <button type="submit">Continue</button>
    </form>
  </section></main>`;
}

/** Verified links, step 1: the email the one-time code goes to. */
export function verifyEmailGateBody(error?: string, email?: string): SafeHtml {
  return html`<main class="center"><section class="card gate" aria-labelledby="gate-title" data-gate="verify-email">
    <h1 id="gate-title">Verify your email</h1>
    <p class="muted">The owner of this link asks viewers to prove their email address. We will email you a 6-digit code. The email has no link in it: you enter the code here.</p>
    ${errorLine(error)}
    <form method="post">
      <input type="hidden" name="intent" value="request-code">
      <label for="email">Email address</label>
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${email ?? ""}" autofocus>
      <button type="submit">Send code</button>
    </form>
  </section></main>`;
}

/** Verified links, step 2: the code, with a way to get a new one or use another address. */
export function verifyCodeGateBody(email: string, error?: string): SafeHtml {
  return html`<main class="center"><section class="card gate" aria-labelledby="gate-title" data-gate="verify-code">
    <h1 id="gate-title">Check your email</h1>
    <p class="muted">We sent a 6-digit code to <strong>${email}</strong>. It works for 10 minutes, in this browser only.</p>
    ${errorLine(error)}
    <form method="post">
      <input type="hidden" name="intent" value="verify-code">
      <label for="code">Verification code</label>
      <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required minlength="6" maxlength="6" autofocus>
      <button type="submit">Verify</button>
    </form>
    <div class="gate-secondary">
      <form method="post"><input type="hidden" name="intent" value="request-code"><input type="hidden" name="email" value="${email}"><button type="submit" class="secondary">Send a new code</button></form>
      <form method="post"><input type="hidden" name="intent" value="change-email"><button type="submit" class="secondary">Use a different email</button></form>
    </div>
  </section></main>`;
}

export function rateLimitedBody(retryAfterSeconds: number, what = "Too many wrong passwords were tried from your network."): SafeHtml {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return html`<main class="center"><section class="card gate" data-code="share/rate-limited">
    <h1>Too many attempts</h1>
    <p class="muted">${what} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.</p>
  </section></main>`;
}
