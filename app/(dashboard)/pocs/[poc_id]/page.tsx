import type { Metadata } from "next";
import type { PocActions } from "@/components/poc-view/actions";
import { CommentControls } from "@/components/poc-view/comment-controls";
import { CommentForm } from "@/components/poc-view/comment-form";
import { PocView } from "@/components/poc-view/poc-view";
import { ReplyControl } from "@/components/poc-view/reply-control";
import { EditPocButtons } from "@/components/poc-view/edit-poc-buttons";
import { DownloadMenu } from "@/components/exports/download-menu";
import { ShareControls } from "@/components/sharing/share-controls";
import { requirePageActor } from "@/lib/auth/page";
import { exportDownloads } from "@/lib/exports/formats";
import { emailDelivery } from "@/lib/email/service";
import { shareRightExpiry } from "@/lib/sharing/service";
import { listTeams } from "@/lib/teams/service";
import { listMembers } from "@/lib/tenants/service";
import { pocViewFromDetail, todayIso, type PocViewComment } from "@/lib/pocs/view-model";
import {
  addCommentAction,
  deleteCommentAction,
  updateCommentAction,
  addCriterionAction,
  addTaskAction,
  addTaskGroupAction,
  deleteCriterionAction,
  deletePocAction,
  deleteTaskAction,
  deleteTaskGroupAction,
  updateCriterionAction,
  updateTaskGroupAction,
  updateTaskAction,
} from "./actions";
import { loadAssignees, loadPoc, loadPocSummary } from "./data";

type Props = { params: Promise<{ poc_id: string }> };

const actions: PocActions = {
  deletePoc: deletePocAction,
  addTaskGroup: addTaskGroupAction,
  updateTaskGroup: updateTaskGroupAction,
  deleteTaskGroup: deleteTaskGroupAction,
  addTask: addTaskAction,
  updateTask: updateTaskAction,
  deleteTask: deleteTaskAction,
  addCriterion: addCriterionAction,
  updateCriterion: updateCriterionAction,
  deleteCriterion: deleteCriterionAction,
  addComment: addCommentAction,
  updateComment: updateCommentAction,
  deleteComment: deleteCommentAction,
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
  const [members, teams, ownExpiresAt] = await Promise.all([
    canShare ? listMembers(actor) : [],
    canShare && inPocTenant ? listTeams(actor) : [],
    canShare ? shareRightExpiry(actor, poc.id) : null,
  ]);
  const shareControls = canShare ? (
    <ShareControls
      share={{
        pocId: poc.id,
        pocTitle: poc.title,
        canManage: poc.permissions.manage,
        currentUserId: actor.userId,
        availableActions: poc.permissions.actions,
        members: members.filter((m) => m.active && m.id !== actor.userId).map(({ id, name, email }) => ({ id, name, email })),
        teams: teams.map(({ id, name }) => ({ id, name })),
        showOrgAudiences: inPocTenant,
        canManageLinks: linkAdmin,
        owner: { name: poc.owner.name, email: members.find((m) => m.id === poc.owner.id)?.email ?? null },
        ownExpiresAt,
        emailDelivery: emailDelivery(),
      }}
    />
  ) : null;
  // Internal comments are shown to (and written by) people of the POC's own tenant only.
  const view = pocViewFromDetail(poc, { today: todayIso(), organisation: inPocTenant ? actor.tenantName : null, include_internal: inPocTenant });
  const addComment = can.has("comment") ? actions.addComment.bind(null, poc.id) : null;
  const internalOption = inPocTenant ? (actor.tenantName ?? "your organisation") : undefined;
  const commentControls = (comment: PocViewComment) => {
    const own = comment.author_id === actor.userId;
    const edit = own && addComment ? actions.updateComment.bind(null, poc.id, comment.id) : null;
    const remove = (own && addComment) || poc.permissions.manage ? actions.deleteComment.bind(null, poc.id, comment.id) : null;
    return edit || remove ? <CommentControls authorName={comment.author_name} body={comment.body} edit={edit} remove={remove} moderating={!own} /> : null;
  };
  return (
    <PocView
      view={view}
      can={{
        mode: "member",
        edit: canEdit ? { pocId: poc.id, actions, assignees } : null,
        comment:
          addComment || poc.permissions.manage
            ? {
                newThread: addComment ? <CommentForm label="Comment" submitLabel="Post comment" action={addComment} internalOption={internalOption} /> : null,
                reply: (comment) => (addComment ? <ReplyControl parentId={comment.id} authorName={comment.author_name} action={addComment} /> : null),
                controls: commentControls,
              }
            : null,
        downloads: [],
        // The segment's layout tiles the watermark over every page of the POC.
        watermark: null,
        headerActions: (
          <>
            {can.has("download") ? <DownloadMenu downloads={exportDownloads(`/api/v1/pocs/${poc.id}`)} watermarked={poc.permissions.watermark} /> : null}
            {shareControls}
            <EditPocButtons pocId={poc.id} title={poc.title} canEdit={canEdit} deleteAction={poc.permissions.manage ? actions.deletePoc.bind(null, poc.id) : null} />
          </>
        ),
      }}
    />
  );
}
