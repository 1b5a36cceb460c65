CREATE TABLE "variant_versions" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Every statement that inserts, changes or deletes an approved variant (cascades from an item,
-- segment or workspace included) moves its workspace's version, in its own transaction. Statement
-- triggers with transition tables: a bulk write moves each version once, and a statement that
-- touches only drafts, rejections or failures moves none. Workspaces are upserted in key order,
-- as every writer does, so concurrent statements cannot deadlock on the version rows.
CREATE FUNCTION "bump_variant_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "variant_versions" ("workspace_id", "version")
    SELECT DISTINCT "workspace_id", 1 FROM "new_rows" WHERE "status" = 'approved' ORDER BY 1
    ON CONFLICT ("workspace_id") DO UPDATE SET "version" = "variant_versions"."version" + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "variant_versions" ("workspace_id", "version")
    SELECT "workspace_id", 1 FROM (
      SELECT "workspace_id" FROM "new_rows" WHERE "status" = 'approved'
      UNION SELECT "workspace_id" FROM "old_rows" WHERE "status" = 'approved'
    ) AS "changed" ORDER BY 1
    ON CONFLICT ("workspace_id") DO UPDATE SET "version" = "variant_versions"."version" + 1;
  ELSE
    INSERT INTO "variant_versions" ("workspace_id", "version")
    SELECT DISTINCT "workspace_id", 1 FROM "old_rows" WHERE "status" = 'approved' ORDER BY 1
    ON CONFLICT ("workspace_id") DO UPDATE SET "version" = "variant_versions"."version" + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "variants_version_on_insert" AFTER INSERT ON "variants"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_variant_versions"();
--> statement-breakpoint
CREATE TRIGGER "variants_version_on_update" AFTER UPDATE ON "variants"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_variant_versions"();
--> statement-breakpoint
CREATE TRIGGER "variants_version_on_delete" AFTER DELETE ON "variants"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_variant_versions"();
