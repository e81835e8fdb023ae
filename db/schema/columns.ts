import { timestamp } from "drizzle-orm/pg-core";

/** Every instant is a timestamptz; the UI renders it in Hong Kong time. */
export const instant = () => timestamp({ withTimezone: true, mode: "date" });

export const createdAt = () => instant().notNull().defaultNow();
export const updatedAt = () => instant().notNull().defaultNow();
