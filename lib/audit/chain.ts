/**
 * The tamper-evident audit chain, as pure functions (no database): each tenant's events form
 * one chain, and row n stores
 *
 *   hash_n = hex(SHA-256(hash_{n-1} ‖ canonical JSON of row n)),   hash_0 = 64 zeros
 *
 * where ‖ is plain string concatenation (UTF-8) and the canonical JSON is the record below
 * with object keys sorted at every depth and no whitespace. The CSV export carries the record
 * as it was hashed, so an auditor can check a file with a few lines of any language (README).
 */
import { sha256 } from "@/lib/security/crypto";

export const GENESIS_HASH = "0".repeat(64);

/** What the hash covers: every column of the row except its database id and the hashes. */
export type ChainRecord = {
  seq: number;
  tenant_id: string | null;
  created_at: string;
  actor_type: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  ip: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  poc_id: string | null;
  payload: unknown;
};

/** JSON with sorted keys and no whitespace (JSON.stringify's escaping of strings and numbers). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export const chainHash = (prevHash: string, record: ChainRecord): string => sha256(prevHash + canonicalJson(record));

/** The fields the database fills in while it appends a row: its place in the chain and the IP as inet prints it. */
export type DatabaseFilled = "seq" | "ip";

/**
 * The canonical JSON of a record whose `seq` and `ip` only the database knows yet, as the
 * literal text around them: canonicalJson(record) = parts[0] ‖ json(ip) ‖ parts[1] ‖ json(seq) ‖ parts[2].
 * The append statement hashes it under the chain head's lock (repo.appendChainedEvent, or repo.appendedAfter in the statement of a write), so
 * the head stays locked for one statement instead of a round trip and a second statement.
 */
export function canonicalJsonAround(record: Omit<ChainRecord, DatabaseFilled>): [string, string, string] {
  const holes: DatabaseFilled[] = ["ip", "seq"];
  const entries = Object.entries({ ...record, ip: null, seq: 0 })
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  let text = "{";
  entries.forEach(([key, value], i) => {
    text += `${i === 0 ? "" : ","}${JSON.stringify(key)}:`;
    if ((holes as string[]).includes(key)) {
      parts.push(text);
      text = "";
    } else text += canonicalJson(value);
  });
  parts.push(`${text}}`);
  return parts as [string, string, string];
}

export type StoredLink = { id: number; hash: string | null; prevHash: string | null; record: ChainRecord };

export type ChainBreak = {
  id: number;
  seq: number;
  reason: "altered" | "prev-mismatch" | "gap" | "head-mismatch";
  message: string;
};

/**
 * Walks a chain in `seq` order, a page at a time (feed pages in order; state carries over).
 * A row is broken when its stored hash is not the hash of its contents ("altered"), or when
 * it does not point at the row before it ("prev-mismatch", "gap": a row was removed or moved).
 * The hash is recomputed from the stored previous hash, so one altered row is reported alone.
 */
export class ChainWalker {
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  checked = 0;
  firstBreak: ChainBreak | null = null;

  feed(rows: readonly StoredLink[]): void {
    for (const row of rows) {
      if (this.firstBreak) return;
      this.checked++;
      const { seq } = row.record;
      if (seq !== this.lastSeq + 1) {
        this.firstBreak = { id: row.id, seq, reason: "gap", message: `Rows ${this.lastSeq + 1}–${seq - 1} of the chain are missing before this one` };
      } else if (row.prevHash !== this.lastHash) {
        this.firstBreak = { id: row.id, seq, reason: "prev-mismatch", message: "Its previous hash is not the hash of the row before it (a row was changed or removed)" };
      } else if (row.hash !== chainHash(row.prevHash, row.record)) {
        this.firstBreak = { id: row.id, seq, reason: "altered", message: "Its contents no longer match its hash (the row was altered)" };
      }
      this.lastSeq = seq;
      this.lastHash = row.hash ?? "";
    }
  }

  /** The stored head must be where the walk ended: otherwise the last rows were removed. */
  finish(head: { seq: number; hash: string } | null): void {
    if (this.firstBreak || !head) return;
    if (head.seq !== this.lastSeq || head.hash !== this.lastHash) {
      this.firstBreak = { id: 0, seq: head.seq, reason: "head-mismatch", message: `The chain ends at row ${this.lastSeq}, but its head records row ${head.seq}: the last rows were removed` };
    }
  }
}
