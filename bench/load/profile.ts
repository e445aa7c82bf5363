// Where a server's CPU went during a load run: `npm run bench:load -- --profile` starts the
// server with Node's --cpu-prof and this summarises the .cpuprofile files it writes on exit:
// self time per package (node_modules/<name>, the app's own code, Node internals) and the
// functions with the most self time. `tsx bench/load/profile.ts <dir>` summarises a folder again.
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

function packageOf(url: string): string {
  if (!url) return "(native, GC, idle)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/.next")) return "app (built server chunks)";
  return "other";
}

export function summarise(dir: string, top = 20): void {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")) : [];
  if (files.length === 0) {
    console.log(`no .cpuprofile in ${dir}`);
    return;
  }
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const interval = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length); // ms per sample
    for (const n of p.nodes) {
      const ms = (n.hitCount ?? 0) * interval;
      if (!ms || n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
      total += ms;
      const pkg = packageOf(n.callFrame.url);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
      const fn = `${n.callFrame.functionName || "(anonymous)"} ${pkg}${n.callFrame.url ? `:${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ""}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    }
  }
  const show = (title: string, m: Map<string, number>, k: number) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, k))
      console.log(`  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
  };
  console.log(`\nCPU profile of the server (${files.length} process(es), ${(total / 1000).toFixed(1)} s busy, idle excluded)`);
  show("self time by package", byPackage, 12);
  show(`top ${top} functions by self time`, byFunction, top);
}

if (import.meta.url === `file://${process.argv[1]}`) summarise(process.argv[2] ?? ".");
