const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Times are shown in UTC, labelled, so every reader (and every export) agrees. */
export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return `${dateTime.format(typeof d === "string" ? new Date(d) : d)} UTC`;
}
