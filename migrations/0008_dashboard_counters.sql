ALTER TABLE "project_status" ADD COLUMN "reports_submitted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_status" ADD COLUMN "reports_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_status" ADD COLUMN "reports_reviewed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_status" ADD COLUMN "reviews_within_week" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_status" ADD COLUMN "review_seconds_total" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_status" ADD COLUMN "reports_awaiting_review" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_status" ADD COLUMN "mismatches" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- The mismatches of each row's latest report, with their figures, as later writes keep them.
UPDATE "project_status" ps SET "mismatches" = coalesce(r."mismatches", '[]'::jsonb)
  FROM "status_reports" r WHERE r."id" = ps."last_report_id";--> statement-breakpoint
-- Rows written before these columns existed: count their reports once (later writes keep them).
UPDATE "project_status" ps SET
  "reports_submitted" = c.submitted,
  "reports_on_time" = c.on_time,
  "reports_reviewed" = c.reviewed,
  "reviews_within_week" = c.within_week,
  "review_seconds_total" = c.review_seconds,
  "reports_awaiting_review" = c.awaiting
FROM (
  SELECT v.project_id,
         (SELECT count(*) FROM (SELECT min(r2.due_on) AS due_on, min(r2.submitted_at) AS first_at
                                  FROM "status_reports" r2
                                 WHERE r2.project_id = v.project_id AND r2.submitted_at IS NOT NULL
                                 GROUP BY r2.period_start) p) AS submitted,
         (SELECT count(*) FROM (SELECT min(r2.due_on) AS due_on, min(r2.submitted_at) AS first_at
                                  FROM "status_reports" r2
                                 WHERE r2.project_id = v.project_id AND r2.submitted_at IS NOT NULL
                                 GROUP BY r2.period_start) p
           WHERE (p.first_at AT TIME ZONE 'UTC')::date <= p.due_on) AS on_time,
         count(v.reviewed_at) AS reviewed,
         count(*) FILTER (WHERE v.reviewed_at - v.submitted_at <= interval '7 days') AS within_week,
         coalesce(round(sum(extract(epoch FROM v.reviewed_at - v.submitted_at))), 0)::bigint AS review_seconds,
         count(*) FILTER (WHERE v.reviewed_at IS NULL) AS awaiting
    FROM (SELECT r.project_id, r.submitted_at, rv.reviewed_at
            FROM "status_reports" r LEFT JOIN "status_report_reviews" rv ON rv.report_id = r.id
           WHERE r.submitted_at IS NOT NULL) v
   GROUP BY v.project_id
) c
WHERE ps."project_id" = c.project_id;--> statement-breakpoint
CREATE TABLE "project_rollups" (
	"pmo_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"state" text NOT NULL,
	"projects" integer DEFAULT 0 NOT NULL,
	"total_budget" numeric(20, 2) DEFAULT '0' NOT NULL,
	"evm_projects" integer DEFAULT 0 NOT NULL,
	"ev" numeric(20, 2) DEFAULT '0' NOT NULL,
	"pv" numeric(20, 2) DEFAULT '0' NOT NULL,
	"ac" numeric(20, 2) DEFAULT '0' NOT NULL,
	"budget_projects" integer DEFAULT 0 NOT NULL,
	"budget_bac" numeric(20, 2) DEFAULT '0' NOT NULL,
	"budget_ac" numeric(20, 2) DEFAULT '0' NOT NULL,
	"budget_eac" numeric(20, 2) DEFAULT '0' NOT NULL,
	"mismatches" integer DEFAULT 0 NOT NULL,
	"reports_submitted" integer DEFAULT 0 NOT NULL,
	"reports_on_time" integer DEFAULT 0 NOT NULL,
	"reports_reviewed" integer DEFAULT 0 NOT NULL,
	"reviews_within_week" integer DEFAULT 0 NOT NULL,
	"review_seconds" bigint DEFAULT 0 NOT NULL,
	"reports_awaiting_review" integer DEFAULT 0 NOT NULL,
	"reported_overall_green" integer DEFAULT 0 NOT NULL,
	"reported_overall_amber" integer DEFAULT 0 NOT NULL,
	"reported_overall_red" integer DEFAULT 0 NOT NULL,
	"reported_schedule_green" integer DEFAULT 0 NOT NULL,
	"reported_schedule_amber" integer DEFAULT 0 NOT NULL,
	"reported_schedule_red" integer DEFAULT 0 NOT NULL,
	"reported_cost_green" integer DEFAULT 0 NOT NULL,
	"reported_cost_amber" integer DEFAULT 0 NOT NULL,
	"reported_cost_red" integer DEFAULT 0 NOT NULL,
	"reported_scope_green" integer DEFAULT 0 NOT NULL,
	"reported_scope_amber" integer DEFAULT 0 NOT NULL,
	"reported_scope_red" integer DEFAULT 0 NOT NULL,
	"reported_quality_green" integer DEFAULT 0 NOT NULL,
	"reported_quality_amber" integer DEFAULT 0 NOT NULL,
	"reported_quality_red" integer DEFAULT 0 NOT NULL,
	"reported_risk_green" integer DEFAULT 0 NOT NULL,
	"reported_risk_amber" integer DEFAULT 0 NOT NULL,
	"reported_risk_red" integer DEFAULT 0 NOT NULL,
	"reported_resources_green" integer DEFAULT 0 NOT NULL,
	"reported_resources_amber" integer DEFAULT 0 NOT NULL,
	"reported_resources_red" integer DEFAULT 0 NOT NULL,
	"computed_overall_green" integer DEFAULT 0 NOT NULL,
	"computed_overall_amber" integer DEFAULT 0 NOT NULL,
	"computed_overall_red" integer DEFAULT 0 NOT NULL,
	"computed_schedule_green" integer DEFAULT 0 NOT NULL,
	"computed_schedule_amber" integer DEFAULT 0 NOT NULL,
	"computed_schedule_red" integer DEFAULT 0 NOT NULL,
	"computed_cost_green" integer DEFAULT 0 NOT NULL,
	"computed_cost_amber" integer DEFAULT 0 NOT NULL,
	"computed_cost_red" integer DEFAULT 0 NOT NULL,
	"computed_scope_green" integer DEFAULT 0 NOT NULL,
	"computed_scope_amber" integer DEFAULT 0 NOT NULL,
	"computed_scope_red" integer DEFAULT 0 NOT NULL,
	"computed_quality_green" integer DEFAULT 0 NOT NULL,
	"computed_quality_amber" integer DEFAULT 0 NOT NULL,
	"computed_quality_red" integer DEFAULT 0 NOT NULL,
	"computed_risk_green" integer DEFAULT 0 NOT NULL,
	"computed_risk_amber" integer DEFAULT 0 NOT NULL,
	"computed_risk_red" integer DEFAULT 0 NOT NULL,
	"computed_resources_green" integer DEFAULT 0 NOT NULL,
	"computed_resources_amber" integer DEFAULT 0 NOT NULL,
	"computed_resources_red" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_rollups_pmo_id_phase_key_state_pk" PRIMARY KEY("pmo_id","phase_key","state")
);--> statement-breakpoint
CREATE INDEX "project_status_stale_upcoming" ON "project_status" USING btree ("next_due_on") WHERE "due_state" = 'upcoming';--> statement-breakpoint
CREATE INDEX "project_status_stale_due" ON "project_status" USING btree (("next_due_on" + "grace_days")) WHERE "due_state" = 'due';--> statement-breakpoint
CREATE INDEX "project_status_stale_overdue" ON "project_status" USING btree (("next_due_on" + "grace_days" + "escalate_after_days")) WHERE "due_state" = 'overdue';--> statement-breakpoint
CREATE INDEX "project_status_stale_escalation" ON "project_status" USING btree ("project_id") WHERE "escalated_at" IS NOT NULL AND "due_state" IS DISTINCT FROM 'escalated';--> statement-breakpoint
-- The rollups of the dashboard (project_rollups), kept by statement triggers in the transaction of
-- every write: the contributions of the rows a statement changed (a project with its status row,
-- or none) are taken out as they were and put in as they are, summed per group, and written in key
-- order (so two writers lock the groups they share in the same order); groups whose sums did not
-- move (a renamed project, a due state that stayed) are not written at all.
-- One project's contribution to its group, times sign (1 in, -1 out); s is null without a status row.
-- The values follow the columns of project_rollups in their order (a new column comes here too);
-- PL/pgSQL, so a session plans it once.
CREATE FUNCTION project_rollup_row(sign integer, p projects, s project_status) RETURNS project_rollups AS $$
BEGIN
  RETURN ROW(
    p.pmo_id, p.phase_key, p.state::text,
    sign * (1),
    sign * (p.budget),
    sign * (CASE WHEN (s.ev IS NOT NULL AND s.pv IS NOT NULL AND s.ac IS NOT NULL) THEN 1 ELSE 0 END),
    sign * (CASE WHEN (s.ev IS NOT NULL AND s.pv IS NOT NULL AND s.ac IS NOT NULL) THEN s.ev ELSE 0 END),
    sign * (CASE WHEN (s.ev IS NOT NULL AND s.pv IS NOT NULL AND s.ac IS NOT NULL) THEN s.pv ELSE 0 END),
    sign * (CASE WHEN (s.ev IS NOT NULL AND s.pv IS NOT NULL AND s.ac IS NOT NULL) THEN s.ac ELSE 0 END),
    sign * (CASE WHEN (s.bac IS NOT NULL AND s.ac IS NOT NULL AND s.eac IS NOT NULL) THEN 1 ELSE 0 END),
    sign * (CASE WHEN (s.bac IS NOT NULL AND s.ac IS NOT NULL AND s.eac IS NOT NULL) THEN s.bac ELSE 0 END),
    sign * (CASE WHEN (s.bac IS NOT NULL AND s.ac IS NOT NULL AND s.eac IS NOT NULL) THEN s.ac ELSE 0 END),
    sign * (CASE WHEN (s.bac IS NOT NULL AND s.ac IS NOT NULL AND s.eac IS NOT NULL) THEN s.eac ELSE 0 END),
    sign * (CASE WHEN s.mismatch THEN 1 ELSE 0 END),
    sign * (coalesce(s.reports_submitted, 0)),
    sign * (coalesce(s.reports_on_time, 0)),
    sign * (coalesce(s.reports_reviewed, 0)),
    sign * (coalesce(s.reviews_within_week, 0)),
    sign * (coalesce(s.review_seconds_total, 0)),
    sign * (coalesce(s.reports_awaiting_review, 0)),
    sign * (CASE WHEN s.reported_overall = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_overall = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_overall = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_schedule = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_schedule = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_schedule = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_cost = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_cost = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_cost = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_scope = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_scope = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_scope = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_quality = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_quality = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_quality = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_risk = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_risk = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_risk = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_resources = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_resources = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.reported_resources = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_overall = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_overall = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_overall = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_schedule = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_schedule = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_schedule = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_cost = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_cost = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_cost = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_scope = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_scope = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_scope = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_quality = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_quality = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_quality = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_risk = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_risk = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_risk = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_resources = 'green' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_resources = 'amber' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.computed_resources = 'red' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.due_state = 'overdue' THEN 1 ELSE 0 END),
    sign * (CASE WHEN s.due_state = 'escalated' THEN 1 ELSE 0 END)
  )::project_rollups;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
--> statement-breakpoint
-- Adds contributions to the rollups, summed per group, in key order, skipping the sums of zero
-- (PL/pgSQL, whose plan a session keeps: an SQL function would plan this statement at every call).
CREATE FUNCTION project_rollups_add(deltas project_rollups[]) RETURNS void AS $$
BEGIN
  INSERT INTO project_rollups (pmo_id, phase_key, state, projects, total_budget, evm_projects, ev, pv, ac, budget_projects, budget_bac, budget_ac, budget_eac, mismatches, reports_submitted, reports_on_time, reports_reviewed, reviews_within_week, review_seconds, reports_awaiting_review, reported_overall_green, reported_overall_amber, reported_overall_red, reported_schedule_green, reported_schedule_amber, reported_schedule_red, reported_cost_green, reported_cost_amber, reported_cost_red, reported_scope_green, reported_scope_amber, reported_scope_red, reported_quality_green, reported_quality_amber, reported_quality_red, reported_risk_green, reported_risk_amber, reported_risk_red, reported_resources_green, reported_resources_amber, reported_resources_red, computed_overall_green, computed_overall_amber, computed_overall_red, computed_schedule_green, computed_schedule_amber, computed_schedule_red, computed_cost_green, computed_cost_amber, computed_cost_red, computed_scope_green, computed_scope_amber, computed_scope_red, computed_quality_green, computed_quality_amber, computed_quality_red, computed_risk_green, computed_risk_amber, computed_risk_red, computed_resources_green, computed_resources_amber, computed_resources_red, overdue, escalated)
  SELECT pmo_id, phase_key, state,
         sum(projects),
         sum(total_budget),
         sum(evm_projects),
         sum(ev),
         sum(pv),
         sum(ac),
         sum(budget_projects),
         sum(budget_bac),
         sum(budget_ac),
         sum(budget_eac),
         sum(mismatches),
         sum(reports_submitted),
         sum(reports_on_time),
         sum(reports_reviewed),
         sum(reviews_within_week),
         sum(review_seconds),
         sum(reports_awaiting_review),
         sum(reported_overall_green),
         sum(reported_overall_amber),
         sum(reported_overall_red),
         sum(reported_schedule_green),
         sum(reported_schedule_amber),
         sum(reported_schedule_red),
         sum(reported_cost_green),
         sum(reported_cost_amber),
         sum(reported_cost_red),
         sum(reported_scope_green),
         sum(reported_scope_amber),
         sum(reported_scope_red),
         sum(reported_quality_green),
         sum(reported_quality_amber),
         sum(reported_quality_red),
         sum(reported_risk_green),
         sum(reported_risk_amber),
         sum(reported_risk_red),
         sum(reported_resources_green),
         sum(reported_resources_amber),
         sum(reported_resources_red),
         sum(computed_overall_green),
         sum(computed_overall_amber),
         sum(computed_overall_red),
         sum(computed_schedule_green),
         sum(computed_schedule_amber),
         sum(computed_schedule_red),
         sum(computed_cost_green),
         sum(computed_cost_amber),
         sum(computed_cost_red),
         sum(computed_scope_green),
         sum(computed_scope_amber),
         sum(computed_scope_red),
         sum(computed_quality_green),
         sum(computed_quality_amber),
         sum(computed_quality_red),
         sum(computed_risk_green),
         sum(computed_risk_amber),
         sum(computed_risk_red),
         sum(computed_resources_green),
         sum(computed_resources_amber),
         sum(computed_resources_red),
         sum(overdue),
         sum(escalated)
    FROM unnest(deltas)
   GROUP BY pmo_id, phase_key, state
  HAVING sum(projects) <> 0
      OR sum(total_budget) <> 0
      OR sum(evm_projects) <> 0
      OR sum(ev) <> 0
      OR sum(pv) <> 0
      OR sum(ac) <> 0
      OR sum(budget_projects) <> 0
      OR sum(budget_bac) <> 0
      OR sum(budget_ac) <> 0
      OR sum(budget_eac) <> 0
      OR sum(mismatches) <> 0
      OR sum(reports_submitted) <> 0
      OR sum(reports_on_time) <> 0
      OR sum(reports_reviewed) <> 0
      OR sum(reviews_within_week) <> 0
      OR sum(review_seconds) <> 0
      OR sum(reports_awaiting_review) <> 0
      OR sum(reported_overall_green) <> 0
      OR sum(reported_overall_amber) <> 0
      OR sum(reported_overall_red) <> 0
      OR sum(reported_schedule_green) <> 0
      OR sum(reported_schedule_amber) <> 0
      OR sum(reported_schedule_red) <> 0
      OR sum(reported_cost_green) <> 0
      OR sum(reported_cost_amber) <> 0
      OR sum(reported_cost_red) <> 0
      OR sum(reported_scope_green) <> 0
      OR sum(reported_scope_amber) <> 0
      OR sum(reported_scope_red) <> 0
      OR sum(reported_quality_green) <> 0
      OR sum(reported_quality_amber) <> 0
      OR sum(reported_quality_red) <> 0
      OR sum(reported_risk_green) <> 0
      OR sum(reported_risk_amber) <> 0
      OR sum(reported_risk_red) <> 0
      OR sum(reported_resources_green) <> 0
      OR sum(reported_resources_amber) <> 0
      OR sum(reported_resources_red) <> 0
      OR sum(computed_overall_green) <> 0
      OR sum(computed_overall_amber) <> 0
      OR sum(computed_overall_red) <> 0
      OR sum(computed_schedule_green) <> 0
      OR sum(computed_schedule_amber) <> 0
      OR sum(computed_schedule_red) <> 0
      OR sum(computed_cost_green) <> 0
      OR sum(computed_cost_amber) <> 0
      OR sum(computed_cost_red) <> 0
      OR sum(computed_scope_green) <> 0
      OR sum(computed_scope_amber) <> 0
      OR sum(computed_scope_red) <> 0
      OR sum(computed_quality_green) <> 0
      OR sum(computed_quality_amber) <> 0
      OR sum(computed_quality_red) <> 0
      OR sum(computed_risk_green) <> 0
      OR sum(computed_risk_amber) <> 0
      OR sum(computed_risk_red) <> 0
      OR sum(computed_resources_green) <> 0
      OR sum(computed_resources_amber) <> 0
      OR sum(computed_resources_red) <> 0
      OR sum(overdue) <> 0
      OR sum(escalated) <> 0
   ORDER BY pmo_id, phase_key, state
  ON CONFLICT (pmo_id, phase_key, state) DO UPDATE SET
      projects = project_rollups.projects + EXCLUDED.projects,
      total_budget = project_rollups.total_budget + EXCLUDED.total_budget,
      evm_projects = project_rollups.evm_projects + EXCLUDED.evm_projects,
      ev = project_rollups.ev + EXCLUDED.ev,
      pv = project_rollups.pv + EXCLUDED.pv,
      ac = project_rollups.ac + EXCLUDED.ac,
      budget_projects = project_rollups.budget_projects + EXCLUDED.budget_projects,
      budget_bac = project_rollups.budget_bac + EXCLUDED.budget_bac,
      budget_ac = project_rollups.budget_ac + EXCLUDED.budget_ac,
      budget_eac = project_rollups.budget_eac + EXCLUDED.budget_eac,
      mismatches = project_rollups.mismatches + EXCLUDED.mismatches,
      reports_submitted = project_rollups.reports_submitted + EXCLUDED.reports_submitted,
      reports_on_time = project_rollups.reports_on_time + EXCLUDED.reports_on_time,
      reports_reviewed = project_rollups.reports_reviewed + EXCLUDED.reports_reviewed,
      reviews_within_week = project_rollups.reviews_within_week + EXCLUDED.reviews_within_week,
      review_seconds = project_rollups.review_seconds + EXCLUDED.review_seconds,
      reports_awaiting_review = project_rollups.reports_awaiting_review + EXCLUDED.reports_awaiting_review,
      reported_overall_green = project_rollups.reported_overall_green + EXCLUDED.reported_overall_green,
      reported_overall_amber = project_rollups.reported_overall_amber + EXCLUDED.reported_overall_amber,
      reported_overall_red = project_rollups.reported_overall_red + EXCLUDED.reported_overall_red,
      reported_schedule_green = project_rollups.reported_schedule_green + EXCLUDED.reported_schedule_green,
      reported_schedule_amber = project_rollups.reported_schedule_amber + EXCLUDED.reported_schedule_amber,
      reported_schedule_red = project_rollups.reported_schedule_red + EXCLUDED.reported_schedule_red,
      reported_cost_green = project_rollups.reported_cost_green + EXCLUDED.reported_cost_green,
      reported_cost_amber = project_rollups.reported_cost_amber + EXCLUDED.reported_cost_amber,
      reported_cost_red = project_rollups.reported_cost_red + EXCLUDED.reported_cost_red,
      reported_scope_green = project_rollups.reported_scope_green + EXCLUDED.reported_scope_green,
      reported_scope_amber = project_rollups.reported_scope_amber + EXCLUDED.reported_scope_amber,
      reported_scope_red = project_rollups.reported_scope_red + EXCLUDED.reported_scope_red,
      reported_quality_green = project_rollups.reported_quality_green + EXCLUDED.reported_quality_green,
      reported_quality_amber = project_rollups.reported_quality_amber + EXCLUDED.reported_quality_amber,
      reported_quality_red = project_rollups.reported_quality_red + EXCLUDED.reported_quality_red,
      reported_risk_green = project_rollups.reported_risk_green + EXCLUDED.reported_risk_green,
      reported_risk_amber = project_rollups.reported_risk_amber + EXCLUDED.reported_risk_amber,
      reported_risk_red = project_rollups.reported_risk_red + EXCLUDED.reported_risk_red,
      reported_resources_green = project_rollups.reported_resources_green + EXCLUDED.reported_resources_green,
      reported_resources_amber = project_rollups.reported_resources_amber + EXCLUDED.reported_resources_amber,
      reported_resources_red = project_rollups.reported_resources_red + EXCLUDED.reported_resources_red,
      computed_overall_green = project_rollups.computed_overall_green + EXCLUDED.computed_overall_green,
      computed_overall_amber = project_rollups.computed_overall_amber + EXCLUDED.computed_overall_amber,
      computed_overall_red = project_rollups.computed_overall_red + EXCLUDED.computed_overall_red,
      computed_schedule_green = project_rollups.computed_schedule_green + EXCLUDED.computed_schedule_green,
      computed_schedule_amber = project_rollups.computed_schedule_amber + EXCLUDED.computed_schedule_amber,
      computed_schedule_red = project_rollups.computed_schedule_red + EXCLUDED.computed_schedule_red,
      computed_cost_green = project_rollups.computed_cost_green + EXCLUDED.computed_cost_green,
      computed_cost_amber = project_rollups.computed_cost_amber + EXCLUDED.computed_cost_amber,
      computed_cost_red = project_rollups.computed_cost_red + EXCLUDED.computed_cost_red,
      computed_scope_green = project_rollups.computed_scope_green + EXCLUDED.computed_scope_green,
      computed_scope_amber = project_rollups.computed_scope_amber + EXCLUDED.computed_scope_amber,
      computed_scope_red = project_rollups.computed_scope_red + EXCLUDED.computed_scope_red,
      computed_quality_green = project_rollups.computed_quality_green + EXCLUDED.computed_quality_green,
      computed_quality_amber = project_rollups.computed_quality_amber + EXCLUDED.computed_quality_amber,
      computed_quality_red = project_rollups.computed_quality_red + EXCLUDED.computed_quality_red,
      computed_risk_green = project_rollups.computed_risk_green + EXCLUDED.computed_risk_green,
      computed_risk_amber = project_rollups.computed_risk_amber + EXCLUDED.computed_risk_amber,
      computed_risk_red = project_rollups.computed_risk_red + EXCLUDED.computed_risk_red,
      computed_resources_green = project_rollups.computed_resources_green + EXCLUDED.computed_resources_green,
      computed_resources_amber = project_rollups.computed_resources_amber + EXCLUDED.computed_resources_amber,
      computed_resources_red = project_rollups.computed_resources_red + EXCLUDED.computed_resources_red,
      overdue = project_rollups.overdue + EXCLUDED.overdue,
      escalated = project_rollups.escalated + EXCLUDED.escalated;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION projects_rollup_insert() RETURNS trigger AS $$
BEGIN
  PERFORM project_rollups_add(ARRAY(
      SELECT project_rollup_row(1, p, s) FROM new_rows p LEFT JOIN project_status s ON s.project_id = p.id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION projects_rollup_delete() RETURNS trigger AS $$
BEGIN
  PERFORM project_rollups_add(ARRAY(
      SELECT project_rollup_row(-1, p, s) FROM old_rows p LEFT JOIN project_status s ON s.project_id = p.id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION projects_rollup_update() RETURNS trigger AS $$
BEGIN
  PERFORM project_rollups_add(ARRAY(
      SELECT project_rollup_row(-1, p, s) FROM old_rows p LEFT JOIN project_status s ON s.project_id = p.id
      UNION ALL SELECT project_rollup_row(1, p, s) FROM new_rows p LEFT JOIN project_status s ON s.project_id = p.id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION project_status_rollup_insert() RETURNS trigger AS $$
BEGIN
  PERFORM project_rollups_add(ARRAY(
      SELECT project_rollup_row(-1, p, NULL) FROM new_rows s JOIN projects p ON p.id = s.project_id
      UNION ALL SELECT project_rollup_row(1, p, s) FROM new_rows s JOIN projects p ON p.id = s.project_id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION project_status_rollup_delete() RETURNS trigger AS $$
BEGIN
  PERFORM project_rollups_add(ARRAY(
      SELECT project_rollup_row(-1, p, s) FROM old_rows s JOIN projects p ON p.id = s.project_id
      UNION ALL SELECT project_rollup_row(1, p, NULL) FROM old_rows s JOIN projects p ON p.id = s.project_id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION project_status_rollup_update() RETURNS trigger AS $$
BEGIN
  PERFORM project_rollups_add(ARRAY(
      SELECT project_rollup_row(-1, p, s) FROM old_rows s JOIN projects p ON p.id = s.project_id
      UNION ALL SELECT project_rollup_row(1, p, s) FROM new_rows s JOIN projects p ON p.id = s.project_id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER projects_rollup_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION projects_rollup_insert();
--> statement-breakpoint
CREATE TRIGGER projects_rollup_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION projects_rollup_delete();
--> statement-breakpoint
CREATE TRIGGER projects_rollup_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION projects_rollup_update();
--> statement-breakpoint
CREATE TRIGGER project_status_rollup_insert AFTER INSERT ON project_status REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_status_rollup_insert();
--> statement-breakpoint
CREATE TRIGGER project_status_rollup_delete AFTER DELETE ON project_status REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_status_rollup_delete();
--> statement-breakpoint
CREATE TRIGGER project_status_rollup_update AFTER UPDATE ON project_status REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_status_rollup_update();
--> statement-breakpoint
-- The projects there are already, counted once (the triggers keep it from here on).
SELECT project_rollups_add(ARRAY(SELECT project_rollup_row(1, p, s) FROM projects p LEFT JOIN project_status s ON s.project_id = p.id));
