/**
 * The watermark: the viewer's email and the access date tiled faintly over the whole page,
 * rendered by the server into the HTML (and kept when printing). No script draws it, so
 * none can remove it, and no parameter turns it off.
 */
import { html, type SafeHtml } from "./html";

export function watermarkOverlay(email: string, at: Date): SafeHtml {
  const label = `${email} · ${at.toISOString().slice(0, 10)}`;
  return html`<div class="watermark" aria-hidden="true" data-watermark="${email}">${Array.from({ length: 80 }, () => html`<span>${label}</span>`)}</div>`;
}

export const WATERMARK_STYLES = `
.watermark { position: fixed; inset: -50%; z-index: 50; pointer-events: none; user-select: none; display: flex; flex-wrap: wrap;
  gap: 4rem 6rem; align-content: center; justify-content: center; transform: rotate(-28deg); opacity: .12; color: #102a43;
  font-size: 1.05rem; font-weight: 600; overflow: hidden; }
@media print { .watermark { position: fixed; opacity: .18; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
