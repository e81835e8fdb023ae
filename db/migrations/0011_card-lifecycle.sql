CREATE TYPE "public"."card_succession_kind" AS ENUM('replacement', 'new_card');--> statement-breakpoint
CREATE TYPE "public"."replacement_reason" AS ENUM('lost', 'stolen', 'damaged');--> statement-breakpoint
CREATE TYPE "public"."sim_handover" AS ENUM('pickup', 'delivery');--> statement-breakpoint
ALTER TYPE "public"."suspension_reason" ADD VALUE 'stolen' BEFORE 'fraud';--> statement-breakpoint
ALTER TYPE "public"."stored_value_reason" ADD VALUE 'replacement_transfer';--> statement-breakpoint
ALTER TYPE "public"."stored_value_reason" ADD VALUE 'replacement_fee';--> statement-breakpoint
CREATE TABLE "card_successions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "card_successions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "card_succession_kind" NOT NULL,
	"old_card_id" integer NOT NULL,
	"new_card_id" integer NOT NULL,
	"reason" "replacement_reason",
	"form" "card_form" NOT NULL,
	"handover" "sim_handover",
	"delivery_address" text,
	"fee_minor" integer,
	"fee_currency" "currency",
	"payment_id" integer,
	"fee_waived_by" integer,
	"fee_waive_reason" text,
	"ticket_reference" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_successions_distinct_cards" CHECK ("card_successions"."old_card_id" <> "card_successions"."new_card_id"),
	CONSTRAINT "card_successions_reason" CHECK (("card_successions"."kind" = 'replacement') = ("card_successions"."reason" is not null)),
	CONSTRAINT "card_successions_handover" CHECK (("card_successions"."form" = 'physical') = ("card_successions"."handover" is not null) and ("card_successions"."handover" = 'delivery') = ("card_successions"."delivery_address" is not null) and char_length("card_successions"."delivery_address") between 5 and 300),
	CONSTRAINT "card_successions_fee" CHECK (case when "card_successions"."kind" = 'replacement' then coalesce("card_successions"."fee_minor", 0) > 0 and "card_successions"."fee_currency" is not null and (("card_successions"."payment_id" is not null) <> ("card_successions"."fee_waived_by" is not null)) else "card_successions"."fee_minor" is null and "card_successions"."payment_id" is null and "card_successions"."fee_waived_by" is null end),
	CONSTRAINT "card_successions_waive_reason" CHECK (("card_successions"."fee_waived_by" is null) = ("card_successions"."fee_waive_reason" is null) and char_length(btrim("card_successions"."fee_waive_reason")) between 1 and 500),
	CONSTRAINT "card_successions_ticket_length" CHECK (char_length("card_successions"."ticket_reference") <= 64)
);
--> statement-breakpoint
CREATE TABLE "card_suspensions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "card_suspensions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"card_id" integer NOT NULL,
	"reason" "suspension_reason" NOT NULL,
	"note" text,
	"ticket_reference" text,
	"suspended_by" integer,
	"suspended_at" timestamp with time zone NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" integer,
	"lift_note" text,
	"lift_ticket_reference" text,
	"ended_by_replacement_id" integer,
	CONSTRAINT "card_suspensions_fraud_note" CHECK ("card_suspensions"."reason" <> 'fraud' or char_length(btrim(coalesce("card_suspensions"."note", ''))) > 0),
	CONSTRAINT "card_suspensions_ticket_length" CHECK (char_length("card_suspensions"."ticket_reference") <= 64 and char_length("card_suspensions"."lift_ticket_reference") <= 64),
	CONSTRAINT "card_suspensions_note_length" CHECK (char_length("card_suspensions"."note") <= 500 and char_length("card_suspensions"."lift_note") <= 500),
	CONSTRAINT "card_suspensions_lift_consistent" CHECK ("card_suspensions"."lifted_at" is not null or "card_suspensions"."lifted_by" is null),
	CONSTRAINT "card_suspensions_lift_after" CHECK ("card_suspensions"."lifted_at" is null or "card_suspensions"."lifted_at" >= "card_suspensions"."suspended_at")
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "suspended_by" integer;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "replaced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "replaced_by_card_id" integer;--> statement-breakpoint
ALTER TABLE "card_successions" ADD CONSTRAINT "card_successions_old_card_id_cards_id_fk" FOREIGN KEY ("old_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_successions" ADD CONSTRAINT "card_successions_new_card_id_cards_id_fk" FOREIGN KEY ("new_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_successions" ADD CONSTRAINT "card_successions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_successions" ADD CONSTRAINT "card_successions_fee_waived_by_staff_id_fk" FOREIGN KEY ("fee_waived_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_successions" ADD CONSTRAINT "card_successions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_suspensions" ADD CONSTRAINT "card_suspensions_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_suspensions" ADD CONSTRAINT "card_suspensions_suspended_by_staff_id_fk" FOREIGN KEY ("suspended_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_suspensions" ADD CONSTRAINT "card_suspensions_lifted_by_staff_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_successions_old_card_key" ON "card_successions" USING btree ("old_card_id");--> statement-breakpoint
CREATE UNIQUE INDEX "card_successions_new_card_key" ON "card_successions" USING btree ("new_card_id");--> statement-breakpoint
CREATE INDEX "card_successions_created_at" ON "card_successions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "card_suspensions_open_key" ON "card_suspensions" USING btree ("card_id") WHERE "card_suspensions"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "card_suspensions_card" ON "card_suspensions" USING btree ("card_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "card_suspensions_suspended_at" ON "card_suspensions" USING btree ("suspended_at");--> statement-breakpoint
CREATE INDEX "card_suspensions_lifted_at" ON "card_suspensions" USING btree ("lifted_at") WHERE "card_suspensions"."lifted_at" is not null;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_suspended_by_staff_id_fk" FOREIGN KEY ("suspended_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_replaced_by_card_id_cards_id_fk" FOREIGN KEY ("replaced_by_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_suspended_by_consistent" CHECK ("cards"."suspended_by" is null or "cards"."suspended_at" is not null);--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_replaced_consistent" CHECK (("cards"."replaced_at" is null) = ("cards"."replaced_by_card_id" is null));--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_not_replaced_by_itself" CHECK ("cards"."replaced_by_card_id" <> "cards"."id");--> statement-breakpoint
-- Cards suspended before suspensions were tracked get their open record, so every suspension can be lifted the same way.
INSERT INTO "card_suspensions" ("card_id", "reason", "note", "suspended_at")
SELECT "id", "suspension_reason", 'Suspended before suspensions were tracked', "suspended_at" FROM "cards" WHERE "suspended_at" IS NOT NULL;
