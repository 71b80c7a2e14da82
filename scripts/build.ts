/**
 * `npm run build`: the production build, stamped with the sources it was built from (see
 * build-stamp.ts), so the next `npm start` knows it is fresh. `--if-stale` builds only when the
 * sources differ from the stamp (what `npm start` does before serving).
 */
import { build, ensureFreshBuild } from "./build-stamp";

const root = process.cwd();
const ok = process.argv.includes("--if-stale") ? ensureFreshBuild(root) : build(root);
process.exit(ok ? 0 : 1);
