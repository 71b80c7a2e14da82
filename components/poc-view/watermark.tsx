import styles from "./watermark.module.css";

/**
 * The viewer's email and the date, tiled faintly over the page: the one watermark of the
 * member view and the share view. Rendered by the server (no script draws or removes it),
 * fixed over the viewport, ignored by pointer and assistive technology, kept when printing.
 */
const TILES = 80;

export function Watermark({ email, at }: { email: string; at: Date }) {
  const label = `${email} · ${at.toISOString().slice(0, 10)}`;
  return (
    <div className={styles.watermark} aria-hidden="true" data-watermark={email}>
      {Array.from({ length: TILES }, (_, i) => (
        <span key={i}>{label}</span>
      ))}
    </div>
  );
}
