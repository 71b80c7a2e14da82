"use client";

import { ExpiryField, type ExpiryValue } from "./expiry-field";
import { ShareLimitHint } from "./share-limit";

/** A new grant's expiry (with the re-sharer's limit) and watermark, side by side: people, teams and roles alike. */
export function GrantOptionsRow({
  name,
  expiry,
  onExpiryChange,
  expiryError,
  watermark,
  onWatermarkChange,
  ownExpiresAt,
  disabled,
}: {
  name: string;
  expiry: ExpiryValue;
  onExpiryChange: (value: ExpiryValue) => void;
  expiryError: string | undefined;
  watermark: boolean;
  onWatermarkChange: (on: boolean) => void;
  ownExpiresAt: string | null;
  disabled: boolean;
}) {
  return (
    <div className="grant-form-row">
      <div>
        <ExpiryField value={expiry} onChange={onExpiryChange} error={expiryError} disabled={disabled} name={name} />
        <ShareLimitHint ownExpiresAt={ownExpiresAt} />
      </div>
      <label className="share-check grant-watermark">
        <input type="checkbox" checked={watermark} onChange={(event) => onWatermarkChange(event.target.checked)} disabled={disabled} />
        <span>Watermark: show each viewer&apos;s email over the page</span>
      </label>
    </div>
  );
}
