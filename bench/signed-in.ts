/**
 * The signed-in targets of the benchmark (issue 19): route 5's grant create + revoke pairs,
 * route 6's POC page, route 7's task PATCH, and the sequential probes that count their
 * database statements; the POC list's paths (issue 17). Route 4 and the list are plain
 * rotating GETs (bench/run.ts).
 */
import { randomUUID } from "node:crypto";
import { statementsPer, type AppServer, type Target } from "./common";
import type { Seeded } from "./seed";

/**
 * Route 5: a create + revoke pair per cycle, each on a pool POC that has no live link (one
 * live link per POC). A POC goes back to the pool once its revoke succeeded; cycles cut off
 * at the end of a window are cleaned up through the public-link API before the next one.
 */
export function route5Target(base: string, seeded: Seeded): Target {
  const free = [...seeded.poolPocIds];
  const held = new Set<string>();
  const auth = { authorization: `Bearer ${seeded.apiToken}`, "content-type": "application/json" };
  type Ctx = { poc?: string; grantId?: string };
  const releaseHeld = async () => {
    for (const poc of held) {
      await (await fetch(`${base}/api/v1/pocs/${poc}/public-link`, { method: "DELETE", headers: { authorization: auth.authorization } })).arrayBuffer();
      free.push(poc);
    }
    held.clear();
  };
  return {
    name: "route5",
    label: "5. POST + DELETE /api/v1/sharing/grants (link, Idempotency-Key)",
    url: base,
    afterWindow: releaseHeld,
    requests: [
      {
        method: "POST",
        setupRequest: (req, context) => {
          const c = context as Ctx;
          c.poc = free.shift();
          if (!c.poc) throw new Error("route 5: the pool of POCs without a link ran dry");
          held.add(c.poc);
          return {
            ...req,
            method: "POST",
            path: "/api/v1/sharing/grants",
            headers: { ...auth, "idempotency-key": randomUUID() },
            body: JSON.stringify({ subject_type: "poc", subject_id: c.poc, principal_type: "link", actions: ["view"] }),
          };
        },
        onResponse: (status, body, context) => {
          if (status === 201) (context as Ctx).grantId = (JSON.parse(body) as { id: string }).id;
        },
      },
      {
        method: "DELETE",
        setupRequest: (req, context) => {
          const c = context as Ctx;
          // After a failed create this revokes nothing and counts as an error, as it should.
          const grantId = c.grantId ?? "00000000-0000-0000-0000-000000000000";
          return { ...req, method: "DELETE", path: `/api/v1/sharing/grants/${grantId}`, headers: { authorization: auth.authorization }, body: undefined };
        },
        onResponse: (status, _body, context) => {
          const c = context as Ctx;
          if (status === 204 && c.poc) {
            held.delete(c.poc);
            free.push(c.poc);
          }
        },
      },
    ],
  };
}

/** Statements per route 5 pair (create then revoke), on one pool POC. */
export function route5Trips(app: AppServer, seeded: Seeded): Promise<number> {
  const poc = seeded.poolPocIds[0]!;
  const auth = { authorization: `Bearer ${seeded.apiToken}` };
  return statementsPer(app, 10, async () => {
    const created = await fetch(`${app.url}/api/v1/sharing/grants`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ subject_type: "poc", subject_id: poc, principal_type: "link", actions: ["view"] }),
    });
    if (created.status !== 201) throw new Error(`route 5 probe: create HTTP ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const revoked = await fetch(`${app.url}/api/v1/sharing/grants/${id}`, { method: "DELETE", headers: auth });
    await revoked.arrayBuffer();
    if (revoked.status !== 204) throw new Error(`route 5 probe: revoke HTTP ${revoked.status}`);
  });
}

/** Route 6: the signed-in POC page (HTML), over the POCs route 4 reads. */
export function route6Target(base: string, seeded: Seeded, cookie: string): Target {
  const paths = route6Paths(seeded);
  let next = 0;
  return {
    name: "route6",
    label: "6. GET /pocs/{id} (signed-in POC page, HTML)",
    url: base,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, method: "GET", path: paths[next++ % paths.length]!, headers: { cookie } }) }],
  };
}

export const route6Paths = (seeded: Seeded): string[] => seeded.teamPocIds.map((id) => `/pocs/${id}`);

const TASK_STATUSES = ["todo", "in_progress", "blocked", "done"] as const;

/** One PATCH of route 7: the i-th task's status, as the signed-in UI's API client sends it. */
function taskPatch(base: string, seeded: Seeded, cookie: string, i: number) {
  const task = seeded.editTasks[i % seeded.editTasks.length]!;
  return {
    path: `/api/v1/pocs/${task.pocId}/tasks/${task.taskId}`,
    headers: { cookie, origin: base, "content-type": "application/json" },
    body: JSON.stringify({ status: TASK_STATUSES[Math.floor(i / seeded.editTasks.length) % TASK_STATUSES.length] }),
  };
}

/** Route 7: a task PATCH by a member holding `edit` through a user grant (session cookie). */
export function route7Target(base: string, seeded: Seeded, cookie: string): Target {
  if (seeded.editTasks.length === 0) throw new Error("the seed made no editable tasks (route 7)");
  let next = 0;
  return {
    name: "route7",
    label: "7. PATCH /api/v1/pocs/{id}/tasks/{task} (member with edit)",
    url: base,
    requests: [{ method: "PATCH", setupRequest: (req) => ({ ...req, method: "PATCH", ...taskPatch(base, seeded, cookie, next++) }) }],
  };
}

export function route7Trips(app: AppServer, seeded: Seeded, cookie: string): Promise<number> {
  return statementsPer(app, 20, async (i) => {
    const { path, headers, body } = taskPatch(app.url, seeded, cookie, i);
    const res = await fetch(app.url + path, { method: "PATCH", headers, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`route 7 probe: HTTP ${res.status}`);
  });
}

/**
 * The POC list (issue 17): an admin's first page of every POC of the tenant, one path per sort
 * (each sort has its own index), on the API (`list_api`, API token) and the page (`list_page`).
 */
const LIST_QUERIES = ["", "?sort=due", "?sort=title"];
export const listApiPaths = (): string[] => LIST_QUERIES.map((q) => `/api/v1/pocs${q}`);
export const listPagePaths = (): string[] => LIST_QUERIES.map((q) => `/pocs${q}`);
