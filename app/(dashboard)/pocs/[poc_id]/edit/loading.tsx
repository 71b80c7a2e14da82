export default function EditPocLoading() {
  return (
    <div className="narrow" aria-busy="true" aria-live="polite">
      <p className="visually-hidden">Loading…</p>
      <div className="skeleton skeleton-title" style={{ width: "30%" }} />
      <div className="card">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="skeleton skeleton-input" />
        ))}
      </div>
    </div>
  );
}
