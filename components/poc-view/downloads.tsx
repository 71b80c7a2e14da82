import { Download } from "lucide-react";
import type { PocDownload } from "./capabilities";

/** One link per file the viewer may download. */
export function Downloads({ downloads }: { downloads: PocDownload[] }) {
  return downloads.map((d) => (
    <a key={d.format} className="btn btn-secondary" href={d.href} download>
      <Download size={16} aria-hidden="true" />
      {d.label}
    </a>
  ));
}
