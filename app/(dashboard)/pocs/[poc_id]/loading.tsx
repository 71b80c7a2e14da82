export default function PocLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">Loading POC…</p>
      <div className="detail-header">
        <div className="skeleton skeleton-line" style={{ width: "4rem" }} />
        <div className="skeleton skeleton-title" style={{ width: "45%" }} />
        <div className="skeleton skeleton-line" style={{ width: "20%" }} />
      </div>
      <div className="detail-grid">
        <div className="detail-main">
          {[5, 4, 3].map((lines, i) => (
            <div key={i} className="card">
              {Array.from({ length: lines }, (_, j) => (
                <div key={j} className="skeleton skeleton-line" style={{ width: `${90 - j * 12}%` }} />
              ))}
            </div>
          ))}
        </div>
        <div className="detail-side">
          {[6, 3].map((lines, i) => (
            <div key={i} className="card">
              {Array.from({ length: lines }, (_, j) => (
                <div key={j} className="skeleton skeleton-line" style={{ width: `${80 - j * 8}%` }} />
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
