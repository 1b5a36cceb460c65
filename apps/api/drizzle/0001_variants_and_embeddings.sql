CREATE TABLE "item_embeddings" (
	"model" text NOT NULL,
	"key" text NOT NULL,
	"vector" real[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_embeddings_model_key_pk" PRIMARY KEY("model","key")
);
--> statement-breakpoint
CREATE TABLE "variants" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"item_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"inputs_hash" text NOT NULL,
	"text" jsonb,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provenance" jsonb NOT NULL,
	"guardrails" jsonb NOT NULL,
	"failure_reason" text,
	"edited_by_human" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "variants_inputs_idx" ON "variants" USING btree ("workspace_id","item_id","segment_id","kind","inputs_hash");--> statement-breakpoint
CREATE INDEX "variants_item_idx" ON "variants" USING btree ("workspace_id","item_id","created_at");