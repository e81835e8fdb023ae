CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'wechat', 'whatsapp', 'email', 'walk_in', 'other');--> statement-breakpoint
CREATE TYPE "public"."payment_purpose" AS ENUM('renewal', 'top_up', 'replacement_fee');--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "renewal_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "customer_id" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "ticket_ref" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "contact_channel" "contact_channel";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "contact_note" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "purpose" "payment_purpose" DEFAULT 'renewal' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "card_id" integer;--> statement-breakpoint
-- Rows the reference normalisation left as typed (collisions) fail its NOT VALID check on any update: set it aside for the backfill.
ALTER TABLE "payments" DROP CONSTRAINT IF EXISTS "payments_reference_normalised";--> statement-breakpoint
UPDATE "payments" p SET "card_id" = r."card_id" FROM "renewals" r WHERE r."id" = p."renewal_id";--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_reference_normalised" CHECK ("payments"."reference" is null or "payments"."reference" ~ '^[A-Z0-9][A-Z0-9_/.]{3,63}$') NOT VALID;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "card_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stored_value_ledger" ADD COLUMN "payment_id" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_value_ledger" ADD CONSTRAINT "stored_value_ledger_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_customer" ON "audit_log" USING btree ("customer_id","id" DESC NULLS LAST) WHERE "audit_log"."customer_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_log_ticket_ref" ON "audit_log" USING btree (upper("ticket_ref")) WHERE "audit_log"."ticket_ref" is not null;--> statement-breakpoint
CREATE INDEX "payments_card_id" ON "payments" USING btree ("card_id","id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_ticket_ref_format" CHECK ("audit_log"."ticket_ref" is null or char_length(btrim("audit_log"."ticket_ref")) between 1 and 64);--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_contact_note_length" CHECK ("audit_log"."contact_note" is null or char_length("audit_log"."contact_note") <= 1000);--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_reason_present" CHECK ("audit_log"."reason" is null or char_length(btrim("audit_log"."reason")) between 1 and 1000);--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_renewal_purpose" CHECK (("payments"."purpose" = 'renewal') = ("payments"."renewal_id" is not null));;--> statement-breakpoint
-- A renewal's payment is for the renewal's card: filled in when a writer names
-- only the renewal, refused when it names another card.
CREATE OR REPLACE FUNCTION payments_card_from_renewal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  renewal_card integer;
BEGIN
  IF NEW.renewal_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT card_id INTO renewal_card FROM renewals WHERE id = NEW.renewal_id;
  IF NEW.card_id IS NULL THEN
    NEW.card_id := renewal_card;
  ELSIF NEW.card_id IS DISTINCT FROM renewal_card THEN
    RAISE EXCEPTION 'payment % names card % but its renewal is for card %', NEW.id, NEW.card_id, renewal_card
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_card_is_renewals';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER payments_card_from_renewal BEFORE INSERT OR UPDATE OF renewal_id, card_id ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_card_from_renewal();--> statement-breakpoint
-- Earlier audit rows get the customer they concern, once, here; from now on
-- writeAudit records it. The append-only trigger is paused for this backfill only.
ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_no_update;--> statement-breakpoint
UPDATE "audit_log" a SET "customer_id" = c."customer_id" FROM "cards" c
  WHERE a."entity_type" = 'card' AND a."entity_id" ~ '^[0-9]{1,9}$' AND c."id" = a."entity_id"::int;--> statement-breakpoint
UPDATE "audit_log" a SET "customer_id" = c."customer_id" FROM "renewals" r JOIN "cards" c ON c."id" = r."card_id"
  WHERE a."entity_type" = 'renewal' AND a."entity_id" ~ '^[0-9]{1,9}$' AND r."id" = a."entity_id"::int;--> statement-breakpoint
UPDATE "audit_log" a SET "customer_id" = c."customer_id" FROM "notifications" n JOIN "cards" c ON c."id" = n."card_id"
  WHERE a."entity_type" = 'notification' AND a."entity_id" ~ '^[0-9]{1,18}$' AND n."id" = a."entity_id"::bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_no_update;