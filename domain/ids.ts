import { regexes } from "zod/v4/core";

// The very test z.uuid() applies, without loading zod's schemas: pages check ids from the URL with
// it before asking the server, which validates with z.uuid() and would refuse them with a 400.
const UUID = regexes.uuid();

export const isUuid = (s: string | null | undefined): s is string => typeof s === "string" && UUID.test(s);
