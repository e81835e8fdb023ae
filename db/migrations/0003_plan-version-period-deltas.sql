CREATE TABLE "plan_version_period_deltas" (
	"plan_version_id" integer NOT NULL,
	"day" date NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "plan_version_period_deltas_plan_version_id_day_pk" PRIMARY KEY("plan_version_id","day")
);
--> statement-breakpoint
ALTER TABLE "plan_version_period_deltas" ADD CONSTRAINT "plan_version_period_deltas_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Adds (sign 1) or takes back (sign -1) one period's contribution: +1 on the
-- Hong Kong day it starts, -1 on the day after it ends. The second after an
-- instant names its day, so a period starting at 23:59:59 (queued behind the
-- one ending then) counts from the next day, as the old one stops counting.
CREATE FUNCTION plan_version_period_deltas_add(renewal integer, starts timestamptz, ends timestamptz, sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO plan_version_period_deltas AS t (plan_version_id, day, delta)
  SELECT r.plan_version_id, d.day, sum(d.delta) * sign
  FROM renewals r
  CROSS JOIN LATERAL (VALUES
    (((starts + interval '1 second') AT TIME ZONE 'Asia/Hong_Kong')::date, 1),
    (((ends + interval '1 second') AT TIME ZONE 'Asia/Hong_Kong')::date, -1)
  ) AS d(day, delta)
  WHERE r.id = renewal
  GROUP BY r.plan_version_id, d.day
  -- Same order in every writer, so two renewals never deadlock on the buckets.
  ORDER BY r.plan_version_id, d.day
  ON CONFLICT (plan_version_id, day) DO UPDATE SET delta = t.delta + excluded.delta
$$;
--> statement-breakpoint
CREATE FUNCTION plan_version_period_deltas_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.voided_at IS NULL THEN
    PERFORM plan_version_period_deltas_add(OLD.renewal_id, OLD.starts_at, OLD.ends_at, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.voided_at IS NULL THEN
    PERFORM plan_version_period_deltas_add(NEW.renewal_id, NEW.starts_at, NEW.ends_at, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER periods_plan_version_period_deltas
  AFTER INSERT OR DELETE OR UPDATE OF starts_at, ends_at, voided_at, renewal_id ON periods
  FOR EACH ROW EXECUTE FUNCTION plan_version_period_deltas_apply();
--> statement-breakpoint
-- The whole table again from the periods: the backfill below, and the demo
-- seed after its bulk load (which runs with triggers off).
CREATE FUNCTION plan_version_period_deltas_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM plan_version_period_deltas;
  INSERT INTO plan_version_period_deltas (plan_version_id, day, delta)
  SELECT plan_version_id, day, sum(delta) FROM (
    SELECT r.plan_version_id, ((p.starts_at + interval '1 second') AT TIME ZONE 'Asia/Hong_Kong')::date AS day, 1 AS delta
    FROM periods p JOIN renewals r ON r.id = p.renewal_id WHERE p.voided_at IS NULL
    UNION ALL
    SELECT r.plan_version_id, ((p.ends_at + interval '1 second') AT TIME ZONE 'Asia/Hong_Kong')::date, -1
    FROM periods p JOIN renewals r ON r.id = p.renewal_id WHERE p.voided_at IS NULL
  ) AS contributions
  GROUP BY plan_version_id, day;
$$;
--> statement-breakpoint
-- Periods written before this migration (about 11 s for ten million).
SELECT plan_version_period_deltas_rebuild();
