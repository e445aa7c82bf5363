-- Versions saved before a field existed lack it. Fill in the value the input schema defaults to,
-- so every stored version has the full SegmentVersionData shape (domain/segment-version.ts) and
-- readers need no per-field fallbacks. Keys already present win (the right side of ||).
UPDATE segment_versions SET data = jsonb_build_object(
  'description', '',
  'purposeStatement', '',
  'sensitivityOverride', NULL,
  'refreshCadence', NULL,
  'lookbackDays', NULL,
  'minCohortSize', NULL,
  'frequencyCaps', '{}'::jsonb,
  'rationale', jsonb_build_object('assumptions', '', 'limitations', '', 'expectedOutcomes', ''),
  'team', '',
  'tags', '[]'::jsonb,
  'recertifyBy', NULL
) || data
WHERE NOT (data ?& ARRAY['description', 'purposeStatement', 'sensitivityOverride', 'refreshCadence', 'lookbackDays', 'minCohortSize', 'frequencyCaps', 'rationale', 'team', 'tags', 'recertifyBy']);
