import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

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
