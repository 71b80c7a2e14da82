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

export function rateLimitedBody(retryAfterSeconds: number): SafeHtml {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return html`<main class="center"><section class="card gate" data-code="share/rate-limited">
    <h1>Too many attempts</h1>
    <p class="muted">Too many wrong passwords were tried from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.</p>
  </section></main>`;
}
