CREATE TYPE "public"."real_name_document" AS ENUM('home_return_permit', 'hkid', 'mainland_id', 'taiwan_permit', 'passport');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('reached', 'no_answer', 'call_back', 'promised_to_renew', 'declined', 'wrong_number');--> statement-breakpoint
CREATE TYPE "public"."goodwill_item_status" AS ENUM('pending', 'extended', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."goodwill_job_status" AS ENUM('running', 'done');--> statement-breakpoint
CREATE TYPE "public"."goodwill_reason" AS ENUM('network_outage', 'complaint', 'service_failure', 'other');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'goodwill_extension';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'stored_value_top_up';--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"card_id" integer,
	"channel" "contact_channel" NOT NULL,
	"outcome" "contact_outcome" NOT NULL,
	"call_back_at" timestamp with time zone,
	"note" text,
	"ticket_ref" text,
	"staff_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_call_back_at" CHECK (("contacts"."outcome" = 'call_back') = ("contacts"."call_back_at" is not null)),
	CONSTRAINT "contacts_note_length" CHECK ("contacts"."note" is null or char_length("contacts"."note") <= 500),
	CONSTRAINT "contacts_ticket_ref_length" CHECK ("contacts"."ticket_ref" is null or char_length("contacts"."ticket_ref") <= 64)
);
--> statement-breakpoint
CREATE TABLE "goodwill_extensions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "goodwill_extensions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"card_id" integer NOT NULL,
	"days" integer NOT NULL,
	"reason_code" "goodwill_reason" NOT NULL,
	"reason" text NOT NULL,
	"previous_validity_end" timestamp with time zone NOT NULL,
	"new_validity_end" timestamp with time zone NOT NULL,
	"job_id" integer,
	"granted_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goodwill_extensions_days" CHECK ("goodwill_extensions"."days" between 1 and 30),
	CONSTRAINT "goodwill_extensions_moves_forward" CHECK ("goodwill_extensions"."new_validity_end" > "goodwill_extensions"."previous_validity_end"),
	CONSTRAINT "goodwill_extensions_reason_present" CHECK (char_length(btrim("goodwill_extensions"."reason")) between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "goodwill_job_items" (
	"job_id" integer NOT NULL,
	"card_id" integer NOT NULL,
	"status" "goodwill_item_status" DEFAULT 'pending' NOT NULL,
	"skip_reason" text,
	"processed_at" timestamp with time zone,
	CONSTRAINT "goodwill_job_items_job_id_card_id_pk" PRIMARY KEY("job_id","card_id"),
	CONSTRAINT "goodwill_job_items_skip_reason" CHECK (("goodwill_job_items"."status" = 'skipped') = ("goodwill_job_items"."skip_reason" is not null)),
	CONSTRAINT "goodwill_job_items_processed" CHECK (("goodwill_job_items"."status" = 'pending') = ("goodwill_job_items"."processed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "goodwill_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "goodwill_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" uuid NOT NULL,
	"days" integer NOT NULL,
	"reason_code" "goodwill_reason" NOT NULL,
	"reason" text NOT NULL,
	"ticket_ref" text,
	"status" "goodwill_job_status" DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "goodwill_jobs_days" CHECK ("goodwill_jobs"."days" between 1 and 30),
	CONSTRAINT "goodwill_jobs_reason_present" CHECK (char_length(btrim("goodwill_jobs"."reason")) between 1 and 500),
	CONSTRAINT "goodwill_jobs_done_consistent" CHECK (("goodwill_jobs"."status" = 'done') = ("goodwill_jobs"."finished_at" is not null))
);
--> statement-breakpoint
-- "missing" was a registration that did not go through: DOMAIN.md calls it failed.
ALTER TYPE "public"."real_name_status" RENAME VALUE 'missing' TO 'failed';--> statement-breakpoint
ALTER TYPE "public"."real_name_status" ADD VALUE 'not_required';--> statement-breakpoint
ALTER TABLE "card_numbers" ADD COLUMN "real_name_document" real_name_document;--> statement-breakpoint
ALTER TABLE "card_numbers" ADD COLUMN "real_name_document_last4" text;--> statement-breakpoint
ALTER TABLE "card_numbers" ADD COLUMN "real_name_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "card_numbers" ADD COLUMN "real_name_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "lock_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "updated_by" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_extensions" ADD CONSTRAINT "goodwill_extensions_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_extensions" ADD CONSTRAINT "goodwill_extensions_job_id_goodwill_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."goodwill_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_extensions" ADD CONSTRAINT "goodwill_extensions_granted_by_staff_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_job_items" ADD CONSTRAINT "goodwill_job_items_job_id_goodwill_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."goodwill_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_job_items" ADD CONSTRAINT "goodwill_job_items_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_jobs" ADD CONSTRAINT "goodwill_jobs_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_customer" ON "contacts" USING btree ("customer_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_card" ON "contacts" USING btree ("card_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "goodwill_extensions_card" ON "goodwill_extensions" USING btree ("card_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "goodwill_extensions_created_at" ON "goodwill_extensions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "goodwill_extensions_job_card" ON "goodwill_extensions" USING btree ("job_id","card_id") WHERE "goodwill_extensions"."job_id" is not null;--> statement-breakpoint
CREATE INDEX "goodwill_job_items_pending" ON "goodwill_job_items" USING btree ("job_id","card_id") WHERE "goodwill_job_items"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "goodwill_jobs_key" ON "goodwill_jobs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "goodwill_jobs_running" ON "goodwill_jobs" USING btree ("id") WHERE "goodwill_jobs"."status" = 'running';--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_numbers" ADD CONSTRAINT "card_numbers_real_name_last4" CHECK ("card_numbers"."real_name_document_last4" is null or "card_numbers"."real_name_document_last4" ~ '^[A-Z0-9()]{4}$');--> statement-breakpoint
ALTER TABLE "card_numbers" ADD CONSTRAINT "card_numbers_real_name_document_pair" CHECK (("card_numbers"."real_name_document" is null) = ("card_numbers"."real_name_document_last4" is null));