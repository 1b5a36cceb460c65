CREATE TABLE "generation_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"status" text NOT NULL,
	"request" jsonb NOT NULL,
	"estimate" jsonb NOT NULL,
	"idempotency_key" text,
	"retries" integer DEFAULT 0 NOT NULL,
	"provider_batch_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "generation_tasks" (
	"job_id" text NOT NULL,
	"item_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"variant_id" text,
	"failure_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_tasks_job_id_item_id_segment_id_kind_pk" PRIMARY KEY("job_id","item_id","segment_id","kind")
);
--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_tasks" ADD CONSTRAINT "generation_tasks_job_id_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."generation_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "generation_jobs_idempotency_idx" ON "generation_jobs" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "generation_jobs_ws_created_idx" ON "generation_jobs" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "generation_tasks_status_idx" ON "generation_tasks" USING btree ("job_id","status");