// Locks after some idle minutes, and when the page has been hidden for a
// while. Timers can be late while a page is hidden, so elapsed time is
// measured with the clock, and checked again when the page comes back.

const ACTIVITY = ["pointerdown", "keydown", "input", "wheel", "touchstart"];
export const HIDDEN_LIMIT_MS = 60_000;

/**
 * @param {{minutes: number, onLock: () => void, hiddenLimitMs?: number}} options
 * @returns {{stop: () => void, setMinutes: (minutes: number) => void}}
 */
export function startAutoLock({ minutes, onLock, hiddenLimitMs = HIDDEN_LIMIT_MS }) {
  let idleLimit = minutes * 60_000;
  let lastActivity = Date.now();
  let hiddenSince = document.visibilityState === "hidden" ? Date.now() : 0;
  let idleTimer = 0;
  let hiddenTimer = 0;
  let stopped = false;

  const lock = () => {
    if (stopped) return;
    stop();
    onLock();
  };
  const armIdle = () => {
    clearTimeout(idleTimer);
    const remaining = idleLimit - (Date.now() - lastActivity);
    if (remaining <= 0) return lock();
    idleTimer = setTimeout(armIdle, remaining);
  };
  const activity = () => {
    lastActivity = Date.now();
  };
  const visibility = () => {
    if (document.visibilityState === "hidden") {
      hiddenSince = Date.now();
      hiddenTimer = setTimeout(lock, hiddenLimitMs);
    } else {
      clearTimeout(hiddenTimer);
      if (hiddenSince && Date.now() - hiddenSince >= hiddenLimitMs) return lock();
      hiddenSince = 0;
      armIdle();
    }
  };
  const stop = () => {
    stopped = true;
    clearTimeout(idleTimer);
    clearTimeout(hiddenTimer);
    ACTIVITY.forEach((type) => document.removeEventListener(type, activity, true));
    document.removeEventListener("visibilitychange", visibility);
  };

  ACTIVITY.forEach((type) => document.addEventListener(type, activity, { capture: true, passive: true }));
  document.addEventListener("visibilitychange", visibility);
  if (hiddenSince) hiddenTimer = setTimeout(lock, hiddenLimitMs);
  armIdle();
  return {
    stop,
    setMinutes(next) {
      idleLimit = next * 60_000;
      armIdle();
    },
  };
}
