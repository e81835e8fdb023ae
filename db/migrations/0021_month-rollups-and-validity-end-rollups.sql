CREATE TABLE "card_validity_ends" (
	"validity_end" timestamp with time zone NOT NULL,
	"suspended" boolean NOT NULL,
	"slot" smallint NOT NULL,
	"cards" integer NOT NULL,
	CONSTRAINT "card_validity_ends_validity_end_suspended_slot_pk" PRIMARY KEY("validity_end","suspended","slot")
);
--> statement-breakpoint
CREATE TABLE "goodwill_day" (
	"day" date NOT NULL,
	"slot" smallint NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"days" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "goodwill_day_day_slot_pk" PRIMARY KEY("day","slot")
);
--> statement-breakpoint
CREATE TABLE "renewal_month_agent" (
	"month" date NOT NULL,
	"sold_by" integer,
	"renewals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_month_agent_key" UNIQUE NULLS NOT DISTINCT("month","sold_by")
);
--> statement-breakpoint
CREATE TABLE "renewal_month_currency_state" (
	"month" date NOT NULL,
	"currency" "currency" NOT NULL,
	"card_state" "card_state_at_renewal" NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_month_currency_state_month_currency_card_state_slot_pk" PRIMARY KEY("month","currency","card_state","slot")
);
--> statement-breakpoint
CREATE TABLE "renewal_month_method" (
	"month" date NOT NULL,
	"method" "payment_method" NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_month_method_month_method_slot_pk" PRIMARY KEY("month","method","slot")
);
--> statement-breakpoint
CREATE TABLE "renewal_month_plan" (
	"month" date NOT NULL,
	"plan_id" integer NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_month_plan_month_plan_id_slot_pk" PRIMARY KEY("month","plan_id","slot")
);
--> statement-breakpoint
CREATE TABLE "renewal_previous_ends" (
	"previous_validity_end" timestamp with time zone NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer NOT NULL,
	CONSTRAINT "renewal_previous_ends_previous_validity_end_slot_pk" PRIMARY KEY("previous_validity_end","slot")
);
--> statement-breakpoint
CREATE TABLE "replacement_fee_day" (
	"day" date NOT NULL,
	"currency" "currency" NOT NULL,
	"slot" smallint NOT NULL,
	"payments" integer DEFAULT 0 NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "replacement_fee_day_day_currency_slot_pk" PRIMARY KEY("day","currency","slot")
);
--> statement-breakpoint
ALTER TABLE "renewal_month_agent" ADD CONSTRAINT "renewal_month_agent_sold_by_staff_id_fk" FOREIGN KEY ("sold_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_month_plan" ADD CONSTRAINT "renewal_month_plan_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- One bucket's change to the chart-grain rollups, per day and now per month
-- too, in one call from the trigger on renewal_daily_stats: the month rows
-- commit with the day rows. Same table order in every writer (plan, method,
-- agent, currency × state; days before months), so two renewals never deadlock on them.
CREATE OR REPLACE FUNCTION renewal_rollups_add(day date, plan_id integer, method payment_method, sold_by integer,
  currency currency, card_state card_state_at_renewal, renewals integer, revenue bigint) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO renewal_day_plan AS t (day, plan_id, slot, renewals)
  VALUES (day, plan_id, (coalesce(sold_by, 0) % 4)::smallint, renewals)
  ON CONFLICT (day, plan_id, slot) DO UPDATE SET renewals = t.renewals + excluded.renewals;
  INSERT INTO renewal_day_method AS t (day, method, slot, renewals)
  VALUES (day, method, (coalesce(sold_by, 0) % 4)::smallint, renewals)
  ON CONFLICT (day, method, slot) DO UPDATE SET renewals = t.renewals + excluded.renewals;
  INSERT INTO renewal_day_agent AS t (day, sold_by, renewals)
  VALUES (day, sold_by, renewals)
  ON CONFLICT (day, sold_by) DO UPDATE SET renewals = t.renewals + excluded.renewals;
  INSERT INTO renewal_day_currency_state AS t (day, currency, card_state, slot, renewals, revenue_minor)
  VALUES (day, currency, card_state, (coalesce(sold_by, 0) % 4)::smallint, renewals, revenue)
  ON CONFLICT (day, currency, card_state, slot) DO UPDATE
    SET renewals = t.renewals + excluded.renewals, revenue_minor = t.revenue_minor + excluded.revenue_minor;
  INSERT INTO renewal_month_plan AS t (month, plan_id, slot, renewals)
  VALUES (date_trunc('month', day)::date, plan_id, (coalesce(sold_by, 0) % 4)::smallint, renewals)
  ON CONFLICT (month, plan_id, slot) DO UPDATE SET renewals = t.renewals + excluded.renewals;
  INSERT INTO renewal_month_method AS t (month, method, slot, renewals)
  VALUES (date_trunc('month', day)::date, method, (coalesce(sold_by, 0) % 4)::smallint, renewals)
  ON CONFLICT (month, method, slot) DO UPDATE SET renewals = t.renewals + excluded.renewals;
  INSERT INTO renewal_month_agent AS t (month, sold_by, renewals)
  VALUES (date_trunc('month', day)::date, sold_by, renewals)
  ON CONFLICT (month, sold_by) DO UPDATE SET renewals = t.renewals + excluded.renewals;
  INSERT INTO renewal_month_currency_state AS t (month, currency, card_state, slot, renewals, revenue_minor)
  VALUES (date_trunc('month', day)::date, currency, card_state, (coalesce(sold_by, 0) % 4)::smallint, renewals, revenue)
  ON CONFLICT (month, currency, card_state, slot) DO UPDATE
    SET renewals = t.renewals + excluded.renewals, revenue_minor = t.revenue_minor + excluded.revenue_minor;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renewal_rollups_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM renewal_day_plan;
  DELETE FROM renewal_day_method;
  DELETE FROM renewal_day_agent;
  DELETE FROM renewal_day_currency_state;
  DELETE FROM renewal_month_plan;
  DELETE FROM renewal_month_method;
  DELETE FROM renewal_month_agent;
  DELETE FROM renewal_month_currency_state;
  INSERT INTO renewal_day_plan (day, plan_id, slot, renewals)
  SELECT day, plan_id, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2, 3;
  INSERT INTO renewal_day_method (day, method, slot, renewals)
  SELECT day, method, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2, 3;
  INSERT INTO renewal_day_agent (day, sold_by, renewals)
  SELECT day, sold_by, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2;
  INSERT INTO renewal_day_currency_state (day, currency, card_state, slot, renewals, revenue_minor)
  SELECT day, currency, card_state, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals), sum(revenue_minor)
  FROM renewal_daily_stats GROUP BY 1, 2, 3, 4;
  INSERT INTO renewal_month_plan (month, plan_id, slot, renewals)
  SELECT date_trunc('month', day)::date, plan_id, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals)
  FROM renewal_daily_stats GROUP BY 1, 2, 3;
  INSERT INTO renewal_month_method (month, method, slot, renewals)
  SELECT date_trunc('month', day)::date, method, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals)
  FROM renewal_daily_stats GROUP BY 1, 2, 3;
  INSERT INTO renewal_month_agent (month, sold_by, renewals)
  SELECT date_trunc('month', day)::date, sold_by, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2;
  INSERT INTO renewal_month_currency_state (month, currency, card_state, slot, renewals, revenue_minor)
  SELECT date_trunc('month', day)::date, currency, card_state, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals), sum(revenue_minor)
  FROM renewal_daily_stats GROUP BY 1, 2, 3, 4;
$$;
--> statement-breakpoint
-- Adds one card's change to card_validity_ends and deletes a row it brings
-- to zero, so the table holds only the validity ends cards have now.
CREATE FUNCTION card_validity_ends_add(p_end timestamptz, p_suspended boolean, p_slot smallint, p_delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  remaining integer;
BEGIN
  INSERT INTO card_validity_ends AS t (validity_end, suspended, slot, cards)
  VALUES (p_end, p_suspended, p_slot, p_delta)
  ON CONFLICT (validity_end, suspended, slot) DO UPDATE SET cards = t.cards + excluded.cards
  RETURNING t.cards INTO remaining;
  IF remaining = 0 THEN
    DELETE FROM card_validity_ends t
    WHERE t.validity_end = p_end AND t.suspended = p_suspended AND t.slot = p_slot AND t.cards = 0;
  END IF;
END
$$;
--> statement-breakpoint
-- A card's move from one (end, suspended) to another: the lower key first,
-- so two moves between the same keys take the row locks in the same order.
CREATE FUNCTION card_validity_ends_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_key record;
  new_key record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM card_validity_ends_add(NEW.validity_end, NEW.suspended_at IS NOT NULL, (NEW.id % 4)::smallint, 1);
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM card_validity_ends_add(OLD.validity_end, OLD.suspended_at IS NOT NULL, (OLD.id % 4)::smallint, -1);
    RETURN NULL;
  END IF;
  SELECT OLD.validity_end AS at, OLD.suspended_at IS NOT NULL AS suspended, (OLD.id % 4)::smallint AS slot INTO old_key;
  SELECT NEW.validity_end AS at, NEW.suspended_at IS NOT NULL AS suspended, (NEW.id % 4)::smallint AS slot INTO new_key;
  IF (old_key.at, old_key.suspended, old_key.slot) = (new_key.at, new_key.suspended, new_key.slot) THEN
    RETURN NULL;
  END IF;
  IF (old_key.at, old_key.suspended, old_key.slot) < (new_key.at, new_key.suspended, new_key.slot) THEN
    PERFORM card_validity_ends_add(old_key.at, old_key.suspended, old_key.slot, -1);
    PERFORM card_validity_ends_add(new_key.at, new_key.suspended, new_key.slot, 1);
  ELSE
    PERFORM card_validity_ends_add(new_key.at, new_key.suspended, new_key.slot, 1);
    PERFORM card_validity_ends_add(old_key.at, old_key.suspended, old_key.slot, -1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cards_validity_ends
  AFTER INSERT OR DELETE OR UPDATE OF validity_end, suspended_at, id ON cards
  FOR EACH ROW EXECUTE FUNCTION card_validity_ends_apply();
--> statement-breakpoint
CREATE FUNCTION card_validity_ends_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM card_validity_ends;
  INSERT INTO card_validity_ends (validity_end, suspended, slot, cards)
  SELECT validity_end, suspended_at IS NOT NULL, (id % 4)::smallint, count(*) FROM cards GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
SELECT card_validity_ends_rebuild();
--> statement-breakpoint
-- Renewals not voided per previous validity end, like card_validity_ends.
CREATE FUNCTION renewal_previous_ends_add(p_end timestamptz, p_slot smallint, p_delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  remaining integer;
BEGIN
  INSERT INTO renewal_previous_ends AS t (previous_validity_end, slot, renewals)
  VALUES (p_end, p_slot, p_delta)
  ON CONFLICT (previous_validity_end, slot) DO UPDATE SET renewals = t.renewals + excluded.renewals
  RETURNING t.renewals INTO remaining;
  IF remaining = 0 THEN
    DELETE FROM renewal_previous_ends t WHERE t.previous_validity_end = p_end AND t.slot = p_slot AND t.renewals = 0;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION renewal_previous_ends_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  was boolean := TG_OP <> 'INSERT' AND OLD.status <> 'voided';
  now_counted boolean := TG_OP <> 'DELETE' AND NEW.status <> 'voided';
BEGIN
  IF was AND now_counted AND OLD.previous_validity_end = NEW.previous_validity_end AND OLD.card_id = NEW.card_id THEN
    RETURN NULL;
  END IF;
  IF was THEN
    PERFORM renewal_previous_ends_add(OLD.previous_validity_end, (OLD.card_id % 4)::smallint, -1);
  END IF;
  IF now_counted THEN
    PERFORM renewal_previous_ends_add(NEW.previous_validity_end, (NEW.card_id % 4)::smallint, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER renewals_previous_ends
  AFTER INSERT OR DELETE OR UPDATE OF status, previous_validity_end, card_id ON renewals
  FOR EACH ROW EXECUTE FUNCTION renewal_previous_ends_apply();
--> statement-breakpoint
CREATE FUNCTION renewal_previous_ends_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM renewal_previous_ends;
  INSERT INTO renewal_previous_ends (previous_validity_end, slot, renewals)
  SELECT previous_validity_end, (card_id % 4)::smallint, count(*) FROM renewals WHERE status <> 'voided' GROUP BY 1, 2;
$$;
--> statement-breakpoint
SELECT renewal_previous_ends_rebuild();
--> statement-breakpoint
CREATE FUNCTION goodwill_day_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO goodwill_day AS t (day, slot, extensions, days)
    VALUES ((OLD.created_at AT TIME ZONE 'Asia/Hong_Kong')::date, (OLD.card_id % 4)::smallint, -1, -OLD.days)
    ON CONFLICT (day, slot) DO UPDATE SET extensions = t.extensions + excluded.extensions, days = t.days + excluded.days;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO goodwill_day AS t (day, slot, extensions, days)
    VALUES ((NEW.created_at AT TIME ZONE 'Asia/Hong_Kong')::date, (NEW.card_id % 4)::smallint, 1, NEW.days)
    ON CONFLICT (day, slot) DO UPDATE SET extensions = t.extensions + excluded.extensions, days = t.days + excluded.days;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER goodwill_extensions_day
  AFTER INSERT OR DELETE OR UPDATE OF created_at, days, card_id ON goodwill_extensions
  FOR EACH ROW EXECUTE FUNCTION goodwill_day_apply();
--> statement-breakpoint
CREATE FUNCTION goodwill_day_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM goodwill_day;
  INSERT INTO goodwill_day (day, slot, extensions, days)
  SELECT (created_at AT TIME ZONE 'Asia/Hong_Kong')::date, (card_id % 4)::smallint, count(*), sum(days)
  FROM goodwill_extensions GROUP BY 1, 2;
$$;
--> statement-breakpoint
SELECT goodwill_day_rebuild();
--> statement-breakpoint
-- Only replacement fees reach the function (the WHEN clauses): a renewal's payment costs no call.
CREATE FUNCTION replacement_fee_day_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.purpose = 'replacement_fee' THEN
    INSERT INTO replacement_fee_day AS t (day, currency, slot, payments, amount_minor)
    VALUES ((OLD.received_at AT TIME ZONE 'Asia/Hong_Kong')::date, OLD.currency, (OLD.card_id % 4)::smallint, -1, -OLD.amount_minor)
    ON CONFLICT (day, currency, slot) DO UPDATE
      SET payments = t.payments + excluded.payments, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.purpose = 'replacement_fee' THEN
    INSERT INTO replacement_fee_day AS t (day, currency, slot, payments, amount_minor)
    VALUES ((NEW.received_at AT TIME ZONE 'Asia/Hong_Kong')::date, NEW.currency, (NEW.card_id % 4)::smallint, 1, NEW.amount_minor)
    ON CONFLICT (day, currency, slot) DO UPDATE
      SET payments = t.payments + excluded.payments, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER payments_replacement_fee_day_insert
  AFTER INSERT ON payments
  FOR EACH ROW WHEN (NEW.purpose = 'replacement_fee') EXECUTE FUNCTION replacement_fee_day_apply();
--> statement-breakpoint
CREATE TRIGGER payments_replacement_fee_day_delete
  AFTER DELETE ON payments
  FOR EACH ROW WHEN (OLD.purpose = 'replacement_fee') EXECUTE FUNCTION replacement_fee_day_apply();
--> statement-breakpoint
CREATE TRIGGER payments_replacement_fee_day_update
  AFTER UPDATE ON payments
  FOR EACH ROW WHEN (OLD.purpose = 'replacement_fee' OR NEW.purpose = 'replacement_fee') EXECUTE FUNCTION replacement_fee_day_apply();
--> statement-breakpoint
CREATE FUNCTION replacement_fee_day_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM replacement_fee_day;
  INSERT INTO replacement_fee_day (day, currency, slot, payments, amount_minor)
  SELECT (received_at AT TIME ZONE 'Asia/Hong_Kong')::date, currency, (card_id % 4)::smallint, count(*), sum(amount_minor)
  FROM payments WHERE purpose = 'replacement_fee' GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
SELECT replacement_fee_day_rebuild();
--> statement-breakpoint
-- Backfill the month rows from the day rows (the same slots), which are far fewer than renewal_daily_stats.
INSERT INTO renewal_month_plan (month, plan_id, slot, renewals)
SELECT date_trunc('month', day)::date, plan_id, slot, sum(renewals) FROM renewal_day_plan GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO renewal_month_method (month, method, slot, renewals)
SELECT date_trunc('month', day)::date, method, slot, sum(renewals) FROM renewal_day_method GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO renewal_month_agent (month, sold_by, renewals)
SELECT date_trunc('month', day)::date, sold_by, sum(renewals) FROM renewal_day_agent GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO renewal_month_currency_state (month, currency, card_state, slot, renewals, revenue_minor)
SELECT date_trunc('month', day)::date, currency, card_state, slot, sum(renewals), sum(revenue_minor)
FROM renewal_day_currency_state GROUP BY 1, 2, 3, 4;
