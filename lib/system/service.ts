import { pingDatabase } from "./repo";

/** Readiness: the database answers a trivial query. */
export async function databaseIsReady(): Promise<boolean> {
  try {
    await pingDatabase();
    return true;
  } catch {
    return false;
  }
}
