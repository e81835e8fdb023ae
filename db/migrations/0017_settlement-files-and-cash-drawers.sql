CREATE TYPE "public"."cash_drawer_status" AS ENUM('open', 'closed', 'signed_off');--> statement-breakpoint
CREATE TYPE "public"."settlement_format" AS ENUM('wechat_pay', 'alipay', 'generic');--> statement-breakpoint
CREATE TYPE "public"."settlement_line_kind" AS ENUM('payment', 'refund');--> statement-breakpoint
CREATE TYPE "public"."settlement_outcome" AS ENUM('matched', 'amount_differs', 'missing_in_console', 'missing_in_file');--> statement-breakpoint
CREATE TYPE "public"."settlement_resolution" AS ENUM('linked_renewal', 'refunded_outside', 'written_off');--> statement-breakpoint
CREATE TABLE "cash_drawer_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cash_drawer_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"drawer_id" integer NOT NULL,
	"amount_minor" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_drawer_corrections_nonzero" CHECK ("cash_drawer_corrections"."amount_minor" <> 0),
	CONSTRAINT "cash_drawer_corrections_reason" CHECK (char_length(btrim("cash_drawer_corrections"."reason")) between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "cash_drawers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cash_drawers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"staff_id" integer NOT NULL,
	"day" date NOT NULL,
	"currency" "currency" NOT NULL,
	"opening_float_minor" integer NOT NULL,
	"status" "cash_drawer_status" DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"expected_minor" integer,
	"counted_minor" integer,
	"difference_reason" text,
	"signed_off_by" integer,
	"signed_off_at" timestamp with time zone,
	"sign_off_note" text,
	CONSTRAINT "cash_drawers_float" CHECK ("cash_drawers"."opening_float_minor" between 0 and 100000000),
	CONSTRAINT "cash_drawers_closed_consistent" CHECK (("cash_drawers"."status" = 'open') = ("cash_drawers"."closed_at" is null) and ("cash_drawers"."closed_at" is null) = ("cash_drawers"."counted_minor" is null) and ("cash_drawers"."closed_at" is null) = ("cash_drawers"."expected_minor" is null) and ("cash_drawers"."counted_minor" is null or "cash_drawers"."counted_minor" >= 0)),
	CONSTRAINT "cash_drawers_difference_reason" CHECK ("cash_drawers"."counted_minor" is null or "cash_drawers"."counted_minor" = "cash_drawers"."expected_minor" or char_length(btrim("cash_drawers"."difference_reason")) between 1 and 500),
	CONSTRAINT "cash_drawers_signed_off_consistent" CHECK (("cash_drawers"."status" = 'signed_off') = ("cash_drawers"."signed_off_at" is not null) and ("cash_drawers"."signed_off_at" is null) = ("cash_drawers"."signed_off_by" is null) and ("cash_drawers"."signed_off_by" is null or "cash_drawers"."signed_off_by" <> "cash_drawers"."staff_id"))
);
--> statement-breakpoint
CREATE TABLE "settlement_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlement_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"format" "settlement_format" NOT NULL,
	"method" "payment_method" NOT NULL,
	"content_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"line_count" integer NOT NULL,
	"ignored_count" integer DEFAULT 0 NOT NULL,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_files_period_order" CHECK ("settlement_files"."period_to" > "settlement_files"."period_from"),
	CONSTRAINT "settlement_files_method_electronic" CHECK ("settlement_files"."method" in ('wechat_pay', 'alipay', 'fps', 'bank_transfer')),
	CONSTRAINT "settlement_files_sha256" CHECK ("settlement_files"."content_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "settlement_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlement_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_id" integer NOT NULL,
	"line_no" integer,
	"kind" "settlement_line_kind" NOT NULL,
	"reference" text,
	"amount_minor" integer,
	"currency" "currency",
	"occurred_at" timestamp with time zone,
	"outcome" "settlement_outcome" NOT NULL,
	"payment_id" integer,
	"refund_id" integer,
	"resolution" "settlement_resolution",
	"resolution_note" text,
	"linked_renewal_id" integer,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "settlement_lines_file_line" CHECK (("settlement_lines"."line_no" is null) = ("settlement_lines"."outcome" = 'missing_in_file') and ("settlement_lines"."line_no" is null or ("settlement_lines"."reference" is not null and "settlement_lines"."amount_minor" > 0 and "settlement_lines"."currency" is not null and "settlement_lines"."occurred_at" is not null))),
	CONSTRAINT "settlement_lines_console_side" CHECK (("settlement_lines"."outcome" = 'missing_in_console') = ("settlement_lines"."payment_id" is null and "settlement_lines"."refund_id" is null) and ("settlement_lines"."payment_id" is null or "settlement_lines"."refund_id" is null)),
	CONSTRAINT "settlement_lines_resolution" CHECK (("settlement_lines"."resolved_at" is null) = ("settlement_lines"."resolution" is null) and ("settlement_lines"."resolved_at" is null) = ("settlement_lines"."resolved_by" is null) and ("settlement_lines"."resolution" is null or ("settlement_lines"."outcome" <> 'matched' and char_length(btrim("settlement_lines"."resolution_note")) between 1 and 500)) and (("settlement_lines"."resolution" = 'linked_renewal') = ("settlement_lines"."linked_renewal_id" is not null)))
);
--> statement-breakpoint
CREATE TABLE "settlement_mappings" (
	"method" "payment_method" PRIMARY KEY NOT NULL,
	"reference_column" text NOT NULL,
	"amount_column" text NOT NULL,
	"time_column" text NOT NULL,
	"currency_column" text,
	"default_currency" "currency" NOT NULL,
	"updated_by" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cash_drawer_corrections" ADD CONSTRAINT "cash_drawer_corrections_drawer_id_cash_drawers_id_fk" FOREIGN KEY ("drawer_id") REFERENCES "public"."cash_drawers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_drawer_corrections" ADD CONSTRAINT "cash_drawer_corrections_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_drawers" ADD CONSTRAINT "cash_drawers_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_drawers" ADD CONSTRAINT "cash_drawers_signed_off_by_staff_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_files" ADD CONSTRAINT "settlement_files_uploaded_by_staff_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_file_id_settlement_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."settlement_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_linked_renewal_id_renewals_id_fk" FOREIGN KEY ("linked_renewal_id") REFERENCES "public"."renewals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_resolved_by_staff_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_mappings" ADD CONSTRAINT "settlement_mappings_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cash_drawer_corrections_drawer" ON "cash_drawer_corrections" USING btree ("drawer_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_drawers_staff_day_currency" ON "cash_drawers" USING btree ("staff_id","day","currency");--> statement-breakpoint
CREATE INDEX "cash_drawers_day" ON "cash_drawers" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_files_content_key" ON "settlement_files" USING btree ("content_sha256");--> statement-breakpoint
CREATE INDEX "settlement_files_period" ON "settlement_files" USING btree ("method","period_from");--> statement-breakpoint
CREATE INDEX "settlement_lines_file" ON "settlement_lines" USING btree ("file_id","id");--> statement-breakpoint
CREATE INDEX "settlement_lines_payment" ON "settlement_lines" USING btree ("payment_id") WHERE "settlement_lines"."payment_id" is not null;--> statement-breakpoint
CREATE INDEX "settlement_lines_refund" ON "settlement_lines" USING btree ("refund_id") WHERE "settlement_lines"."refund_id" is not null;--> statement-breakpoint
CREATE INDEX "settlement_lines_open_exceptions" ON "settlement_lines" USING btree ("id") WHERE "settlement_lines"."outcome" <> 'matched' and "settlement_lines"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "payments_received_at" ON "payments" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "refunds_refunded_at" ON "refunds" USING btree ("refunded_at","id");
--> statement-breakpoint
-- A closed drawer is immutable: the only change left is its one sign-off (closed → signed_off). Corrections are new rows.
CREATE OR REPLACE FUNCTION cash_drawers_closed_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'cash drawers are never deleted' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.status = 'open' THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'closed' AND NEW.status = 'signed_off'
     AND (NEW.staff_id, NEW.day, NEW.currency, NEW.opening_float_minor, NEW.opened_at, NEW.closed_at,
          NEW.expected_minor, NEW.counted_minor, NEW.difference_reason)
         IS NOT DISTINCT FROM
         (OLD.staff_id, OLD.day, OLD.currency, OLD.opening_float_minor, OLD.opened_at, OLD.closed_at,
          OLD.expected_minor, OLD.counted_minor, OLD.difference_reason) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'cash drawer % is closed: corrections are new entries', OLD.id USING ERRCODE = 'P0001';
END;
$$;--> statement-breakpoint
CREATE TRIGGER cash_drawers_closed_immutable BEFORE UPDATE OR DELETE ON cash_drawers
  FOR EACH ROW EXECUTE FUNCTION cash_drawers_closed_immutable();--> statement-breakpoint
CREATE TRIGGER cash_drawer_corrections_no_change BEFORE UPDATE OR DELETE ON cash_drawer_corrections
  FOR EACH ROW EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER settlement_files_no_change BEFORE UPDATE OR DELETE ON settlement_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
