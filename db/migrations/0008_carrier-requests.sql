CREATE TYPE "public"."carrier_request_kind" AS ENUM('activate', 'deactivate', 'suspend', 'resume', 'swap');--> statement-breakpoint
CREATE TYPE "public"."carrier_request_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "carrier_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "carrier_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "carrier_request_kind" NOT NULL,
	"card_id" integer NOT NULL,
	"renewal_id" integer,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" "carrier_request_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"carrier_reference" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "carrier_requests_attempts_nonnegative" CHECK ("carrier_requests"."attempts" >= 0),
	CONSTRAINT "carrier_requests_completed_consistent" CHECK (("carrier_requests"."status" = 'pending') = ("carrier_requests"."completed_at" is null)),
	CONSTRAINT "carrier_requests_reference_on_success" CHECK ("carrier_requests"."status" <> 'succeeded' or "carrier_requests"."carrier_reference" is not null),
	CONSTRAINT "carrier_requests_renewal_kinds" CHECK ("carrier_requests"."kind" not in ('activate', 'deactivate') or "carrier_requests"."renewal_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "method" "payment_method";--> statement-breakpoint
-- Refunds recorded so far went back the way they were paid.
UPDATE "refunds" f SET "method" = p."method" FROM "payments" p WHERE p."id" = f."payment_id";--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "method" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "carrier_requests" ADD CONSTRAINT "carrier_requests_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_requests" ADD CONSTRAINT "carrier_requests_renewal_id_renewals_id_fk" FOREIGN KEY ("renewal_id") REFERENCES "public"."renewals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_requests" ADD CONSTRAINT "carrier_requests_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_requests_dedupe_key" ON "carrier_requests" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "carrier_requests_due" ON "carrier_requests" USING btree ("next_attempt_at") WHERE "carrier_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "carrier_requests_renewal" ON "carrier_requests" USING btree ("renewal_id");--> statement-breakpoint
CREATE INDEX "carrier_requests_card" ON "carrier_requests" USING btree ("card_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "refunds_refunded_by_at" ON "refunds" USING btree ("refunded_by","refunded_at");--> statement-breakpoint
-- Every paid renewal not yet activated becomes a pending activation request, keeping its attempts and last error.
INSERT INTO "carrier_requests" ("kind", "card_id", "renewal_id", "payload", "dedupe_key", "status", "attempts", "last_error", "created_by", "created_at")
SELECT 'activate', r."card_id", r."id",
  jsonb_build_object('startsAt', p."starts_at", 'endsAt', p."ends_at", 'dataCnMb', p."data_cn_mb", 'dataHkMb', p."data_hk_mb"),
  'renewal:' || r."id" || ':activate', 'pending', r."activation_attempts", r."last_activation_error", r."sold_by", r."created_at"
FROM "renewals" r JOIN "periods" p ON p."renewal_id" = r."id"
WHERE r."status" = 'paid';--> statement-breakpoint
ALTER TABLE "renewals" DROP COLUMN "activation_attempts";--> statement-breakpoint
ALTER TABLE "renewals" DROP COLUMN "last_activation_error";--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_reference_format" CHECK ("refunds"."reference" is null or "refunds"."reference" ~ '^[A-Z0-9][A-Z0-9_/.]{3,63}$');--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_reference_for_electronic" CHECK ("refunds"."method" in ('cash', 'stored_value') or "refunds"."reference" is not null) NOT VALID;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_reference_only_electronic" CHECK ("refunds"."method" not in ('cash', 'stored_value') or "refunds"."reference" is null);