/**
 * The decisions behind `npm start` that can be tested without starting anything: why Electron died
 * before it showed a window, and how Electron's download reaches the network through npm's proxy.
 */

/** How long Electron has to show its window before `npm start` gives up on it. */
export const WINDOW_DEADLINE_MS = 20_000;

/**
 * One sentence on why Electron exited without a window, read from the end of what it printed.
 * The three usual causes on a workshop laptop come first; anything else is named by its exit.
 */
export function diagnoseElectronExit(stderrTail, code, signal, env = process.env, platform = process.platform) {
  const text = String(stderrTail);
  const library = /error while loading shared libraries: ([^\s:]+)/.exec(text);
  if (library) return `a system library Electron needs is missing (${library[1]}); your package manager can install it`;
  if (/sandbox|user namespace|apparmor|clone\(\) failed|zygote/i.test(text)) {
    return "Electron's sandbox could not start (Ubuntu 24.04's AppArmor restricts it unless the app is installed from its .deb)";
  }
  if (/Missing X server|cannot open display|Failed to connect to Wayland|ozone_platform/i.test(text) || (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)) {
    return 'there is no display for a window (DISPLAY and WAYLAND_DISPLAY are unset, or the display refused the connection)';
  }
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
  return `Electron ${how} before it opened a window`;
}

/**
 * The environment for Electron's installer: @electron/get goes through a proxy only when told to,
 * and reads it from global-agent's variables. npm passes its own proxy settings to scripts as
 * npm_config_https_proxy / npm_config_proxy; those, or the usual HTTPS_PROXY, become the agent's.
 */
export function installerEnv(env = process.env) {
  const proxy = env.npm_config_https_proxy || env.npm_config_proxy || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return { ...env };
  const noProxy = env.npm_config_noproxy || env.NO_PROXY || env.no_proxy;
  return {
    ...env,
    ELECTRON_GET_USE_PROXY: '1',
    GLOBAL_AGENT_HTTPS_PROXY: env.GLOBAL_AGENT_HTTPS_PROXY || proxy,
    ...(noProxy && !env.GLOBAL_AGENT_NO_PROXY ? { GLOBAL_AGENT_NO_PROXY: noProxy } : {}),
  };
}
