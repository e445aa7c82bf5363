"use client";

import { useState } from "react";
import { NumberField, SelectField } from "@/components/ui/field";
import { CHANNEL_RULE_KINDS, CHANNEL_RULE_LABELS, channelRulePayload, type ChannelRuleKind } from "@/domain/review-proposals";
import { CHANNELS, LABELS } from "@/domain/vocab";
import { issuesByField, ProposalForm, ProposalPanel, PurposeChecks } from "./shared";

/** A number field's text as a number for the schema; empty stays undefined so the schema says "Enter …". */
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** "Propose a channel rule" on the policies page, pinned to the policy version in force. */
export function ChannelRuleRequest() {
  const [channel, setChannel] = useState("");
  const [kind, setKind] = useState<ChannelRuleKind>("frequency_cap");
  const [count, setCount] = useState("");
  const [perDays, setPerDays] = useState("");
  const [size, setSize] = useState("");
  const [purposeKeys, setPurposeKeys] = useState<string[]>([]);
  const rule = kind === "frequency_cap" ? { kind, count: num(count), perDays: num(perDays) } : kind === "min_cohort" ? { kind, size: num(size) } : { kind, purposeKeys };
  return (
    <ProposalPanel
      buttonLabel="Propose a channel rule"
      title="Propose a channel rule"
      intro="A rule for every segment sent to one channel. Reviewers compare it with the policy in force; once approved, a privacy officer sets it here."
    >
      {(close) => (
        <ProposalForm
          label="Channel rule request"
          onCancel={close}
          build={(justification) => {
            const p = channelRulePayload.safeParse({ channel, rule });
            return p.success ? { input: { type: "channel_rule", justification, payload: p.data } } : { errors: issuesByField(p.error) };
          }}
        >
          {(errors) => (
            <>
              <div className="grid gap-4 md:grid-cols-2">
                <SelectField label="Channel" name="channel" value={channel} aria-required onChange={(e) => setChannel(e.target.value)} error={errors.channel}>
                  <option value="">Choose…</option>
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {LABELS.channel[c]}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Rule" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelRuleKind)}>
                  {CHANNEL_RULE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {CHANNEL_RULE_LABELS[k]}
                    </option>
                  ))}
                </SelectField>
              </div>
              {kind === "frequency_cap" && (
                <div className="grid gap-4 sm:grid-cols-2">
                  <NumberField label="At most this many messages" name="count" value={count} aria-required onChange={(e) => setCount(e.target.value)} error={errors["rule.count"]} />
                  <NumberField label="Per this many days" name="perDays" value={perDays} aria-required onChange={(e) => setPerDays(e.target.value)} error={errors["rule.perDays"]} />
                </div>
              )}
              {kind === "min_cohort" && (
                <NumberField label="Minimum cohort size (people)" name="size" value={size} aria-required onChange={(e) => setSize(e.target.value)} error={errors["rule.size"]} />
              )}
              {kind === "allowed_purposes" && (
                <PurposeChecks legend="Purposes allowed on this channel" name="purposeKeys" value={purposeKeys} onChange={setPurposeKeys} error={errors["rule.purposeKeys"]} />
              )}
            </>
          )}
        </ProposalForm>
      )}
    </ProposalPanel>
  );
}
