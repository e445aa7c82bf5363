import { z } from "zod";

// On its first object parse zod probes for eval with `Function("")`; the browser's CSP has no
// 'unsafe-eval', so the probe is reported as a violation (and then fails). In the browser zod
// takes its interpreted path from the start. The server keeps its faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
