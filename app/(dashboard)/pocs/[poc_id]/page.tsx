import type { Metadata } from "next";
import type { PocActions } from "@/components/pocs/actions";
import { CommentsSection } from "@/components/pocs/comments-section";
import { CriteriaSection } from "@/components/pocs/criteria-section";
import { PocFacts } from "@/components/pocs/poc-facts";
import { PocHeader } from "@/components/pocs/poc-header";
import { PocOverview } from "@/components/pocs/poc-overview";
import { TasksSection } from "@/components/pocs/tasks-section";
import { DownloadMenu } from "@/components/exports/download-menu";
import { ShareControls } from "@/components/sharing/share-controls";
import { requirePageActor } from "@/lib/auth/page";
import { exportDownloads } from "@/lib/exports/formats";
import { listGrants } from "@/lib/sharing/service";
import { listTeams } from "@/lib/teams/service";
import { listMembers } from "@/lib/tenants/service";
import {
  addCommentAction,
  addCriterionAction,
  addTaskAction,
  addTaskGroupAction,
  deleteCriterionAction,
  deletePocAction,
  deleteTaskAction,
  deleteTaskGroupAction,
  renameTaskGroupAction,
  updateCriterionAction,
  updateTaskAction,
} from "./actions";
import { loadAssignees, loadPoc, loadPocSummary } from "./data";

type Props = { params: Promise<{ poc_id: string }> };

const actions: PocActions = {
  deletePoc: deletePocAction,
  addTaskGroup: addTaskGroupAction,
  renameTaskGroup: renameTaskGroupAction,
  deleteTaskGroup: deleteTaskGroupAction,
  addTask: addTaskAction,
  updateTask: updateTaskAction,
  deleteTask: deleteTaskAction,
  addCriterion: addCriterionAction,
  updateCriterion: updateCriterionAction,
  deleteCriterion: deleteCriterionAction,
  addComment: addCommentAction,
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const poc = await loadPocSummary((await params).poc_id);
  return { title: poc.title };
}

export default async function PocPage({ params }: Props) {
  const { poc_id } = await params;
  const poc = await loadPoc(poc_id);
  const can = new Set(poc.permissions.actions);
  const canEdit = can.has("edit");
  const assignees = canEdit ? await loadAssignees(poc.id) : [];
  const actor = await requirePageActor();
  // Public links are for admins of the POC's own tenant; Share for everyone holding `share`.
  const inPocTenant = actor.tenantId === poc.tenant_id;
  const linkAdmin = actor.role === "tenant_admin" && inPocTenant;
  const canShare = can.has("share");
  const [grants, members, teams] = await Promise.all([
    linkAdmin ? listGrants(actor, { subject_type: "poc", subject_id: poc.id }) : [],
    canShare ? listMembers(actor) : [],
    canShare && inPocTenant ? listTeams(actor) : [],
  ]);
  const shareControls =
    canShare || linkAdmin ? (
      <ShareControls
        share={
          canShare
            ? {
                pocId: poc.id,
                pocTitle: poc.title,
                canManage: poc.permissions.manage,
                currentUserId: actor.userId,
                availableActions: poc.permissions.actions,
                members: members.filter((m) => m.active && m.id !== actor.userId).map(({ id, name, email }) => ({ id, name, email })),
                teams: teams.map(({ id, name }) => ({ id, name })),
                showOrgAudiences: inPocTenant,
                canEmbed: linkAdmin,
              }
            : null
        }
        link={linkAdmin ? { pocId: poc.id, pocTitle: poc.title, hasLiveLink: grants.some((g) => g.principal_type === "link" && g.state === "active") } : null}
      />
    ) : null;
  return (
    <div className="poc-detail">
      <PocHeader
        poc={poc}
        canEdit={canEdit}
        deleteAction={poc.permissions.manage ? actions.deletePoc.bind(null, poc.id) : null}
        shareControls={shareControls}
        downloads={
          can.has("download") ? <DownloadMenu downloads={exportDownloads(`/api/v1/pocs/${poc.id}`)} watermarked={poc.permissions.watermark} /> : null
        }
      />
      <div className="detail-grid">
        <div className="detail-main">
          <PocOverview poc={poc} />
          <TasksSection poc={poc} canEdit={canEdit} assignees={assignees} actions={actions} />
          <CommentsSection poc={poc} canComment={can.has("comment")} actions={actions} />
        </div>
        <aside className="detail-side" aria-label="POC details and success criteria">
          <PocFacts poc={poc} />
          <CriteriaSection poc={poc} canEdit={canEdit} actions={actions} />
        </aside>
      </div>
    </div>
  );
}
