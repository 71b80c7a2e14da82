export default function PocsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">Loading POCs…</p>
      <div className="page-header">
        <div className="skeleton skeleton-title" />
      </div>
      <div className="poc-grid">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="card poc-card">
            <div className="skeleton skeleton-line" style={{ width: "70%" }} />
            <div className="skeleton skeleton-line" style={{ width: "40%" }} />
            <div className="skeleton skeleton-line" style={{ width: "55%" }} />
          </div>
        ))}
      </div>
    </div>
  );
}
