/**
 * Every closed set of values the domain knows, in one drizzle-free module:
 * `db/schema` wraps these in `pgEnum`, and validation and client components
 * import them directly (so a form never needs the schema in its bundle).
 * Labels live in the message catalogs, keyed by these values.
 */

export const staffRoles = ["agent", "supervisor", "admin"] as const;
export type Role = (typeof staffRoles)[number];

export const languages = ["zh-Hans", "zh-Hant", "en"] as const;
/** A customer's preferred language, and the language of the SMS they get. */
export type Language = (typeof languages)[number];

/** The console's own interface languages (customers' languages are `languages`). */
export const locales = ["en", "zh-Hant", "zh-Hans"] as const;
export type Locale = (typeof locales)[number];

export const idDocumentTypes = ["hkid", "mainland_id", "passport", "other"] as const;
export type IdDocumentType = (typeof idDocumentTypes)[number];

export const currencies = ["HKD", "CNY"] as const;
export type Currency = (typeof currencies)[number];

export const paymentMethods = ["wechat_pay", "alipay", "fps", "bank_transfer", "cash", "stored_value"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
/** Methods whose money arrives elsewhere and must be traceable by the provider's reference. */
export const methodsNeedingReference: readonly PaymentMethod[] = ["wechat_pay", "alipay", "fps", "bank_transfer"];
/** What a payment is for; only a renewal's payment points at a renewal. */
export const paymentPurposes = ["renewal", "top_up", "replacement_fee"] as const;
export type PaymentPurpose = (typeof paymentPurposes)[number];

/** How an admin types a data allowance; stored as MB. */
export const dataUnits = ["GB", "MB"] as const;
export type DataUnit = (typeof dataUnits)[number];

export const extensionModes = ["stack", "max_from_today"] as const;
export type ExtensionMode = (typeof extensionModes)[number];

export const planStatuses = ["draft", "active", "archived"] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const renewalChannels = ["console", "self_service"] as const;
/** paid → activated by the carrier; voided when refunded. */
export const renewalStatuses = ["paid", "activated", "voided"] as const;
export type RenewalStatus = (typeof renewalStatuses)[number];
export const cardStatesAtRenewal = ["active", "grace"] as const;

export const storedValueReasons = [
  "top_up",
  "renewal_payment",
  "renewal_refund",
  "adjustment",
  // A replacement moves the balance to the new SIM (minus on the old card, plus on the new).
  "replacement_transfer",
  "replacement_fee",
] as const;
export type StoredValueReason = (typeof storedValueReasons)[number];

export const cardForms = ["physical", "esim"] as const;
export type CardForm = (typeof cardForms)[number];
/** Why a card is suspended. "other" is kept for rows written before the lifecycle; nobody can choose it. */
export const suspensionReasons = ["lost", "stolen", "fraud", "real_name_missing", "carrier", "other"] as const;
export type SuspensionReason = (typeof suspensionReasons)[number];
/** The reasons staff may suspend a card for (DOMAIN.md, "Card lifecycle beyond renewal"). */
export const suspendReasons = [
  "lost",
  "stolen",
  "fraud",
  "real_name_missing",
  "carrier",
] as const satisfies readonly SuspensionReason[];
export type SuspendReason = (typeof suspendReasons)[number];

/** Why a SIM is replaced; a lost or stolen one's suspension does not follow the numbers. */
export const replacementReasons = ["lost", "stolen", "damaged"] as const;
export type ReplacementReason = (typeof replacementReasons)[number];
/** A replacement takes over the old card's numbers; a new card follows an expired one with new numbers. */
export const cardSuccessionKinds = ["replacement", "new_card"] as const;
export type CardSuccessionKind = (typeof cardSuccessionKinds)[number];
/** How a physical replacement SIM reaches the customer. */
export const simHandovers = ["pickup", "delivery"] as const;
export type SimHandover = (typeof simHandovers)[number];
export const numberRegions = ["HK", "CN"] as const;
/** Per number (DOMAIN.md, "Real-name status"): pending carries a deadline. */
export const realNameStatuses = ["verified", "pending", "failed", "not_required"] as const;
export type RealNameStatus = (typeof realNameStatuses)[number];
/** 回鄉證, 香港身份證, 二代身份證, 台胞證, passport: only the last 4 characters are ever recorded. */
export const realNameDocuments = ["home_return_permit", "hkid", "mainland_id", "taiwan_permit", "passport"] as const;
export type RealNameDocument = (typeof realNameDocuments)[number];

export const notificationKinds = [
  "renewal_confirmation",
  "renewal_voided",
  "expiry_reminder",
  "resend",
  "goodwill_extension",
  "stored_value_top_up",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationStatuses = ["pending", "sent", "failed"] as const;

/** How the customer reached the desk (or the desk reached them): the record of contact on every write. */
export const contactChannels = ["phone", "wechat", "whatsapp", "email", "walk_in", "other"] as const;
export type ContactChannel = (typeof contactChannels)[number];
/**
 * What the console asks the carrier to do, tracked in `carrier_requests`:
 * written in the caller's transaction, performed after commit, retried with backoff.
 */
export const carrierRequestKinds = ["activate", "deactivate", "suspend", "resume", "swap"] as const;
export type CarrierRequestKind = (typeof carrierRequestKinds)[number];
/** pending (due now or after a backoff) → succeeded, or failed once retries ran out or it was cancelled. */
export const carrierRequestStatuses = ["pending", "succeeded", "failed"] as const;
export type CarrierRequestStatus = (typeof carrierRequestStatuses)[number];

/** What the security log records (never a password, token or full personal datum). */
export const securityEventKinds = [
  "sign_in.failed",
  "sign_in.throttled",
  "session.ended_everywhere",
  "access.denied",
  "rate_limit.hit",
  "two_factor.enrolled",
  "two_factor.failed",
  "two_factor.recovery_used",
  "two_factor.reset",
  "throttle.cleared",
  "staff.role_changed",
  "staff.password_reset",
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

/** Why a supervisor grants a goodwill extension; "other" needs a note. */
export const goodwillReasons = ["network_outage", "complaint", "service_failure", "other"] as const;
export type GoodwillReason = (typeof goodwillReasons)[number];
/** A bulk goodwill job runs until no item is pending. */
export const goodwillJobStatuses = ["running", "done"] as const;
export const goodwillItemStatuses = ["pending", "extended", "skipped"] as const;
export type GoodwillItemStatus = (typeof goodwillItemStatuses)[number];

/** What came of a contact with the customer (DOMAIN.md, "The desk's record of contact"). */
export const contactOutcomes = [
  "reached",
  "no_answer",
  "call_back",
  "promised_to_renew",
  "declined",
  "wrong_number",
] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

/** The settlement files the console reads (DOMAIN.md, "Money at the end of the day"). */
export const settlementFormats = ["wechat_pay", "alipay", "generic"] as const;
export type SettlementFormat = (typeof settlementFormats)[number];
/** The electronic methods a generic file (FPS, bank statement) may be for. */
export const genericSettlementMethods = ["fps", "bank_transfer"] as const satisfies readonly PaymentMethod[];
/** A settlement line records money in (a payment) or money back (a refund). */
export const settlementLineKinds = ["payment", "refund"] as const;
export type SettlementLineKind = (typeof settlementLineKinds)[number];
/** What a line came to: matched, or one of the three exceptions a supervisor resolves. */
export const settlementOutcomes = ["matched", "amount_differs", "missing_in_console", "missing_in_file"] as const;
export type SettlementOutcome = (typeof settlementOutcomes)[number];
export const settlementResolutions = ["linked_renewal", "refunded_outside", "written_off"] as const;
export type SettlementResolution = (typeof settlementResolutions)[number];
/** open → closed (counted) → signed_off (by a supervisor); a closed day never changes again. */
export const cashDrawerStatuses = ["open", "closed", "signed_off"] as const;
export type CashDrawerStatus = (typeof cashDrawerStatuses)[number];
/** A background export: queued → running → done (its file downloadable) or failed. */
export const exportJobStatuses = ["queued", "running", "done", "failed"] as const;
export type ExportJobStatus = (typeof exportJobStatuses)[number];
/** What can be exported: each kind's columns are in db/queries/exports.ts. */
export const exportKinds = ["payments", "refunds", "renewals", "settlement-lines"] as const;
export type ExportKind = (typeof exportKinds)[number];
