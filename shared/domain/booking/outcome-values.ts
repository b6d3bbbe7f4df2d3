/**
 * The outcomes an appointment can end with and the potential classes, as
 * plain lists: the schemas, the aggregates and the site all read these (the
 * site without loading a schema library for them).
 */
export const outcomeValues = [
  "pending",
  "completed",
  "overhang",
  "no_show",
  "ghost",
  "cancelled",
  "rescheduled",
  "consultant_change",
] as const;
export type Outcome = (typeof outcomeValues)[number];

/** The default ("standard") first: the order admins pick them in. */
export const potentialClassValues = ["standard", "normal", "top", "closer_needed", "recall"] as const;
export type PotentialClass = (typeof potentialClassValues)[number];
