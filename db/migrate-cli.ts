import { closeDb } from "./client";
import { migrateDb } from "./migrate";

await migrateDb();
await closeDb();
console.log("Migrations applied.");
