CREATE TABLE "renewal_day_agent" (
	"day" date NOT NULL,
	"sold_by" integer,
	"renewals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_day_agent_key" UNIQUE NULLS NOT DISTINCT("day","sold_by")
);
--> statement-breakpoint
CREATE TABLE "renewal_day_currency_state" (
	"day" date NOT NULL,
	"currency" "currency" NOT NULL,
	"card_state" "card_state_at_renewal" NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_day_currency_state_day_currency_card_state_slot_pk" PRIMARY KEY("day","currency","card_state","slot")
);
--> statement-breakpoint
CREATE TABLE "renewal_day_method" (
	"day" date NOT NULL,
	"method" "payment_method" NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_day_method_day_method_slot_pk" PRIMARY KEY("day","method","slot")
);
--> statement-breakpoint
CREATE TABLE "renewal_day_plan" (
	"day" date NOT NULL,
	"plan_id" integer NOT NULL,
	"slot" smallint NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "renewal_day_plan_day_plan_id_slot_pk" PRIMARY KEY("day","plan_id","slot")
);
--> statement-breakpoint
ALTER TABLE "renewal_day_agent" ADD CONSTRAINT "renewal_day_agent_sold_by_staff_id_fk" FOREIGN KEY ("sold_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_day_plan" ADD CONSTRAINT "renewal_day_plan_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Adds one bucket's change to the chart-grain rollups. Same table order in
-- every writer, so two renewals never deadlock on them.
CREATE FUNCTION renewal_rollups_add(day date, plan_id integer, method payment_method, sold_by integer,
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
$$;
--> statement-breakpoint
CREATE FUNCTION renewal_rollups_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.day, NEW.plan_id, NEW.method, NEW.currency, NEW.sold_by, NEW.card_state)
      IS NOT DISTINCT FROM (OLD.day, OLD.plan_id, OLD.method, OLD.currency, OLD.sold_by, OLD.card_state) THEN
    IF NEW.renewals <> OLD.renewals OR NEW.revenue_minor <> OLD.revenue_minor THEN
      PERFORM renewal_rollups_add(NEW.day, NEW.plan_id, NEW.method, NEW.sold_by, NEW.currency, NEW.card_state,
        NEW.renewals - OLD.renewals, NEW.revenue_minor - OLD.revenue_minor);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM renewal_rollups_add(OLD.day, OLD.plan_id, OLD.method, OLD.sold_by, OLD.currency, OLD.card_state,
      -OLD.renewals, -OLD.revenue_minor);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM renewal_rollups_add(NEW.day, NEW.plan_id, NEW.method, NEW.sold_by, NEW.currency, NEW.card_state,
      NEW.renewals, NEW.revenue_minor);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER renewal_daily_stats_rollups
  AFTER INSERT OR DELETE OR UPDATE ON renewal_daily_stats
  FOR EACH ROW EXECUTE FUNCTION renewal_rollups_apply();
--> statement-breakpoint
-- The chart-grain tables again from renewal_daily_stats: the backfill below,
-- and the demo seed after its bulk load (which runs with triggers off).
CREATE FUNCTION renewal_rollups_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM renewal_day_plan;
  DELETE FROM renewal_day_method;
  DELETE FROM renewal_day_agent;
  DELETE FROM renewal_day_currency_state;
  INSERT INTO renewal_day_plan (day, plan_id, slot, renewals)
  SELECT day, plan_id, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2, 3;
  INSERT INTO renewal_day_method (day, method, slot, renewals)
  SELECT day, method, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2, 3;
  INSERT INTO renewal_day_agent (day, sold_by, renewals)
  SELECT day, sold_by, sum(renewals) FROM renewal_daily_stats GROUP BY 1, 2;
  INSERT INTO renewal_day_currency_state (day, currency, card_state, slot, renewals, revenue_minor)
  SELECT day, currency, card_state, (coalesce(sold_by, 0) % 4)::smallint, sum(renewals), sum(revenue_minor)
  FROM renewal_daily_stats GROUP BY 1, 2, 3, 4;
$$;
--> statement-breakpoint
SELECT renewal_rollups_rebuild();
