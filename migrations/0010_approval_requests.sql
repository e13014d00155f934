CREATE TYPE "public"."approval_action_kind" AS ENUM('approve', 'reject', 'request_info', 'answer', 'withdraw', 'remind', 'escalate');--> statement-breakpoint
CREATE TYPE "public"."approval_kind" AS ENUM('budget_increase', 'headcount', 'infrastructure', 'rebaseline', 'scope_change', 'initiation');--> statement-breakpoint
CREATE TYPE "public"."approval_state" AS ENUM('pending', 'info_requested', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."approval_step_state" AS ENUM('waiting', 'active', 'info_requested', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."infrastructure_recurrence" AS ENUM('one_off', 'monthly', 'yearly');--> statement-breakpoint
CREATE TABLE "approval_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"step_id" uuid,
	"action" "approval_action_kind" NOT NULL,
	"actor_user_id" uuid,
	"approver_user_id" uuid,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_delegates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"delegate_user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid,
	"initiation_request_id" uuid,
	"pmo_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "approval_kind" NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"change" jsonb NOT NULL,
	"impact" jsonb NOT NULL,
	"size" jsonb NOT NULL,
	"state" "approval_state" DEFAULT 'pending' NOT NULL,
	"current_step" integer DEFAULT 1 NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_at" timestamp with time zone,
	"effect" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"level" text NOT NULL,
	"approvers" jsonb NOT NULL,
	"quorum" integer NOT NULL,
	"because" text NOT NULL,
	"state" "approval_step_state" DEFAULT 'waiting' NOT NULL,
	"activated_at" timestamp with time zone,
	"due_on" date,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"escalated_to" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_infrastructure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"approval_request_id" uuid NOT NULL,
	"item" text NOT NULL,
	"cost" numeric(14, 2) NOT NULL,
	"recurrence" "infrastructure_recurrence" NOT NULL,
	"needed_by" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_step_id_approval_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."approval_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_actions" ADD CONSTRAINT "approval_actions_approver_user_id_users_id_fk" FOREIGN KEY ("approver_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegates" ADD CONSTRAINT "approval_delegates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegates" ADD CONSTRAINT "approval_delegates_delegate_user_id_users_id_fk" FOREIGN KEY ("delegate_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_initiation_request_id_initiation_requests_id_fk" FOREIGN KEY ("initiation_request_id") REFERENCES "public"."initiation_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_pmo_id_pmos_id_fk" FOREIGN KEY ("pmo_id") REFERENCES "public"."pmos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_infrastructure" ADD CONSTRAINT "project_infrastructure_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_infrastructure" ADD CONSTRAINT "project_infrastructure_approval_request_id_approval_requests_id_fk" FOREIGN KEY ("approval_request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_actions_request" ON "approval_actions" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_actions_one_vote" ON "approval_actions" USING btree ("step_id","approver_user_id") WHERE "approval_actions"."action" IN ('approve', 'reject');--> statement-breakpoint
CREATE INDEX "approval_delegates_delegate" ON "approval_delegates" USING btree ("delegate_user_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_project_number" ON "approval_requests" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "approval_requests_initiation" ON "approval_requests" USING btree ("initiation_request_id");--> statement-breakpoint
CREATE INDEX "approval_requests_pmo_state" ON "approval_requests" USING btree ("pmo_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_steps_request_position" ON "approval_steps" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "approval_steps_active_due" ON "approval_steps" USING btree ("due_on") WHERE "approval_steps"."state" = 'active';--> statement-breakpoint
CREATE INDEX "project_infrastructure_project" ON "project_infrastructure" USING btree ("project_id");