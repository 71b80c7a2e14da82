import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/api/errors";
import { CreateCommentInput, CreatePocInput, CreateTaskInput, UpdatePocInput } from "@/lib/pocs/schemas";

/** The field names a schema rejects in this input (fails the test if it accepts it). */
function rejectedFields(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`schema accepted ${JSON.stringify(input)}`);
  return fieldErrorsOf(result.error).map((e) => e.field);
}

describe("CreatePocInput", () => {
  it("fills defaults and trims text", () => {
    expect(CreatePocInput.parse({ title: "  Pilot  " })).toEqual({
      title: "Pilot",
      description: "",
      customer: "",
      objectives: "",
      status: "draft",
    });
  });

  it("rejects unknown fields (strict)", () => {
    expect(rejectedFields(CreatePocInput, { title: "Pilot", owner_id: "someone" })).toEqual(["owner_id"]);
  });

  it("rejects an empty or blank title", () => {
    expect(rejectedFields(CreatePocInput, { title: "" })).toEqual(["title"]);
    expect(rejectedFields(CreatePocInput, { title: "   " })).toEqual(["title"]);
    expect(rejectedFields(CreatePocInput, {})).toEqual(["title"]);
  });

  it("rejects an end date before the start date, on end_date", () => {
    expect(rejectedFields(CreatePocInput, { title: "Pilot", start_date: "2026-12-01", end_date: "2026-11-30" })).toEqual(["end_date"]);
    expect(CreatePocInput.safeParse({ title: "Pilot", start_date: "2026-12-01", end_date: "2026-12-01" }).success).toBe(true);
  });

  it("rejects malformed dates and unknown statuses", () => {
    expect(rejectedFields(CreatePocInput, { title: "Pilot", start_date: "31/12/2026" })).toEqual(["start_date"]);
    expect(rejectedFields(CreatePocInput, { title: "Pilot", status: "archived" })).toEqual(["status"]);
  });
});

describe("UpdatePocInput", () => {
  it("needs at least one field and applies the same rules", () => {
    expect(rejectedFields(UpdatePocInput, {})).toEqual(["(body)"]);
    expect(rejectedFields(UpdatePocInput, { title: "" })).toEqual(["title"]);
    expect(rejectedFields(UpdatePocInput, { start_date: "2027-01-02", end_date: "2027-01-01" })).toEqual(["end_date"]);
    expect(rejectedFields(UpdatePocInput, { title: "Pilot", tenant_id: "x" })).toEqual(["tenant_id"]);
    expect(UpdatePocInput.parse({ end_date: null })).toEqual({ end_date: null });
  });
});

describe("task and comment inputs", () => {
  it("require uuids for references", () => {
    expect(rejectedFields(CreateTaskInput, { group_id: "1", title: "Do it" })).toEqual(["group_id"]);
    expect(rejectedFields(CreateCommentInput, { body: "Hi", parent_id: "1" })).toEqual(["parent_id"]);
    expect(rejectedFields(CreateCommentInput, { body: "  " })).toEqual(["body"]);
  });
});
