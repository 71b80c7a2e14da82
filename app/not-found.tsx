import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="centered-page">
      <div className="card message-card">
        <p className="eyebrow">404</p>
        <h1>Page not found</h1>
        <p className="muted">This page does not exist, or you do not have access to it.</p>
        <Link href="/pocs" className="btn btn-primary">
          Go to POCs
        </Link>
      </div>
    </main>
  );
}
