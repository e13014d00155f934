CREATE TYPE "public"."rag" AS ENUM('green', 'amber', 'red');--> statement-breakpoint
CREATE TYPE "public"."status_report_review_outcome" AS ENUM('accepted', 'returned');--> statement-breakpoint
CREATE TABLE "milestone_forecasts" (
	"report_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"forecast_date" date NOT NULL,
	CONSTRAINT "milestone_forecasts_report_id_milestone_id_pk" PRIMARY KEY("report_id","milestone_id")
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"baseline_date" date NOT NULL,
	"gate_key" text,
	"deliverable_key" text,
	"achieved_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_status" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"cadence" text NOT NULL,
	"grace_days" integer NOT NULL,
	"escalate_after_days" integer NOT NULL,
	"owed_period_start" date,
	"next_due_on" date,
	"due_state" text,
	"due_state_on" date,
	"escalated_at" timestamp with time zone,
	"last_report_id" uuid,
	"last_report_state" text,
	"last_as_of" date,
	"last_submitted_at" timestamp with time zone,
	"last_accepted_report_id" uuid,
	"last_accepted_at" timestamp with time zone,
	"reported_overall" "rag",
	"reported_schedule" "rag",
	"reported_cost" "rag",
	"reported_scope" "rag",
	"reported_quality" "rag",
	"reported_risk" "rag",
	"reported_resources" "rag",
	"computed_overall" "rag",
	"computed_schedule" "rag",
	"computed_cost" "rag",
	"computed_scope" "rag",
	"computed_quality" "rag",
	"computed_risk" "rag",
	"computed_resources" "rag",
	"mismatch" boolean DEFAULT false NOT NULL,
	"mismatch_dimensions" text[] DEFAULT '{}' NOT NULL,
	"percent_complete" numeric(5, 2),
	"forecast_finish" date,
	"bac" numeric(14, 2),
	"pv" numeric(14, 2),
	"ev" numeric(14, 2),
	"ac" numeric(14, 2),
	"sv" numeric(14, 2),
	"cv" numeric(14, 2),
	"spi" numeric(12, 4),
	"cpi" numeric(12, 4),
	"eac" numeric(16, 2),
	"etc" numeric(16, 2),
	"vac" numeric(16, 2),
	"tcpi" numeric(12, 4),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_report_notices" (
	"project_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_report_notices_project_id_period_start_kind_pk" PRIMARY KEY("project_id","period_start","kind")
);
--> statement-breakpoint
CREATE TABLE "status_report_reviews" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"outcome" "status_report_review_outcome" NOT NULL,
	"comment" text,
	"reviewed_by" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"as_of" date NOT NULL,
	"percent_complete" numeric(5, 2),
	"actual_cost" numeric(14, 2),
	"rag" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rag_reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"forecast_finish" date,
	"accomplishments" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"help_needed" text DEFAULT '' NOT NULL,
	"baseline_id" uuid,
	"evm" jsonb,
	"computed_rag" jsonb,
	"mismatches" jsonb,
	"mismatch" boolean,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "milestone_forecasts" ADD CONSTRAINT "milestone_forecasts_report_id_status_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."status_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_forecasts" ADD CONSTRAINT "milestone_forecasts_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status" ADD CONSTRAINT "project_status_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status" ADD CONSTRAINT "project_status_last_report_id_status_reports_id_fk" FOREIGN KEY ("last_report_id") REFERENCES "public"."status_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status" ADD CONSTRAINT "project_status_last_accepted_report_id_status_reports_id_fk" FOREIGN KEY ("last_accepted_report_id") REFERENCES "public"."status_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_report_notices" ADD CONSTRAINT "status_report_notices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_report_reviews" ADD CONSTRAINT "status_report_reviews_report_id_status_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."status_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_report_reviews" ADD CONSTRAINT "status_report_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_baseline_id_project_baselines_id_fk" FOREIGN KEY ("baseline_id") REFERENCES "public"."project_baselines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milestone_forecasts_milestone" ON "milestone_forecasts" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "milestones_project" ON "milestones" USING btree ("project_id","baseline_date");--> statement-breakpoint
CREATE INDEX "project_status_due" ON "project_status" USING btree ("next_due_on");--> statement-breakpoint
CREATE INDEX "project_status_mismatch" ON "project_status" USING btree ("mismatch");--> statement-breakpoint
CREATE UNIQUE INDEX "status_reports_period_revision" ON "status_reports" USING btree ("project_id","period_start","revision");--> statement-breakpoint
CREATE INDEX "status_reports_project_as_of" ON "status_reports" USING btree ("project_id","as_of");