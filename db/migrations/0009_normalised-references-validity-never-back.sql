CREATE TABLE "payment_reference_collisions" (
	"payment_id" integer PRIMARY KEY NOT NULL,
	"method" "payment_method" NOT NULL,
	"typed_reference" text NOT NULL,
	"normalised_reference" text NOT NULL,
	"kept_payment_id" integer NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "renewals" DROP CONSTRAINT "renewals_validity_moves_forward";--> statement-breakpoint
ALTER TABLE "payment_reference_collisions" ADD CONSTRAINT "payment_reference_collisions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reference_collisions" ADD CONSTRAINT "payment_reference_collisions_kept_payment_id_payments_id_fk" FOREIGN KEY ("kept_payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- References are compared normalised: trim, drop spaces and hyphens, upper-case.
-- In each group of one method's payments whose references normalise alike, the
-- one already normalised (else the first) keeps the reference; the others are
-- collisions: recorded here and reported, and left as typed so nothing is lost.
INSERT INTO "payment_reference_collisions" ("payment_id", "method", "typed_reference", "normalised_reference", "kept_payment_id")
SELECT "id", "method", "reference", "normalised", "kept"
FROM (
  SELECT "id", "method", "reference", "normalised",
    first_value("id") OVER (PARTITION BY "method", "normalised" ORDER BY ("reference" = "normalised") DESC, "id") AS "kept"
  FROM (
    SELECT "id", "method", "reference", upper(regexp_replace(btrim("reference"), '[[:space:]-]+', '', 'g')) AS "normalised"
    FROM "payments" WHERE "reference" IS NOT NULL
  ) n
) ranked
WHERE "id" <> "kept";--> statement-breakpoint
UPDATE "payments" p
SET "reference" = upper(regexp_replace(btrim(p."reference"), '[[:space:]-]+', '', 'g'))
WHERE p."reference" IS NOT NULL
  AND p."reference" <> upper(regexp_replace(btrim(p."reference"), '[[:space:]-]+', '', 'g'))
  AND NOT EXISTS (SELECT 1 FROM "payment_reference_collisions" c WHERE c."payment_id" = p."id");--> statement-breakpoint
DO $$
DECLARE
  found integer;
  listed text;
BEGIN
  SELECT count(*), string_agg(format('payment %s (%s %s) duplicates payment %s', "payment_id", "method", "typed_reference", "kept_payment_id"), '; ' ORDER BY "payment_id")
  INTO found, listed
  FROM (SELECT * FROM "payment_reference_collisions" ORDER BY "payment_id" LIMIT 50) c;
  IF found > 0 THEN
    RAISE WARNING 'Payment references that collide once normalised (% shown; all in payment_reference_collisions, for a supervisor to resolve): %', found, listed;
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_reference_normalised" CHECK ("payments"."reference" is null or "payments"."reference" ~ '^[A-Z0-9][A-Z0-9_/.]{3,63}$') NOT VALID;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_validity_never_moves_back" CHECK ("renewals"."new_validity_end" >= "renewals"."previous_validity_end");