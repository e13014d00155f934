CREATE TYPE "public"."escalation_state" AS ENUM('open', 'guided', 'acknowledged', 'closed');--> statement-breakpoint
CREATE TYPE "public"."issue_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."issue_status" AS ENUM('open', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "public"."risk_response" AS ENUM('avoid', 'mitigate', 'transfer', 'accept', 'escalate');--> statement-breakpoint
CREATE TYPE "public"."risk_status" AS ENUM('open', 'closed', 'occurred');--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"pmo_id" uuid NOT NULL,
	"risk_id" uuid,
	"issue_id" uuid,
	"reason" text NOT NULL,
	"summary" text NOT NULL,
	"state" "escalation_state" DEFAULT 'open' NOT NULL,
	"raised_by" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"guidance" text,
	"required_action" text,
	"required_by" date,
	"guided_by" uuid,
	"guided_at" timestamp with time zone,
	"report_back" text,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"closing_note" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"severity" "issue_severity" NOT NULL,
	"owner_person_id" uuid,
	"due_on" date,
	"status" "issue_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"risk_id" uuid,
	"escalated" boolean DEFAULT false NOT NULL,
	"escalated_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner_person_id" uuid,
	"due_on" date,
	"done_on" date,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"probability" integer NOT NULL,
	"impact" integer NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"note" text,
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text NOT NULL,
	"cause" text,
	"effect" text,
	"owner_person_id" uuid,
	"probability" integer NOT NULL,
	"impact" integer NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"response" "risk_response" NOT NULL,
	"status" "risk_status" DEFAULT 'open' NOT NULL,
	"escalated" boolean DEFAULT false NOT NULL,
	"escalated_at" timestamp with time zone,
	"cost_impact_min" numeric(14, 2),
	"cost_impact_likely" numeric(14, 2),
	"cost_impact_max" numeric(14, 2),
	"schedule_impact_min_days" integer,
	"schedule_impact_likely_days" integer,
	"schedule_impact_max_days" integer,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_pmo_id_pmos_id_fk" FOREIGN KEY ("pmo_id") REFERENCES "public"."pmos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_guided_by_users_id_fk" FOREIGN KEY ("guided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalations_pmo_state" ON "escalations" USING btree ("pmo_id","state","raised_at");--> statement-breakpoint
CREATE INDEX "escalations_project" ON "escalations" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_open_risk" ON "escalations" USING btree ("risk_id") WHERE "escalations"."state" <> 'closed' AND "escalations"."risk_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_open_issue" ON "escalations" USING btree ("issue_id") WHERE "escalations"."state" <> 'closed' AND "escalations"."issue_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "issues_project_number" ON "issues" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "issues_risk" ON "issues" USING btree ("risk_id");--> statement-breakpoint
CREATE INDEX "risk_actions_risk" ON "risk_actions" USING btree ("risk_id","position");--> statement-breakpoint
CREATE INDEX "risk_assessments_risk" ON "risk_assessments" USING btree ("risk_id","assessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risks_project_number" ON "risks" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "risks_project_score" ON "risks" USING btree ("project_id","score");