CREATE TABLE "bandit_families" (
	"workspace_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"family" text NOT NULL,
	"exposures" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "bandit_families_workspace_id_segment_id_family_pk" PRIMARY KEY("workspace_id","segment_id","family")
);
--> statement-breakpoint
ALTER TABLE "delivery_settings" ADD COLUMN "pooled_prior_strength" integer DEFAULT 300 NOT NULL;--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "style_key" text;--> statement-breakpoint
ALTER TABLE "bandit_families" ADD CONSTRAINT "bandit_families_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Control's family is known for every arm already counted; variants written before style_key pool from now on.
INSERT INTO "bandit_families" ("workspace_id", "segment_id", "family", "exposures", "clicks")
SELECT "workspace_id", "segment_id", 'control', sum("exposures"), sum("clicks") FROM "bandit_arms" WHERE "arm" = 'control' GROUP BY "workspace_id", "segment_id";
