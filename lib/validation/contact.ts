import { z } from "@/lib/validation/zod";
import { contactChannels } from "@/lib/domain/enums";

/**
 * The record of contact every write may carry (DOMAIN.md, "The desk's record
 * of contact"), one definition for every form and action: a ticket reference
 * (free text, at most 64 characters), the channel and a note. Supervisor
 * actions also require a reason. Empty form fields mean "not given".
 * Messages are keys of the "desk" catalog; the action wrapper translates them.
 */
export const TICKET_REF_MAX = 64;
export const CONTACT_NOTE_MAX = 500;
export const REASON_MAX = 500;

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalText = (max: number, message: string) =>
  z.preprocess(blank, z.string().trim().max(max, { message }).optional());

export const contactContextFields = {
  ticketRef: optionalText(TICKET_REF_MAX, "desk.errors.ticketRefTooLong"),
  channel: z.preprocess(blank, z.enum(contactChannels, { message: "desk.errors.chooseChannel" }).optional()),
  note: optionalText(CONTACT_NOTE_MAX, "desk.errors.noteTooLong"),
};

/** A supervisor's reason: required, capped. */
export const reasonField = z
  .string({ message: "desk.errors.reasonRequired" })
  .trim()
  .min(1, { message: "desk.errors.reasonRequired" })
  .max(REASON_MAX, { message: "desk.errors.reasonTooLong" });

export const supervisorContextFields = { ...contactContextFields, reason: reasonField };

export const contactContextSchema = z.object(contactContextFields).strict();
export type ContactContextInput = z.infer<typeof contactContextSchema>;

/** The record-of-contact part of a parsed input, as writeAudit takes it. */
export function contactContextOf(input: {
  ticketRef?: string;
  channel?: (typeof contactChannels)[number];
  note?: string;
  reason?: string;
}) {
  return { ticketRef: input.ticketRef, channel: input.channel, note: input.note, reason: input.reason };
}
