// CPU time of processes, read from /proc (Linux only): what a benchmark's requests cost the
// server and its PostgreSQL backends, beside what they took on the clock.
import fs from "node:fs";

/** CPU time in ms of a process (0 once it is gone), from each thread's /proc schedstat (nanoseconds). */
function cpuMs(pid: number): number {
  let ns = 0;
  try {
    // Every thread's, so that a process's worker threads count too.
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    /* gone */
  }
  return ns / 1e6;
}

/** Each process's CPU time in ms now, to pass to cpuSince. */
export const cpuSnapshot = (pids: number[]): Map<number, number> => new Map(pids.map((pid) => [pid, cpuMs(pid)]));

/**
 * CPU ms spent since `before` by its processes and by `now` (the same kind of processes listed
 * again at the end): one that started in between counts from 0, so a backend the pool opened
 * during a phase is not missed; one that ended in between counts 0.
 */
export function cpuSince(before: Map<number, number>, now: number[]): number {
  let ms = 0;
  for (const pid of new Set([...before.keys(), ...now])) ms += Math.max(0, cpuMs(pid) - (before.get(pid) ?? 0));
  return ms;
}

/** The ids of the processes whose /proc/<pid>/stat and comm pass `keep` (gone ones are skipped). */
function processesWhere(keep: (stat: string, comm: string) => boolean): number[] {
  const pids: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (keep(fs.readFileSync(`/proc/${d}/stat`, "utf8"), fs.readFileSync(`/proc/${d}/comm`, "utf8").trim())) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Every process in a process group (next start and anything it spawned). */
export const groupOf = (pgid: number): number[] => processesWhere((stat) => Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid);

/** Every PostgreSQL process on this machine (backends, and the server's own workers). */
export const postgresProcesses = (): number[] => processesWhere((_, comm) => comm === "postgres");

/** Whether /proc can be read for this (the figures are left out elsewhere). */
export const canReadCpu = process.platform === "linux" && fs.existsSync("/proc/self/task");
