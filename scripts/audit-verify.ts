// `npm run audit:verify [-- --checkpoint FILE] [-- --write-checkpoint FILE]`: walks the whole
// audit chain and prints the first broken link. Exit codes: 0 intact, 1 broken (or the
// checkpoint does not match), 2 a usage or configuration error. On the embedded database it
// takes the server's lock, so it refuses to run while Steward is running on that folder.
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { EnvError, serverEnv } from "../server/env";
import { SYSTEM_ACTOR } from "../server/audit/record";
import { checkpointInput } from "../server/modules/audit/schemas";
import { issueCheckpoint } from "../server/modules/audit/checkpoints";
import { verifyTrail } from "../server/modules/audit/verify";
import { fail as failWith, withScriptDb } from "./open-for-script";

// Usage and configuration errors exit with 2 (1 means a broken chain).
const fail: (message: string) => never = (message) => failWith(message, 2);

const { values: args } = parseArgs({
  options: { checkpoint: { type: "string" }, "write-checkpoint": { type: "string" }, json: { type: "boolean" } },
});

let key: string | null;
try {
  key = serverEnv().checkpointKey;
} catch (err) {
  if (err instanceof EnvError) fail(err.message);
  throw err;
}
if ((args.checkpoint || args["write-checkpoint"]) && !key) fail("Checkpoints need STEWARD_AUDIT_CHECKPOINT_KEY (the key the server signs with).");

let checkpoint: z.infer<typeof checkpointInput> | undefined;
if (args.checkpoint) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(args.checkpoint, "utf8"));
  } catch (err) {
    fail(`Cannot read the checkpoint ${args.checkpoint}: ${(err as Error).message}`);
  }
  const parsed = checkpointInput.safeParse(raw);
  if (!parsed.success) fail(`${args.checkpoint} is not a Steward audit checkpoint.`);
  checkpoint = parsed.data;
}

await withScriptDb(async (opened) => {
  const result = await verifyTrail(opened.db, checkpoint, key);
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else {
    const rate = result.durationMs > 0 ? Math.round((result.checked / result.durationMs) * 1000).toLocaleString("en") : "—";
    console.log(`Checked ${result.checked.toLocaleString("en")} events in ${result.durationMs} ms (${rate} events/s).`);
    if (result.head) console.log(`Chain head: event ${result.head.seq}, hash ${result.head.hash}`);
    if (result.broken) console.log(`BROKEN at event ${result.broken.seq} (${result.broken.problem}): ${result.broken.message}`);
    else console.log("Every event matches its hash and links to the one before it.");
    if (result.checkpoint) console.log(`Checkpoint (event ${result.checkpoint.seq}): ${result.checkpoint.ok ? "OK" : "FAILED"}. ${result.checkpoint.message}`);
  }
  if (!result.ok) process.exitCode = 1;
  else if (args["write-checkpoint"]) {
    const written = await issueCheckpoint(opened.db, { ...SYSTEM_ACTOR, label: "system (audit:verify)" });
    fs.writeFileSync(args["write-checkpoint"], `${JSON.stringify(written, null, 2)}\n`, { mode: 0o644 });
    console.log(`Wrote a signed checkpoint of event ${written.seq} to ${args["write-checkpoint"]}. Keep it outside the database.`);
  }
}, 2);
