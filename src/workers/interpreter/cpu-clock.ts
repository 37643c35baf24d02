/**
 * The CPU time a worker itself used, so the lab can say how many cores a run used from its own
 * workers' figures (LAB_DESIGN.md section 5) rather than from the machine's load, which another
 * program on a busy laptop raises too.
 *
 * A child process is an interpreter of its own: process.cpuUsage() is its CPU time. A
 * worker_thread shares its process with the engine and every other thread, so it needs the time
 * of its own OS thread: process.threadCpuUsage() where Node has it (23.9+), else Linux's
 * /proc/thread-self (schedstat, or stat), read synchronously on the thread being measured.
 */
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** CPU ms used so far by the calling thread (or process), on a clock that only moves while it runs. */
export type CpuClock = () => number;

/**
 * USER_HZ: the unit of utime and stime in /proc. It is part of Linux's ABI and 100 on every
 * architecture Node runs on (`getconf CLK_TCK`); asking getconf would start a process per worker.
 */
const TICKS_PER_SECOND = 100;

/** utime + stime of a /proc/<pid>/stat or /proc/thread-self/stat text, in ms (10 ms steps). */
export function statCpuMs(text: string): number {
  // The command name (field 2) is in parentheses and may hold spaces or ')': count from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
  const [utime, stime] = [fields[11], fields[12]];
  if (!utime || !stime || !/^\d+$/.test(utime) || !/^\d+$/.test(stime)) throw new Error('unreadable stat line');
  return ((Number(utime) + Number(stime)) * 1000) / TICKS_PER_SECOND;
}

/** Time on a CPU from a /proc/.../schedstat text (its first field, in ns), in ms. */
export function schedstatCpuMs(text: string): number {
  const ns = /^\d+/.exec(text);
  if (!ns) throw new Error('unreadable schedstat line');
  return Number(ns[0]) / 1e6;
}

/** A reader of one /proc file as CPU ms, or null where the file is missing or unreadable. */
function procClock(path: string, parse: (text: string) => number): CpuClock | null {
  const read = (): number => parse(readFileSync(path, 'utf8'));
  try {
    read();
    return read;
  } catch {
    return null;
  }
}

type ThreadCpuUsage = () => { user: number; system: number };

/**
 * This thread's CPU clock, or null where neither Node nor the OS tells it. schedstat counts in
 * nanoseconds (a running thread's figure lags by at most one scheduler tick); stat only in 10 ms
 * clock ticks, too coarse for a step of a tenth of a second, so it comes last.
 */
function threadClock(): CpuClock | null {
  const threadCpuUsage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
  if (typeof threadCpuUsage === 'function') {
    return () => {
      const usage = threadCpuUsage.call(process);
      return (usage.user + usage.system) / 1000;
    };
  }
  return procClock('/proc/thread-self/schedstat', schedstatCpuMs) ?? procClock('/proc/thread-self/stat', statCpuMs);
}

/**
 * The CPU clock of whatever this worker is: its process, or its thread. null where a thread's own
 * time cannot be read (a worker_thread on macOS or Windows with a Node before 23.9): the caller
 * then counts the time the worker spent running on its own timeline instead.
 */
export function ownCpuClock(): CpuClock | null {
  if (isMainThread) {
    return () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
  }
  return threadClock();
}
