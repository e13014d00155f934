CREATE TABLE "risk_rollups" (
	"pmo_id" uuid NOT NULL,
	"probability" integer NOT NULL,
	"impact" integer NOT NULL,
	"band" text NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "risk_rollups_pmo_id_probability_impact_band_pk" PRIMARY KEY("pmo_id","probability","impact","band")
);
--> statement-breakpoint
CREATE INDEX "risks_open_score" ON "risks" USING btree ("score" DESC NULLS LAST) WHERE "risks"."status" = 'open';--> statement-breakpoint
-- The open risks per PMO and cell, kept by the writes that move them (raid.tables.ts, riskRollups):
-- each statement on risks takes its old rows' contribution out and puts its new rows' in.
CREATE FUNCTION risks_rollup_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO risk_rollups AS t (pmo_id, probability, impact, band, open, escalated)
  SELECT p.pmo_id, n.probability, n.impact, n.band, count(*), count(*) FILTER (WHERE n.escalated)
    FROM new_rows n JOIN projects p ON p.id = n.project_id
   WHERE n.status = 'open'
   GROUP BY 1, 2, 3, 4
  ON CONFLICT (pmo_id, probability, impact, band) DO UPDATE
    SET open = t.open + EXCLUDED.open, escalated = t.escalated + EXCLUDED.escalated;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION risks_rollup_delete() RETURNS trigger AS $$
BEGIN
  INSERT INTO risk_rollups AS t (pmo_id, probability, impact, band, open, escalated)
  SELECT p.pmo_id, o.probability, o.impact, o.band, -count(*), -count(*) FILTER (WHERE o.escalated)
    FROM old_rows o JOIN projects p ON p.id = o.project_id
   WHERE o.status = 'open'
   GROUP BY 1, 2, 3, 4
  ON CONFLICT (pmo_id, probability, impact, band) DO UPDATE
    SET open = t.open + EXCLUDED.open, escalated = t.escalated + EXCLUDED.escalated;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION risks_rollup_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO risk_rollups AS t (pmo_id, probability, impact, band, open, escalated)
  SELECT pmo_id, probability, impact, band, sum(d), sum(e)
    FROM (SELECT p.pmo_id, o.probability, o.impact, o.band, -1 AS d, CASE WHEN o.escalated THEN -1 ELSE 0 END AS e
            FROM old_rows o JOIN projects p ON p.id = o.project_id WHERE o.status = 'open'
          UNION ALL
          SELECT p.pmo_id, n.probability, n.impact, n.band, 1, CASE WHEN n.escalated THEN 1 ELSE 0 END
            FROM new_rows n JOIN projects p ON p.id = n.project_id WHERE n.status = 'open') c
   GROUP BY 1, 2, 3, 4
  HAVING sum(d) <> 0 OR sum(e) <> 0
  ON CONFLICT (pmo_id, probability, impact, band) DO UPDATE
    SET open = t.open + EXCLUDED.open, escalated = t.escalated + EXCLUDED.escalated;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A project that moves to another PMO takes its open risks with it.
CREATE FUNCTION projects_risk_rollup_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO risk_rollups AS t (pmo_id, probability, impact, band, open, escalated)
  SELECT pmo_id, probability, impact, band, sum(d), sum(e)
    FROM (SELECT o.pmo_id, r.probability, r.impact, r.band, -1 AS d, CASE WHEN r.escalated THEN -1 ELSE 0 END AS e
            FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.pmo_id IS DISTINCT FROM o.pmo_id
            JOIN risks r ON r.project_id = o.id AND r.status = 'open'
          UNION ALL
          SELECT n.pmo_id, r.probability, r.impact, r.band, 1, CASE WHEN r.escalated THEN 1 ELSE 0 END
            FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.pmo_id IS DISTINCT FROM o.pmo_id
            JOIN risks r ON r.project_id = n.id AND r.status = 'open') c
   GROUP BY 1, 2, 3, 4
  HAVING sum(d) <> 0 OR sum(e) <> 0
  ON CONFLICT (pmo_id, probability, impact, band) DO UPDATE
    SET open = t.open + EXCLUDED.open, escalated = t.escalated + EXCLUDED.escalated;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER risks_rollup_insert AFTER INSERT ON risks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION risks_rollup_insert();
--> statement-breakpoint
CREATE TRIGGER risks_rollup_delete AFTER DELETE ON risks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION risks_rollup_delete();
--> statement-breakpoint
CREATE TRIGGER risks_rollup_update AFTER UPDATE ON risks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION risks_rollup_update();
--> statement-breakpoint
CREATE TRIGGER projects_risk_rollup_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION projects_risk_rollup_update();
--> statement-breakpoint
-- The risks there are already, counted once (the triggers keep it from here on).
INSERT INTO risk_rollups (pmo_id, probability, impact, band, open, escalated)
SELECT p.pmo_id, r.probability, r.impact, r.band, count(*), count(*) FILTER (WHERE r.escalated)
  FROM risks r JOIN projects p ON p.id = r.project_id
 WHERE r.status = 'open'
 GROUP BY 1, 2, 3, 4;
