import { Diamond } from "lucide-react";

/** The product mark beside its name (decorative: the name is the text next to it). */
export function BrandMark() {
  return (
    <span className="brand-mark" aria-hidden="true">
      <Diamond size={14} strokeWidth={2.5} fill="currentColor" />
    </span>
  );
}
