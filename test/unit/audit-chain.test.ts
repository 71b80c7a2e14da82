import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { canonicalJson, canonicalJsonAround, chainHash, ChainWalker, GENESIS_HASH, type ChainRecord } from "@/lib/audit/chain";
import { decodeCursor, encodeCursor } from "@/lib/audit/schemas";

const record = (seq: number, payload: unknown = { n: seq }): ChainRecord => ({
  seq,
  tenant_id: "7b0c3a52-3c1e-4c4e-9d7e-0c1d2e3f4a5b",
  created_at: "2026-12-01T17:00:00.000Z",
  actor_type: "user",
  actor_user_id: null,
  actor_token_id: null,
  ip: "127.0.0.1",
  action: "grant.updated",
  subject_type: "sharing_grant",
  subject_id: null,
  poc_id: null,
  payload,
});

function chain(n: number) {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const r = record(i + 1);
    const hash = chainHash(prev, r);
    const row = { id: 100 + i, prevHash: prev, hash, record: r };
    prev = hash;
    return row;
  });
}

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order, and has no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ s: 'quote " and \n newline', u: "é", n: null })).toBe('{"n":null,"s":"quote \\" and \\n newline","u":"é"}');
  });

  it("is what Python's json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False) prints (the README's verifier)", () => {
    // Known output of that Python call for this object.
    expect(canonicalJson({ seq: 1, payload: { after: { actions: ["view"] } }, ip: null })).toBe('{"ip":null,"payload":{"after":{"actions":["view"]}},"seq":1}');
  });
});

describe("chainHash", () => {
  it("is SHA-256 over the previous hash followed by the canonical record", () => {
    const r = record(1);
    expect(chainHash(GENESIS_HASH, r)).toBe(createHash("sha256").update(GENESIS_HASH + canonicalJson(r)).digest("hex"));
  });
});

describe("ChainWalker", () => {
  it("accepts an intact chain fed in pages, and its head", () => {
    const rows = chain(5);
    const walker = new ChainWalker();
    walker.feed(rows.slice(0, 2));
    walker.feed(rows.slice(2));
    walker.finish({ seq: 5, hash: rows[4]!.hash });
    expect(walker.firstBreak).toBeNull();
    expect(walker.checked).toBe(5);
  });

  it("names an altered row, a removed row, a re-hashed row and a removed tail", () => {
    const altered = chain(4);
    altered[1] = { ...altered[1]!, record: record(2, { n: 99 }) };
    const w1 = new ChainWalker();
    w1.feed(altered);
    expect(w1.firstBreak).toMatchObject({ id: 101, reason: "altered" });

    const removed = chain(4).filter((r) => r.record.seq !== 2);
    const w2 = new ChainWalker();
    w2.feed(removed);
    expect(w2.firstBreak).toMatchObject({ id: 102, reason: "gap" });

    // An intruder who re-hashes the row they changed breaks the next row's link instead.
    const rehashed = chain(4);
    const forged = record(2, { n: 99 });
    rehashed[1] = { ...rehashed[1]!, record: forged, hash: chainHash(rehashed[1]!.prevHash, forged) };
    const w3 = new ChainWalker();
    w3.feed(rehashed);
    expect(w3.firstBreak).toMatchObject({ id: 102, reason: "prev-mismatch" });

    const rows = chain(4);
    const w4 = new ChainWalker();
    w4.feed(rows.slice(0, 3));
    w4.finish({ seq: 4, hash: rows[3]!.hash });
    expect(w4.firstBreak).toMatchObject({ reason: "head-mismatch", seq: 4 });
  });
});

describe("canonicalJsonAround", () => {
  it("leaves exactly the IP and seq for the database: the parts around them rebuild canonicalJson", () => {
    for (const ip of [null, "203.0.113.7", "2001:db8::1"]) {
      for (const seq of [1, 42, 9_007_199_254]) {
        const full = { ...record(seq, { note: "quote \" and ünïcode", nested: { z: 1, a: [2, { y: null, b: "x" }] } }), ip };
        const { seq: _seq, ip: _ip, ...rest } = full;
        const [beforeIp, beforeSeq, after] = canonicalJsonAround(rest);
        expect(beforeIp + JSON.stringify(ip) + beforeSeq + JSON.stringify(seq) + after).toBe(canonicalJson(full));
      }
    }
  });
});

describe("audit cursors", () => {
  it("round-trip and refuse anything else", () => {
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
    for (const bad of ["", "12345", "ae1.", "ae1.!!!", `ae1.${Buffer.from("-3").toString("base64url")}`, `ae1.${Buffer.from("1e400").toString("base64url")}`]) expect(decodeCursor(bad)).toBeNull();
  });
});
