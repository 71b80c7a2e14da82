"use client";

import { initialExpiry, toLocalInput, type ExpiryValue } from "./expiry-field";
import { formatLocal } from "./format";

/**
 * A re-sharer whose own access ends starts from that end (a share may not outlast it): the
 * custom date and time, to the minute, at or before their own expiry.
 */
export function initialShareExpiry(ownExpiresAt: string | null): ExpiryValue {
  if (!ownExpiresAt) return initialExpiry(false);
  return { choice: "custom", custom: toLocalInput(new Date(ownExpiresAt)) };
}

/** Says why the expiry is preset, as a date people read ("Dec 31, 2026, 5:00 PM"). */
export function ShareLimitHint({ ownExpiresAt }: { ownExpiresAt: string | null }) {
  if (!ownExpiresAt) return null;
  return <p className="field-hint">Your own access ends {formatLocal(ownExpiresAt)}; what you share cannot last longer.</p>;
}
