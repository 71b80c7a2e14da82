import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageActor } from "@/lib/auth/page";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader actor={actor} />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
