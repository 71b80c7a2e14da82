import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
// Tokens first, then the global primitives and each area's styles, in cascade order. New
// components put their styles in a CSS Module beside them instead of adding here.
import "./styles/tokens.css";
import "./styles/base.css";
import "@/components/layout/app-shell.css";
import "@/components/ui/cards-buttons.css";
import "@/components/ui/forms.css";
import "@/components/ui/badges.css";
import "@/components/pocs/poc-list.css";
import "@/components/poc-view/poc-view.css";
import "@/components/poc-view/tasks.css";
import "@/components/ui/dialog.css";
import "@/components/auth/login.css";
import "@/components/tokens/api-tokens.css";
import "@/components/settings/settings.css";
import "@/components/settings/settings-lists.css";
import "@/components/sharing/share-dialog.css";

export const metadata: Metadata = {
  title: { default: "poc-manager", template: "%s · poc-manager" },
  description: "Run customer proofs of concept and share them.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next.js puts the request's CSP nonce on its scripts only
  // then (a page prerendered at build time would have scripts the CSP refuses).
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
