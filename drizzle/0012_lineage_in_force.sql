-- A segment's lineage covers the version in force as well as the draft being edited: editing an
-- approved or active segment writes a new head version (and its input rows), while the approved
-- version stays in force until the new one is approved. Impact analysis and consent origins must
-- still find the signals, parent segments and channels that version uses, so a segment's catalog
-- edges are now the union of the head's inputs and the approved version's.
CREATE FUNCTION lineage_sync_segment(seg uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  me text := 'segment:' || seg;
  approved jsonb;
BEGIN
  SELECT v.data INTO approved
  FROM segments s JOIN segment_versions v ON v.id = s.approved_version_id
  WHERE s.id = seg AND s.approved_version_id IS DISTINCT FROM s.head_version_id;

  WITH wanted(from_node, to_node) AS (
    SELECT 'signal:' || signal_id, me FROM segment_signal_inputs WHERE segment_id = seg
    UNION SELECT 'segment:' || parent_segment_id, me FROM segment_parent_inputs WHERE segment_id = seg
    UNION SELECT me, 'channel:' || c FROM segments s, unnest(s.channels) AS c WHERE s.id = seg
    UNION SELECT 'signal:' || (x #>> '{}'), me FROM jsonb_path_query(approved -> 'definition', 'lax $.**.signalId') AS x
    UNION SELECT 'segment:' || (x #>> '{}'), me FROM jsonb_path_query(approved -> 'definition', 'lax $.**.segmentId') AS x
    UNION SELECT me, 'channel:' || (c #>> '{}') FROM jsonb_array_elements(coalesce(approved -> 'channels', '[]'::jsonb)) AS c
  ), unwanted AS (
    DELETE FROM lineage_edges e
    WHERE e.origin = 'catalog'
      AND ((e.to_node = me AND (e.from_node LIKE 'signal:%' OR e.from_node LIKE 'segment:%')) OR (e.from_node = me AND e.to_node LIKE 'channel:%'))
      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.from_node = e.from_node AND w.to_node = e.to_node)
  )
  INSERT INTO lineage_edges (from_node, to_node, origin)
  SELECT from_node, to_node, 'catalog' FROM wanted
  ON CONFLICT DO NOTHING;
END $$;
--> statement-breakpoint
-- Input rows change a whole segment's set at a time (delete all, insert the new): once per
-- statement and segment, not once per row.
CREATE FUNCTION lineage_sync_inserted_inputs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lineage_sync_segment(segment_id) FROM (SELECT DISTINCT segment_id FROM new_rows) AS s;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lineage_sync_deleted_inputs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lineage_sync_segment(segment_id) FROM (SELECT DISTINCT segment_id FROM old_rows) AS s;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lineage_sync_segment_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lineage_sync_segment(NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER segment_signal_inputs_lineage ON segment_signal_inputs;
--> statement-breakpoint
DROP TRIGGER segment_parent_inputs_lineage ON segment_parent_inputs;
--> statement-breakpoint
DROP TRIGGER segments_channels_lineage ON segments;
--> statement-breakpoint
DROP FUNCTION lineage_sync_signal_input();
--> statement-breakpoint
DROP FUNCTION lineage_sync_parent_input();
--> statement-breakpoint
DROP FUNCTION lineage_sync_segment_channels();
--> statement-breakpoint
CREATE TRIGGER segment_signal_inputs_lineage_ins AFTER INSERT ON segment_signal_inputs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lineage_sync_inserted_inputs();
--> statement-breakpoint
CREATE TRIGGER segment_signal_inputs_lineage_del AFTER DELETE ON segment_signal_inputs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lineage_sync_deleted_inputs();
--> statement-breakpoint
CREATE TRIGGER segment_parent_inputs_lineage_ins AFTER INSERT ON segment_parent_inputs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lineage_sync_inserted_inputs();
--> statement-breakpoint
CREATE TRIGGER segment_parent_inputs_lineage_del AFTER DELETE ON segment_parent_inputs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lineage_sync_deleted_inputs();
--> statement-breakpoint
CREATE TRIGGER segments_lineage AFTER INSERT OR UPDATE OF channels, approved_version_id, head_version_id ON segments FOR EACH ROW EXECUTE FUNCTION lineage_sync_segment_row();
--> statement-breakpoint
-- Segments whose approved version differs from the head today.
SELECT lineage_sync_segment(id) FROM segments WHERE approved_version_id IS DISTINCT FROM head_version_id;
