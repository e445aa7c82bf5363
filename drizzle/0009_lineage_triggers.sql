-- Catalog lineage edges (lineage_edges, 0008) are written by these triggers, in the same
-- transaction as the catalog change that implies them, so the graph can never disagree with the
-- catalog. Nodes are "kind:id": purpose → signal (collected under), source → signal,
-- signal → segment, parent segment → segment, segment → channel.
CREATE FUNCTION lineage_edge_add(f text, t text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO lineage_edges (from_node, to_node, origin) VALUES (f, t, 'catalog') ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint
CREATE FUNCTION lineage_edge_drop(f text, t text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM lineage_edges WHERE from_node = f AND to_node = t AND origin = 'catalog'
$$;
--> statement-breakpoint
CREATE FUNCTION lineage_sync_signal_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM lineage_edge_drop('purpose:' || OLD.purpose_id, 'signal:' || OLD.signal_id); RETURN OLD; END IF;
  PERFORM lineage_edge_add('purpose:' || NEW.purpose_id, 'signal:' || NEW.signal_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER signal_consents_lineage AFTER INSERT OR DELETE ON signal_consents FOR EACH ROW EXECUTE FUNCTION lineage_sync_signal_consent();
--> statement-breakpoint
CREATE FUNCTION lineage_sync_signal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM lineage_edge_drop('source:' || OLD.source_id, 'signal:' || OLD.id); END IF;
  PERFORM lineage_edge_add('source:' || NEW.source_id, 'signal:' || NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER signals_lineage AFTER INSERT OR UPDATE OF source_id ON signals FOR EACH ROW EXECUTE FUNCTION lineage_sync_signal();
--> statement-breakpoint
CREATE FUNCTION lineage_sync_signal_input() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM lineage_edge_drop('signal:' || OLD.signal_id, 'segment:' || OLD.segment_id); RETURN OLD; END IF;
  PERFORM lineage_edge_add('signal:' || NEW.signal_id, 'segment:' || NEW.segment_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER segment_signal_inputs_lineage AFTER INSERT OR DELETE ON segment_signal_inputs FOR EACH ROW EXECUTE FUNCTION lineage_sync_signal_input();
--> statement-breakpoint
CREATE FUNCTION lineage_sync_parent_input() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM lineage_edge_drop('segment:' || OLD.parent_segment_id, 'segment:' || OLD.segment_id); RETURN OLD; END IF;
  PERFORM lineage_edge_add('segment:' || NEW.parent_segment_id, 'segment:' || NEW.segment_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER segment_parent_inputs_lineage AFTER INSERT OR DELETE ON segment_parent_inputs FOR EACH ROW EXECUTE FUNCTION lineage_sync_parent_input();
--> statement-breakpoint
CREATE FUNCTION lineage_sync_segment_channels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lineage_edges WHERE from_node = 'segment:' || NEW.id AND to_node LIKE 'channel:%' AND origin = 'catalog';
  INSERT INTO lineage_edges (from_node, to_node, origin)
  SELECT 'segment:' || NEW.id, 'channel:' || c, 'catalog' FROM unnest(NEW.channels) AS c
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER segments_channels_lineage AFTER INSERT OR UPDATE OF channels ON segments FOR EACH ROW EXECUTE FUNCTION lineage_sync_segment_channels();
--> statement-breakpoint
-- Rows that existed before this migration.
INSERT INTO lineage_edges (from_node, to_node, origin)
SELECT 'purpose:' || purpose_id, 'signal:' || signal_id, 'catalog' FROM signal_consents
UNION SELECT 'source:' || source_id, 'signal:' || id, 'catalog' FROM signals
UNION SELECT 'signal:' || signal_id, 'segment:' || segment_id, 'catalog' FROM segment_signal_inputs
UNION SELECT 'segment:' || parent_segment_id, 'segment:' || segment_id, 'catalog' FROM segment_parent_inputs
UNION SELECT 'segment:' || s.id, 'channel:' || c, 'catalog' FROM segments s, unnest(s.channels) AS c
ON CONFLICT DO NOTHING;
