CREATE TYPE "public"."card_form" AS ENUM('physical', 'esim');--> statement-breakpoint
CREATE TYPE "public"."number_region" AS ENUM('HK', 'CN');--> statement-breakpoint
CREATE TYPE "public"."real_name_status" AS ENUM('verified', 'pending', 'missing');--> statement-breakpoint
CREATE TYPE "public"."suspension_reason" AS ENUM('lost', 'fraud', 'real_name_missing', 'carrier', 'other');--> statement-breakpoint
CREATE TYPE "public"."id_document_type" AS ENUM('hkid', 'mainland_id', 'passport', 'other');--> statement-breakpoint
CREATE TYPE "public"."language" AS ENUM('zh-Hans', 'zh-Hant', 'en');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('renewal_confirmation', 'renewal_voided', 'expiry_reminder', 'resend');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."extension_mode" AS ENUM('stack', 'max_from_today');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."card_state_at_renewal" AS ENUM('active', 'grace');--> statement-breakpoint
CREATE TYPE "public"."currency" AS ENUM('HKD', 'CNY');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('wechat_pay', 'alipay', 'fps', 'bank_transfer', 'cash', 'stored_value');--> statement-breakpoint
CREATE TYPE "public"."renewal_channel" AS ENUM('console', 'self_service');--> statement-breakpoint
CREATE TYPE "public"."renewal_status" AS ENUM('paid', 'activated', 'voided');--> statement-breakpoint
CREATE TYPE "public"."stored_value_reason" AS ENUM('top_up', 'renewal_payment', 'renewal_refund', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('agent', 'supervisor', 'admin');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_staff_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_numbers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "card_numbers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"card_id" integer NOT NULL,
	"region" "number_region" NOT NULL,
	"msisdn" text NOT NULL,
	"national" text GENERATED ALWAYS AS (case when region = 'HK' then substr(msisdn, 5) else substr(msisdn, 4) end) STORED NOT NULL,
	"last4" text GENERATED ALWAYS AS (right(msisdn, 4)) STORED NOT NULL,
	"real_name_status" real_name_status DEFAULT 'pending' NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_numbers_msisdn_format" CHECK (("card_numbers"."region" = 'HK' and "card_numbers"."msisdn" ~ '^\+852[0-9]{8}$') or ("card_numbers"."region" = 'CN' and "card_numbers"."msisdn" ~ '^\+861[0-9]{10}$'))
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"iccid" text NOT NULL,
	"form" "card_form" DEFAULT 'physical' NOT NULL,
	"validity_end" timestamp with time zone NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspension_reason" "suspension_reason",
	"stored_value_hkd_minor" integer DEFAULT 0 NOT NULL,
	"activated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cards_iccid_format" CHECK ("cards"."iccid" ~ '^[0-9]{19,20}$'),
	CONSTRAINT "cards_stored_value_nonnegative" CHECK ("cards"."stored_value_hkd_minor" >= 0),
	CONSTRAINT "cards_suspension_consistent" CHECK (("cards"."suspended_at" is null) = ("cards"."suspension_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_zh" text,
	"name_en" text,
	"email" text,
	"contact_phone" text,
	"preferred_language" "language" DEFAULT 'zh-Hant' NOT NULL,
	"id_document_type" "id_document_type",
	"id_document_last4" text,
	"notes" text,
	"search_name" text GENERATED ALWAYS AS (fold_search_text(coalesce(name_en, '') || ' ' || coalesce(name_zh, ''))) STORED NOT NULL,
	"name_grams" text[] GENERATED ALWAYS AS (cjk_name_grams(name_zh)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_has_name" CHECK (coalesce(btrim("customers"."name_zh"), '') <> '' or coalesce(btrim("customers"."name_en"), '') <> ''),
	CONSTRAINT "customers_email_normalised" CHECK ("customers"."email" is null or "customers"."email" = lower(btrim("customers"."email"))),
	CONSTRAINT "customers_id_document_last4" CHECK ("customers"."id_document_last4" is null or char_length("customers"."id_document_last4") between 1 and 4),
	CONSTRAINT "customers_contact_phone_e164" CHECK ("customers"."contact_phone" is null or "customers"."contact_phone" ~ '^\+[0-9]{8,15}$')
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "notification_kind" NOT NULL,
	"channel" text DEFAULT 'sms' NOT NULL,
	"card_id" integer NOT NULL,
	"renewal_id" integer,
	"to_msisdn" text NOT NULL,
	"language" "language" NOT NULL,
	"body" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"provider_message_id" text,
	"last_error" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_channel" CHECK ("notifications"."channel" in ('sms')),
	CONSTRAINT "notifications_sent_consistent" CHECK (("notifications"."status" = 'sent') = ("notifications"."sent_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"version" integer NOT NULL,
	"validity_days" integer NOT NULL,
	"data_cn_mb" integer NOT NULL,
	"data_hk_mb" integer NOT NULL,
	"price_hkd_minor" integer NOT NULL,
	"price_cny_minor" integer NOT NULL,
	"extension_mode" "extension_mode" DEFAULT 'stack' NOT NULL,
	"effective_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_plan_version_key" UNIQUE("plan_id","version"),
	CONSTRAINT "plan_versions_version_positive" CHECK ("plan_versions"."version" > 0),
	CONSTRAINT "plan_versions_days_range" CHECK ("plan_versions"."validity_days" between 1 and 730),
	CONSTRAINT "plan_versions_data_nonnegative" CHECK ("plan_versions"."data_cn_mb" >= 0 and "plan_versions"."data_hk_mb" >= 0),
	CONSTRAINT "plan_versions_prices_positive" CHECK ("plan_versions"."price_hkd_minor" > 0 and "plan_versions"."price_cny_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"current_version_id" integer,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_code_format" CHECK ("plans"."code" ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
	CONSTRAINT "plans_names_present" CHECK (char_length(btrim("plans"."name_en")) between 1 and 120 and char_length(btrim("plans"."name_zh")) between 1 and 120),
	CONSTRAINT "plans_sellable_has_version" CHECK ("plans"."status" = 'draft' or "plans"."current_version_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" uuid PRIMARY KEY NOT NULL,
	"staff_id" integer NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"renewal_id" integer NOT NULL,
	"method" "payment_method" NOT NULL,
	"reference" text,
	"amount_minor" integer NOT NULL,
	"currency" "currency" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_by" integer,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_minor" > 0),
	CONSTRAINT "payments_reference_required" CHECK ("payments"."method" in ('cash', 'stored_value') or "payments"."reference" is not null),
	CONSTRAINT "payments_reference_format" CHECK ("payments"."reference" is null or char_length("payments"."reference") between 4 and 64),
	CONSTRAINT "payments_stored_value_in_hkd" CHECK ("payments"."method" <> 'stored_value' or "payments"."currency" = 'HKD')
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"renewal_id" integer NOT NULL,
	"card_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"data_cn_mb" integer NOT NULL,
	"data_hk_mb" integer NOT NULL,
	"used_cn_mb" integer DEFAULT 0 NOT NULL,
	"used_hk_mb" integer DEFAULT 0 NOT NULL,
	"voided_at" timestamp with time zone,
	CONSTRAINT "periods_window" CHECK ("periods"."ends_at" > "periods"."starts_at"),
	CONSTRAINT "periods_usage_within_allowance" CHECK ("periods"."used_cn_mb" between 0 and "periods"."data_cn_mb" and "periods"."used_hk_mb" between 0 and "periods"."data_hk_mb")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "refunds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"payment_id" integer NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" "currency" NOT NULL,
	"reason" text NOT NULL,
	"refunded_by" integer NOT NULL,
	"refunded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount_minor" > 0),
	CONSTRAINT "refunds_reason_present" CHECK (char_length(btrim("refunds"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "renewal_daily_stats" (
	"day" date NOT NULL,
	"plan_id" integer NOT NULL,
	"method" "payment_method" NOT NULL,
	"currency" "currency" NOT NULL,
	"channel" "renewal_channel" NOT NULL,
	"sold_by" integer,
	"card_state" "card_state_at_renewal" NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_daily_stats_key" UNIQUE NULLS NOT DISTINCT("day","plan_id","method","currency","channel","sold_by","card_state"),
	CONSTRAINT "renewal_daily_stats_nonnegative" CHECK ("renewal_daily_stats"."renewals" >= 0 and "renewal_daily_stats"."revenue_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "renewals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "renewals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"card_id" integer NOT NULL,
	"plan_version_id" integer NOT NULL,
	"channel" "renewal_channel" NOT NULL,
	"sold_by" integer,
	"card_state" "card_state_at_renewal" NOT NULL,
	"extension_mode" "extension_mode" NOT NULL,
	"previous_validity_end" timestamp with time zone NOT NULL,
	"new_validity_end" timestamp with time zone NOT NULL,
	"price_minor" integer NOT NULL,
	"currency" "currency" NOT NULL,
	"sms_msisdn" text,
	"sms_language" "language" NOT NULL,
	"status" "renewal_status" DEFAULT 'paid' NOT NULL,
	"activated_at" timestamp with time zone,
	"activation_attempts" integer DEFAULT 0 NOT NULL,
	"last_activation_error" text,
	"voided_at" timestamp with time zone,
	"voided_by" integer,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renewals_price_positive" CHECK ("renewals"."price_minor" > 0),
	CONSTRAINT "renewals_console_has_seller" CHECK (("renewals"."channel" = 'console') = ("renewals"."sold_by" is not null)),
	CONSTRAINT "renewals_validity_moves_forward" CHECK ("renewals"."new_validity_end" > "renewals"."previous_validity_end"),
	CONSTRAINT "renewals_void_consistent" CHECK (("renewals"."status" = 'voided') = ("renewals"."voided_at" is not null) and ("renewals"."voided_at" is null or ("renewals"."voided_by" is not null and char_length(btrim("renewals"."void_reason")) > 0))),
	CONSTRAINT "renewals_activated_consistent" CHECK ("renewals"."status" <> 'activated' or "renewals"."activated_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "stored_value_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stored_value_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"card_id" integer NOT NULL,
	"delta_minor" integer NOT NULL,
	"balance_after_minor" integer NOT NULL,
	"reason" "stored_value_reason" NOT NULL,
	"renewal_id" integer,
	"staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_value_ledger_delta_nonzero" CHECK ("stored_value_ledger"."delta_minor" <> 0),
	CONSTRAINT "stored_value_ledger_balance_nonnegative" CHECK ("stored_value_ledger"."balance_after_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttle_failures_nonnegative" CHECK ("sign_in_throttle"."failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_email_normalised" CHECK ("staff"."email" = lower(btrim("staff"."email")) and position('@' in "staff"."email") > 1),
	CONSTRAINT "staff_name_present" CHECK (char_length(btrim("staff"."name")) between 1 and 120),
	CONSTRAINT "staff_session_version_positive" CHECK ("staff"."session_version" > 0)
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_staff_id_staff_id_fk" FOREIGN KEY ("actor_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_numbers" ADD CONSTRAINT "card_numbers_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_renewal_id_renewals_id_fk" FOREIGN KEY ("renewal_id") REFERENCES "public"."renewals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_current_version_id_plan_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_renewal_id_renewals_id_fk" FOREIGN KEY ("renewal_id") REFERENCES "public"."renewals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_received_by_staff_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_renewal_id_renewals_id_fk" FOREIGN KEY ("renewal_id") REFERENCES "public"."renewals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_refunded_by_staff_id_fk" FOREIGN KEY ("refunded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_daily_stats" ADD CONSTRAINT "renewal_daily_stats_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_daily_stats" ADD CONSTRAINT "renewal_daily_stats_sold_by_staff_id_fk" FOREIGN KEY ("sold_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_sold_by_staff_id_fk" FOREIGN KEY ("sold_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_voided_by_staff_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_value_ledger" ADD CONSTRAINT "stored_value_ledger_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_value_ledger" ADD CONSTRAINT "stored_value_ledger_renewal_id_renewals_id_fk" FOREIGN KEY ("renewal_id") REFERENCES "public"."renewals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_value_ledger" ADD CONSTRAINT "stored_value_ledger_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("entity_type","entity_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor" ON "audit_log" USING btree ("actor_staff_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "card_numbers_msisdn_live_key" ON "card_numbers" USING btree ("msisdn") WHERE "card_numbers"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "card_numbers_card_region_live_key" ON "card_numbers" USING btree ("card_id","region") WHERE "card_numbers"."released_at" is null;--> statement-breakpoint
CREATE INDEX "card_numbers_msisdn" ON "card_numbers" USING btree ("msisdn");--> statement-breakpoint
CREATE INDEX "card_numbers_last4" ON "card_numbers" USING btree ("last4");--> statement-breakpoint
CREATE INDEX "card_numbers_national_trgm" ON "card_numbers" USING gin ("national" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "card_numbers_card_id" ON "card_numbers" USING btree ("card_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_iccid_key" ON "cards" USING btree ("iccid");--> statement-breakpoint
CREATE INDEX "cards_iccid_trgm" ON "cards" USING gin ("iccid" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cards_customer_id" ON "cards" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "cards_validity_end" ON "cards" USING btree ("validity_end");--> statement-breakpoint
CREATE INDEX "customers_search_name_trgm" ON "customers" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_name_grams" ON "customers" USING gin ("name_grams");--> statement-breakpoint
CREATE INDEX "customers_email_prefix" ON "customers" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_due" ON "notifications" USING btree ("next_attempt_at") WHERE "notifications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_card" ON "notifications" USING btree ("card_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "plans_code_key" ON "plans" USING btree ("code");--> statement-breakpoint
CREATE INDEX "plans_status_sort" ON "plans" USING btree ("status","sort_order");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_method_reference_key" ON "payments" USING btree ("method","reference") WHERE "payments"."reference" is not null;--> statement-breakpoint
CREATE INDEX "payments_renewal_id" ON "payments" USING btree ("renewal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "periods_renewal_key" ON "periods" USING btree ("renewal_id");--> statement-breakpoint
CREATE INDEX "periods_card_ends" ON "periods" USING btree ("card_id","ends_at") WHERE "periods"."voided_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_payment_key" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "renewals_card_history" ON "renewals" USING btree ("card_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "renewals_created_at" ON "renewals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "renewals_sold_by_created_at" ON "renewals" USING btree ("sold_by","created_at");--> statement-breakpoint
CREATE INDEX "renewals_plan_version" ON "renewals" USING btree ("plan_version_id");--> statement-breakpoint
CREATE INDEX "stored_value_ledger_card" ON "stored_value_ledger" USING btree ("card_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_email_key" ON "staff" USING btree ("email");