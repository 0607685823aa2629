// One storage write at a time, across every tab of the app: so the primary and
// the second copy are never written at the same moment, and one kill can cut
// short at most one of them.
const LOCK = "famplan-storage";
let queue = Promise.resolve();

/**
 * Runs `task` while no other tab (or other task of this tab) runs one.
 * @template T
 * @param {() => Promise<T>} task
 * @returns {Promise<T>}
 */
export function exclusive(task) {
  if (navigator.locks?.request) return navigator.locks.request(LOCK, () => task());
  // Without Web Locks, this tab's tasks still run one after another.
  const result = queue.then(task, task);
  queue = result.catch(() => {});
  return result;
}
