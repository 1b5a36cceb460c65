ALTER TABLE "variants" ADD COLUMN "source_variant_id" text;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_source_variant_id_variants_id_fk" FOREIGN KEY ("source_variant_id") REFERENCES "public"."variants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "variants_source_idx" ON "variants" USING btree ("source_variant_id");--> statement-breakpoint
-- Backfill: until now the link was only written in the image's `headline` guardrail check
-- ("Headline from text variant <id>."); an image whose text variant is gone stays unlinked.
UPDATE "variants" AS "image" SET "source_variant_id" = "source"."id"
FROM "variants" AS "source"
WHERE "image"."kind" = 'image' AND "image"."source_variant_id" IS NULL
  AND "source"."kind" = 'text' AND "source"."workspace_id" = "image"."workspace_id" AND "source"."item_id" = "image"."item_id"
  AND "image"."guardrails"->'checks' @> jsonb_build_array(jsonb_build_object('name', 'headline', 'detail', 'Headline from text variant ' || "source"."id" || '.'));
