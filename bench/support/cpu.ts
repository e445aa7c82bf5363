// CPU time of processes, read from /proc (Linux only): what a benchmark's requests cost the
// server and its PostgreSQL backends, beside what they took on the clock.
import fs from "node:fs";

/** CPU time in ms of the given processes (those that are gone count 0), from each thread's /proc schedstat (nanoseconds). */
export function cpuMs(pids: number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      // Every thread's, so that a process's worker threads count too.
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      /* gone */
    }
  }
  return ns / 1e6;
}

/** Every process in a process group (next start and anything it spawned). */
export function groupOf(pgid: number): number[] {
  const pids: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Whether /proc can be read for this (the figures are left out elsewhere). */
export const canReadCpu = process.platform === "linux" && fs.existsSync("/proc/self/task");

/** Every PostgreSQL process on this machine (backends, and the server's own workers). */
export function postgresProcesses(): number[] {
  const pids: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}
