/**
 * With DATABASE_URL set, migrates one template database per run; each test file then gets
 * its own copy (CREATE DATABASE ... TEMPLATE), so files never see each other's rows.
 * Without DATABASE_URL every file uses its own in-memory PGlite (see setup.ts).
 */
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabaseUrl: string | null;
    templateDatabase: string | null;
  }
}

export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL || null;
  project.provide("baseDatabaseUrl", baseUrl);
  project.provide("templateDatabase", null);
  if (!baseUrl) return;

  const template = `pocm_tpl_${randomBytes(4).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  // Migrations run in a child process so this process holds no connection to the template.
  execFileSync(process.execPath, ["--import", "tsx", "db/migrate-cli.ts"], {
    env: { ...process.env, DATABASE_URL: withDatabase(baseUrl, template) },
    stdio: "inherit",
  });
  project.provide("templateDatabase", template);

  return async () => {
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}
