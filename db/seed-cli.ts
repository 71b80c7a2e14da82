import { closeDb, getDb } from "./client";
import { migrateDb } from "./migrate";
import { seedDemo } from "./seed";

await migrateDb();
const wrote = await seedDemo(getDb());
await closeDb();
console.log(wrote ? "Demo data seeded." : "Demo data already present; nothing to do.");
