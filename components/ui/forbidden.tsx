import Link from "next/link";

/** The page body shown when the signed-in user may not use a page (HTTP 403 in spirit). */
export function Forbidden({ message }: { message: string }) {
  return (
    <div className="card message-card">
      <p className="eyebrow">403</p>
      <h1>You don&apos;t have access to this page</h1>
      <p className="muted">{message}</p>
      <Link href="/pocs" className="btn btn-primary">
        Back to POCs
      </Link>
    </div>
  );
}
