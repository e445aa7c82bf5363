"use client";

import { useState } from "react";
import { CheckboxGroup, TextArea } from "@/components/ui/field";
import { dataUsePayload } from "@/domain/review-proposals";
import { CHANNELS, LABELS, type Channel } from "@/domain/vocab";
import { issuesByField, ProposalForm, ProposalPanel, PurposeChecks } from "./shared";

/** "Ask for a data-use review" on a signal's or a source's page: a new use of its data, pinned to it as it stands. */
export function DataUseRequest({ subjectType, subjectId, subjectName }: { subjectType: "signal" | "data_source"; subjectId: string; subjectName: string }) {
  const [purposeKeys, setPurposeKeys] = useState<string[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [description, setDescription] = useState("");
  const what = subjectType === "signal" ? "signal" : "source's signals";
  return (
    <ProposalPanel
      buttonLabel="Ask for a data-use review"
      title={`New use of ${subjectName}`}
      intro={`Ask to use this ${what} for something it was not approved for. Reviewers see your proposal next to the purposes the data was collected for as it stands now.`}
    >
      {(close) => (
        <ProposalForm
          label={`Data-use request for ${subjectName}`}
          onCancel={close}
          build={(justification) => {
            const p = dataUsePayload.safeParse({ purposeKeys, channels, description });
            return p.success ? { input: { type: "data_use", subjectType, subjectId, justification, payload: p.data } } : { errors: issuesByField(p.error) };
          }}
        >
          {(errors) => (
            <>
              <PurposeChecks legend="Purposes the data would be used for" name="purposeKeys" value={purposeKeys} onChange={setPurposeKeys} error={errors.purposeKeys} />
              <CheckboxGroup
                legend="Channels (optional)"
                name="channels"
                options={CHANNELS.map((c) => ({ value: c, label: LABELS.channel[c] }))}
                value={channels}
                onChange={setChannels}
                error={errors.channels}
              />
              <TextArea
                label="The new use"
                name="description"
                value={description}
                aria-required
                hint="What would be done with the data, by whom, for how long."
                onChange={(e) => setDescription(e.target.value)}
                error={errors.description}
              />
            </>
          )}
        </ProposalForm>
      )}
    </ProposalPanel>
  );
}
