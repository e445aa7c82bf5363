export type DecisionRecord = { tokenId: string; segmentId: string | null; segmentKey: string; channel: string; allowed: boolean; reasons: { code: string; message: string }[]; at: Date };
export let recordDecisions: (records: DecisionRecord[]) => void = () => {};
export function setDecisionRecorder(fn: (records: DecisionRecord[]) => void) {
  recordDecisions = fn;
}
