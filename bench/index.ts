/** `npm run bench`: every benchmark in turn, each reporting against its own baseline. */
import { spawnSync } from "node:child_process";
import path from "node:path";

const benches = ["load.ts", "order-creation.ts", "pipeline-latency.ts", "eta-accuracy.ts", "driver-auth.ts", "admin-fleet-map.ts", "flood-probe.ts", "lighthouse.ts"];
let failed = false;
for (const bench of benches) {
  console.log(`\n## ${bench}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, bench)], { stdio: "inherit" });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
