import { describe, expect, it } from "vitest";
import { classifySearch } from "@/lib/domain/search-classifier";
import { contactContextSchema } from "@/lib/validation/contact";

describe("the record-of-contact fields", () => {
  it("reads empty form fields as not given", () => {
    expect(contactContextSchema.parse({ ticketRef: " ", channel: "", note: "" })).toEqual({});
  });

  it("keeps a trimmed ticket reference, a channel and a note", () => {
    expect(contactContextSchema.parse({ ticketRef: " ZD-1 ", channel: "walk_in", note: " came in " })).toEqual({
      ticketRef: "ZD-1",
      channel: "walk_in",
      note: "came in",
    });
  });

  it.each([
    [{ ticketRef: "T".repeat(65) }, "ticketRef", "desk.errors.ticketRefTooLong"],
    [{ note: "n".repeat(501) }, "note", "desk.errors.noteTooLong"],
    [{ channel: "fax" }, "channel", "desk.errors.chooseChannel"],
  ])("refuses %o on its field", (input, field, message) => {
    const parsed = contactContextSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[field, message]]);
  });

  it("accepts a ticket reference of exactly 64 characters", () => {
    expect(contactContextSchema.parse({ ticketRef: "T".repeat(64) }).ticketRef).toHaveLength(64);
  });
});

describe("ticket references in the search box", () => {
  const lookups = (text: string) => {
    const result = classifySearch(text);
    return result.ok ? result.lookups : [];
  };

  it("reads a letters-and-digits token as a ticket or the beginning of an email", () => {
    expect(lookups("ZD-48213")).toEqual([
      { by: "ticket", ref: "ZD-48213" },
      { by: "emailPrefix", prefix: "zd-48213" },
    ]);
  });

  it.each(["ticket 48213", "Ticket: 48213", "工单 48213", "工單48213"])("reads %s as a ticket only", (text) => {
    expect(lookups(text)).toEqual([{ by: "ticket", ref: "48213" }]);
  });

  it("leaves email-like tokens and plain names alone", () => {
    expect(lookups("emilie.dubois12")).toEqual([{ by: "emailPrefix", prefix: "emilie.dubois12" }]);
    expect(lookups("Wong").map((l) => l.by)).toEqual(["name", "emailPrefix"]);
  });
});
