CREATE TABLE "bandit_arms" (
	"workspace_id" text NOT NULL,
	"item_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"arm" text NOT NULL,
	"exposures" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "bandit_arms_workspace_id_item_id_segment_id_arm_pk" PRIMARY KEY("workspace_id","item_id","segment_id","arm")
);
--> statement-breakpoint
CREATE TABLE "delivery_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"policy" text NOT NULL,
	"control_enabled" boolean NOT NULL,
	"exploration_floor" double precision NOT NULL,
	"sticky_window_seconds" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposure_outcomes" (
	"workspace_id" text NOT NULL,
	"served_id" text NOT NULL,
	"type" text NOT NULL,
	"event_id" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "exposure_outcomes_workspace_id_served_id_type_pk" PRIMARY KEY("workspace_id","served_id","type")
);
--> statement-breakpoint
CREATE TABLE "exposures" (
	"workspace_id" text NOT NULL,
	"served_id" text NOT NULL,
	"user_id" text NOT NULL,
	"item_id" text NOT NULL,
	"segment_id" text,
	"arm" text NOT NULL,
	"variant_id" text,
	"image_variant_id" text,
	"policy" text,
	"reason" text,
	"propensity" double precision NOT NULL,
	"position" integer NOT NULL,
	"sticky" boolean NOT NULL,
	"served_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "exposures_workspace_id_served_id_pk" PRIMARY KEY("workspace_id","served_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "served_id" text;--> statement-breakpoint
ALTER TABLE "bandit_arms" ADD CONSTRAINT "bandit_arms_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_settings" ADD CONSTRAINT "delivery_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_outcomes" ADD CONSTRAINT "exposure_outcomes_workspace_id_served_id_exposures_workspace_id_served_id_fk" FOREIGN KEY ("workspace_id","served_id") REFERENCES "public"."exposures"("workspace_id","served_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exposures_ws_served_idx" ON "exposures" USING btree ("workspace_id","served_at");--> statement-breakpoint
CREATE INDEX "exposures_ws_item_segment_idx" ON "exposures" USING btree ("workspace_id","item_id","segment_id","served_at");