import type { ReactNode } from "react";
import { BrandMark } from "@/components/ui/brand-mark";

/**
 * The chrome of every share page (the POC, its gates, why a link does not open): the app's
 * own header bar with the sharing organisation's name, so a guest sees the same product.
 */
export function ShareFrame({ organisation, children }: { organisation: string | null; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <span className="brand-name">
              <BrandMark />
              {organisation ?? "poc-manager"}
            </span>
            <span className="tenant-name">Shared proof of concept</span>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
