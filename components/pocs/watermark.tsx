/**
 * The viewer's own email tiled faintly over a POC they reach through a grant that asks for a
 * watermark. Rendered by the server (no script draws or removes it), fixed over the viewport,
 * ignored by pointer and assistive technology, and kept when printing (see globals.css).
 */
const TILES = 160;

export function Watermark({ email }: { email: string }) {
  return (
    <div className="poc-watermark" aria-hidden="true" data-watermark={email}>
      {Array.from({ length: TILES }, (_, i) => (
        <span key={i}>{email}</span>
      ))}
    </div>
  );
}
