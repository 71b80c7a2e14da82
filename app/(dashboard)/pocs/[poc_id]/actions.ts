"use server";

/**
 * Server actions of a POC page. Each one is a userAction: it validates its input with the
 * same zod schema the REST API uses and calls the POC service, which checks access itself.
 * Ids arrive as leading arguments and are checked to be uuids (anything else: not found).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { userAction } from "@/lib/auth/page";
import {
  CommentParams,
  CreateCommentInput,
  UpdateCommentInput,
  CreateCriterionInput,
  CreateTaskInput,
  Id,
  PocChildParams,
  PocParams,
  TaskGroupInput,
  UpdateCriterionInput,
  UpdatePocInput,
  UpdateTaskGroupInput,
  UpdateTaskInput,
} from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

function uuid(value: unknown, what: string): string {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}

function revalidatePoc(pocId: string): void {
  revalidatePath(`/pocs/${pocId}`);
  revalidatePath("/pocs");
}

// ---- POC ----

export async function updatePocAction(pocId: string, input: z.input<typeof UpdatePocInput>) {
  return userAction(UpdatePocInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    await pocs.updatePoc(actor, id, data);
    revalidatePoc(id);
    redirect(`/pocs/${id}`);
  })(input);
}

export async function deletePocAction(pocId: string) {
  return userAction(PocParams, async ({ poc_id }, actor) => {
    await pocs.deletePoc(actor, poc_id);
    revalidatePath("/pocs");
    redirect("/pocs");
  })({ poc_id: pocId });
}

// ---- Task groups ----

export async function addTaskGroupAction(pocId: string, input: z.input<typeof TaskGroupInput>) {
  return userAction(TaskGroupInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const group = await pocs.addTaskGroup(actor, id, data);
    revalidatePoc(id);
    return group;
  })(input);
}

/** Renames a group and/or moves it among the POC's groups (`position`, 0-based). */
export async function updateTaskGroupAction(pocId: string, groupId: string, input: z.input<typeof UpdateTaskGroupInput>) {
  return userAction(UpdateTaskGroupInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const group = await pocs.updateTaskGroup(actor, id, uuid(groupId, "Task group"), data);
    revalidatePoc(id);
    return group;
  })(input);
}

export async function deleteTaskGroupAction(pocId: string, groupId: string) {
  return userAction(PocChildParams, async ({ poc_id, child_id }, actor) => {
    await pocs.deleteTaskGroup(actor, poc_id, child_id);
    revalidatePoc(poc_id);
    return null;
  })({ poc_id: pocId, child_id: groupId });
}

// ---- Tasks ----

export async function addTaskAction(pocId: string, input: z.input<typeof CreateTaskInput>) {
  return userAction(CreateTaskInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const task = await pocs.addTask(actor, id, data);
    revalidatePoc(id);
    return task;
  })(input);
}

export async function updateTaskAction(pocId: string, taskId: string, input: z.input<typeof UpdateTaskInput>) {
  return userAction(UpdateTaskInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const task = await pocs.updateTask(actor, id, uuid(taskId, "Task"), data);
    revalidatePoc(id);
    return task;
  })(input);
}

export async function deleteTaskAction(pocId: string, taskId: string) {
  return userAction(PocChildParams, async ({ poc_id, child_id }, actor) => {
    await pocs.deleteTask(actor, poc_id, child_id);
    revalidatePoc(poc_id);
    return null;
  })({ poc_id: pocId, child_id: taskId });
}

// ---- Success criteria ----

export async function addCriterionAction(pocId: string, input: z.input<typeof CreateCriterionInput>) {
  return userAction(CreateCriterionInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const criterion = await pocs.addCriterion(actor, id, data);
    revalidatePoc(id);
    return criterion;
  })(input);
}

export async function updateCriterionAction(pocId: string, criterionId: string, input: z.input<typeof UpdateCriterionInput>) {
  return userAction(UpdateCriterionInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const criterion = await pocs.updateCriterion(actor, id, uuid(criterionId, "Success criterion"), data);
    revalidatePoc(id);
    return criterion;
  })(input);
}

export async function deleteCriterionAction(pocId: string, criterionId: string) {
  return userAction(PocChildParams, async ({ poc_id, child_id }, actor) => {
    await pocs.deleteCriterion(actor, poc_id, child_id);
    revalidatePoc(poc_id);
    return null;
  })({ poc_id: pocId, child_id: criterionId });
}

// ---- Comments ----

export async function addCommentAction(pocId: string, input: z.input<typeof CreateCommentInput>) {
  return userAction(CreateCommentInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const comment = await pocs.addComment(actor, id, data);
    revalidatePoc(id);
    return comment;
  })(input);
}

export async function updateCommentAction(pocId: string, commentId: string, input: z.input<typeof UpdateCommentInput>) {
  return userAction(UpdateCommentInput, async (data, actor) => {
    const id = uuid(pocId, "POC");
    const comment = await pocs.updateComment(actor, id, uuid(commentId, "Comment"), data);
    revalidatePoc(id);
    return comment;
  })(input);
}

export async function deleteCommentAction(pocId: string, commentId: string) {
  return userAction(CommentParams, async ({ poc_id, comment_id }, actor) => {
    await pocs.deleteComment(actor, poc_id, comment_id);
    revalidatePoc(poc_id);
    return null;
  })({ poc_id: pocId, comment_id: commentId });
}
