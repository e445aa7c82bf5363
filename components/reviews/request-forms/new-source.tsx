"use client";

import { useState } from "react";
import { CheckboxGroup, SelectField, TextArea, TextField } from "@/components/ui/field";
import { newSourcePayload } from "@/domain/review-proposals";
import { JURISDICTIONS, LABELS, LAWFUL_BASES, SYSTEM_TYPES } from "@/domain/vocab";

type Jurisdiction = (typeof JURISDICTIONS)[number];
import { issuesByField, ProposalForm, ProposalPanel } from "./shared";

/** "Propose a new source" on the sources list: a source not yet in the catalog, described for review. */
export function NewSourceRequest() {
  const [name, setName] = useState("");
  const [systemType, setSystemType] = useState("");
  const [collects, setCollects] = useState("");
  const [jurisdictions, setJurisdictions] = useState<Jurisdiction[]>([]);
  const [lawfulBasis, setLawfulBasis] = useState("");
  const [consent, setConsent] = useState("");
  return (
    <ProposalPanel
      buttonLabel="Propose a new source"
      title="Propose a new data source"
      intro="Describe a source you want to bring in. A data steward and a privacy officer review it before anyone registers it in the catalog."
    >
      {(close) => (
        <ProposalForm
          label="New source request"
          onCancel={close}
          build={(justification) => {
            const p = newSourcePayload.safeParse({ name, systemType, collects, jurisdictions, lawfulBasis, consent });
            return p.success ? { input: { type: "new_source", justification, payload: p.data } } : { errors: issuesByField(p.error) };
          }}
        >
          {(errors) => (
            <>
              <div className="grid gap-4 md:grid-cols-2">
                <TextField label="Name" name="name" value={name} aria-required onChange={(e) => setName(e.target.value)} error={errors.name} />
                <SelectField label="Kind of system" name="systemType" value={systemType} aria-required onChange={(e) => setSystemType(e.target.value)} error={errors.systemType}>
                  <option value="">Choose…</option>
                  {SYSTEM_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {LABELS.systemType[t]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <TextArea
                label="What it collects"
                name="collects"
                value={collects}
                aria-required
                hint="The data about people it holds, and how it is gathered."
                onChange={(e) => setCollects(e.target.value)}
                error={errors.collects}
              />
              <CheckboxGroup
                legend="Where the people are (jurisdictions)"
                name="jurisdictions"
                options={JURISDICTIONS.map((j) => ({ value: j, label: j }))}
                value={jurisdictions}
                onChange={setJurisdictions}
                error={errors.jurisdictions}
              />
              <SelectField label="Lawful basis" name="lawfulBasis" value={lawfulBasis} aria-required onChange={(e) => setLawfulBasis(e.target.value)} error={errors.lawfulBasis}>
                <option value="">Choose…</option>
                {LAWFUL_BASES.map((b) => (
                  <option key={b} value={b}>
                    {LABELS.lawfulBasis[b]}
                  </option>
                ))}
              </SelectField>
              <TextArea
                label="How consent is captured"
                name="consent"
                value={consent}
                hint="Where and how people are asked. Required when the lawful basis is consent."
                onChange={(e) => setConsent(e.target.value)}
                error={errors.consent}
              />
            </>
          )}
        </ProposalForm>
      )}
    </ProposalPanel>
  );
}
