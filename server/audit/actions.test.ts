import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel } from "@/domain/audit-actions";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every non-test TypeScript file under these folders. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * The action keys the server writes: `action: "x.y"` (or either side of a conditional) in an audit call (recordAudit's event
 * literal). Collected from the code rather than from the declared list, so a key written past the
 * type (a cast, a spread) is caught too.
 */
function emittedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles("server"), ...sourceFiles("scripts")]) {
    const text = readFileSync(file, "utf8");
    // The whole expression up to the next comma, so that both keys of `retire ? "a.x" : "a.y"` count.
    for (const [, expr] of text.matchAll(/\baction:\s*([^,\n]*)/g)) for (const [, key] of expr!.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.set(key!, path.relative(ROOT, file));
  }
  return found;
}

describe("audit action labels", () => {
  it("finds the actions the server emits (the scan itself works)", () => {
    const emitted = emittedActions();
    expect(emitted.size).toBeGreaterThan(40);
    expect(emitted.get("segment.status_changed")).toBe("server/modules/reviews/lifecycle.ts");
  });

  it("labels every action key the server emits", () => {
    const unlabelled = [...emittedActions()].filter(([action]) => !Object.hasOwn(AUDIT_ACTION_LABELS, action)).map(([a, file]) => `${a} (${file})`);
    expect(unlabelled, "add a label to domain/audit-actions.ts").toEqual([]);
  });

  it("gives every declared action a distinct label in words", () => {
    const labels = AUDIT_ACTIONS.map((a) => AUDIT_ACTION_LABELS[a]);
    for (const label of labels) expect(label).toMatch(/^[A-Z][^.]{5,}$/);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("reads a status change or a decision from the event's snapshot", () => {
    expect(auditActionLabel("review.opened", { type: "segment_approval" })).toBe("Segment submitted for approval");
    expect(auditActionLabel("segment.status_changed", { status: "paused" })).toBe("Segment paused");
    expect(auditActionLabel("segment.status_changed", { status: "something_new" })).toBe("Segment status changed");
    expect(auditActionLabel("review.decided", { decision: "approve", role: "steward" })).toBe("Review approved");
    expect(auditActionLabel("segment.status_changed", null)).toBe("Segment status changed");
    expect(auditActionLabel("signal.created", [1, 2])).toBe("Signal created");
  });

  it("shows an action this build does not know as itself", () => {
    expect(auditActionLabel("future.thing")).toBe("future.thing");
    expect(auditActionLabel("toString")).toBe("toString");
  });
});
