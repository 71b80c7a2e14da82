import type { PocView as PocViewModel } from "@/lib/pocs/view-model";
import type { PocViewCapabilities } from "./capabilities";
import { CommentsSection } from "./comments-section";
import { CriteriaSection } from "./criteria-section";
import { PocFacts } from "./poc-facts";
import { PocHeader } from "./poc-header";
import { PocOverview } from "./poc-overview";
import { TasksSection } from "./tasks-section";
import { Watermark } from "./watermark";

/**
 * The one POC view: the member page, the share page and the embed render this tree, told by
 * `can` what is interactive. What the viewer may see is already decided by the view model.
 */
export function PocView({ view, can }: { view: PocViewModel; can: PocViewCapabilities }) {
  return (
    <div className="poc-detail">
      <PocHeader view={view} can={can} />
      <div className="detail-grid">
        <div className="detail-main">
          <PocOverview view={{ description: view.description, objectives: view.objectives }} />
          <TasksSection view={view} edit={can.edit} />
          {view.comments ? <CommentsSection threads={view.comments} commenting={can.comment} /> : null}
        </div>
        <aside className="detail-side" aria-label="POC details and success criteria">
          <PocFacts
            view={{ status: view.status, customer: view.customer, start_date: view.start_date, end_date: view.end_date, owner_name: view.owner_name, updated_at: view.updated_at }}
          />
          <CriteriaSection view={view} edit={can.edit} />
        </aside>
      </div>
      {can.watermark ? <Watermark email={can.watermark.email} at={can.watermark.at} /> : null}
    </div>
  );
}
