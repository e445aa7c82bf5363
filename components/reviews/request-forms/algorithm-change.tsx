"use client";

import { useState } from "react";
import { TextArea } from "@/components/ui/field";
import { algorithmChangePayload } from "@/domain/review-proposals";
import { issuesByField, ProposalForm, ProposalPanel } from "./shared";

/** "Propose an algorithm change" on a segment's page, pinned to the segment's current version. */
export function AlgorithmChangeRequest({ segmentId, segmentName, version }: { segmentId: string; segmentName: string; version: number }) {
  const [change, setChange] = useState("");
  const [expectedEffect, setExpectedEffect] = useState("");
  return (
    <ProposalPanel
      buttonLabel="Propose an algorithm change"
      title={`Change how ${segmentName} is computed`}
      intro={`Reviewers compare your proposal with version ${version}: its definition, refresh cadence, lookback window and minimum cohort. Approval records the decision; the change itself is made as a new version.`}
    >
      {(close) => (
        <ProposalForm
          label={`Algorithm change for ${segmentName}`}
          onCancel={close}
          build={(justification) => {
            const p = algorithmChangePayload.safeParse({ change, expectedEffect });
            return p.success ? { input: { type: "algorithm_change", segmentId, justification, payload: p.data } } : { errors: issuesByField(p.error) };
          }}
        >
          {(errors) => (
            <>
              <TextArea
                label="What changes in how it is computed"
                name="change"
                value={change}
                aria-required
                rows={4}
                hint="E.g. a new scoring model, other signals or thresholds, a different refresh."
                onChange={(e) => setChange(e.target.value)}
                error={errors.change}
              />
              <TextArea
                label="Expected effect on the audience (optional)"
                name="expectedEffect"
                value={expectedEffect}
                onChange={(e) => setExpectedEffect(e.target.value)}
                error={errors.expectedEffect}
              />
            </>
          )}
        </ProposalForm>
      )}
    </ProposalPanel>
  );
}
