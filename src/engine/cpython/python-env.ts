/**
 * The environment a Python child gets: the lab's own, minus every PYTHON* variable. -I already
 * makes CPython ignore them, but PYTHON_GIL in particular must never leak into a run by accident
 * (only the free-threaded lesson sets it, on purpose, through `extra`).
 */
export function pythonEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^PYTHON/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}
