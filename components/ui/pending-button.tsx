import type { ButtonHTMLAttributes } from "react";

/**
 * A button that shows a spinner and refuses clicks while its action runs. Its accessible name
 * stays the same while pending; aria-busy tells assistive technology that work is under way.
 */
export function PendingButton({
  pending,
  children,
  className = "btn btn-primary",
  type = "submit",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { pending: boolean }) {
  return (
    <button {...rest} type={type} className={className} disabled={pending || rest.disabled} aria-busy={pending || undefined}>
      {pending ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
