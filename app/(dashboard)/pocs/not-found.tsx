import Link from "next/link";

export default function PocNotFound() {
  return (
    <div className="card message-card">
      <p className="eyebrow">404</p>
      <h1>POC not found</h1>
      <p className="muted">This POC does not exist, was deleted, or has not been shared with you.</p>
      <Link href="/pocs" className="btn btn-primary">
        Back to POCs
      </Link>
    </div>
  );
}
