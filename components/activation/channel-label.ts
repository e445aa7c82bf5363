import { LABELS } from "@/domain/vocab";

/** A channel's name in words; a channel Steward does not know (a tool's typo) as the tool asked. */
export const channelLabel = (c: string) => (LABELS.channel as Record<string, string>)[c] ?? c;
