import { describe, expect, it } from "vitest";
import { describeConstraints, describeType, exampleBody, flattenFields, type JsonSchema } from "@/components/api-docs/json-schema";
import { curlExample } from "@/components/api-docs/operation-card";
import { openApiDocument } from "@/lib/api/openapi";

const doc = openApiDocument("https://poc.example.com");
const body = (path: string, method: string) => (doc.paths[path] as Record<string, any>)[method].requestBody.content["application/json"].schema as JsonSchema;

describe("API reference helpers", () => {
  it("describes every create-task field with its type and constraints", () => {
    const fields = flattenFields(body("/api/v1/pocs/{poc_id}/tasks", "post"));
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.title).toMatchObject({ required: true });
    expect(describeConstraints(byName.title!.schema)).toContain("1–300 characters");
    expect(describeType(byName.group_id!.schema)).toBe("string (uuid)");
    expect(byName.status!.required).toBe(false);
    expect(describeConstraints(byName.status!.schema)).toContain('default `"todo"`');
  });

  it("builds a curl example with the token, the idempotency key and a body that parses", () => {
    const curl = curlExample(
      { method: "post", path: "/api/v1/pocs", summary: "", requestSchema: body("/api/v1/pocs", "post"), query: [], responses: [], idempotent: true, authenticated: true },
      "https://poc.example.com",
    );
    expect(curl).toContain('curl -X POST "https://poc.example.com/api/v1/pocs"');
    expect(curl).toContain("Authorization: Bearer $POC_MANAGER_TOKEN");
    expect(curl).toContain("Idempotency-Key: $(uuidgen)");
    const json = /-d '(.*)'$/.exec(curl)![1]!;
    expect(JSON.parse(json)).toEqual({ title: "text" });
  });

  it("gives example bodies that satisfy required fields", () => {
    expect(exampleBody(body("/api/v1/pocs/{poc_id}/tasks", "post"))).toEqual({ group_id: "00000000-0000-4000-8000-000000000000", title: "text" });
  });

  it("lists the POC list's query parameters in the document", () => {
    const params = (doc.paths["/api/v1/pocs"] as Record<string, any>).get.parameters.filter((p: { in: string }) => p.in === "query").map((p: { name: string }) => p.name);
    expect(params).toEqual(["q", "status", "owner", "sort", "cursor", "limit"]);
  });

  it("answers the POC list as a page with a next cursor", () => {
    const schema = JSON.stringify((doc.paths["/api/v1/pocs"] as Record<string, any>).get.responses["200"]);
    expect(schema).toContain('"next"');
    expect(schema).toContain('"data"');
  });
});
