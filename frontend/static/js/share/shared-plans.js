// Plans other families shared with this phone: read-only copies, each with a
// label and the caregiver's ticks on its steps, kept together in one encrypted
// vault record so that adding or removing one is a single save. "Delete
// everything" removes the record. Changes are made one at a time: each reads
// the record, changes it and writes it back before the next one reads.
const RECORD = "shared-plans";

/**
 * @typedef {object} SharedPlan
 * @property {string} id
 * @property {string} label  the name the person gave it
 * @property {"full" | "caregiver"} kind
 * @property {string} receivedAt  ISO 8601
 * @property {string | null} exportedAt  when the family made the file, if the file says
 * @property {object} plan
 * @property {string[]} [ticks]  ids of the steps ticked off in "If you get the call"
 */

let changes = Promise.resolve();

/** Runs one change after the ones already started, whatever became of them. */
function oneAtATime(session, change) {
  const run = async () => {
    await session.idle();
    return change();
  };
  const result = changes.then(run, run);
  changes = result.catch(() => {});
  return result;
}

function newId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * @param {{read: Function}} session an unlocked vault session
 * @returns {Promise<SharedPlan[]>} in the order they were received
 */
export async function listSharedPlans(session) {
  const stored = await session.read(RECORD, RECORD);
  return Array.isArray(stored?.plans) ? stored.plans : [];
}

/**
 * @param {{read: Function, write: Function, idle: Function}} session
 * @param {{label: string, payload: {kind: string, plan: object, exportedAt?: string}, ticks?: string[]}} shared
 *   `ticks`: steps already ticked while the plan was only being looked at
 * @returns {Promise<SharedPlan>}
 */
export function keepSharedPlan(session, { label, payload, ticks = [] }) {
  return oneAtATime(session, async () => {
    const plans = await listSharedPlans(session);
    const entry = {
      id: newId(),
      label,
      kind: payload.kind,
      receivedAt: new Date().toISOString(),
      exportedAt: typeof payload.exportedAt === "string" ? payload.exportedAt : null,
      plan: payload.plan,
      ticks: [...ticks],
    };
    await session.write(RECORD, RECORD, { plans: [...plans, entry] });
    return entry;
  });
}

/**
 * @param {{read: Function, write: Function, idle: Function}} session
 * @param {string} id
 */
export function removeSharedPlan(session, id) {
  return oneAtATime(session, async () => {
    const plans = await listSharedPlans(session);
    await session.write(RECORD, RECORD, { plans: plans.filter((entry) => entry.id !== id) });
  });
}

/**
 * The ticks of one kept plan, encrypted with it; never in the plan itself, and never in a file.
 * @param {{read: Function, write: Function, idle: Function}} session
 * @param {string} id
 * @param {string[]} ticks
 */
export function saveTicks(session, id, ticks) {
  return oneAtATime(session, async () => {
    const plans = await listSharedPlans(session);
    if (!plans.some((entry) => entry.id === id)) return;
    await session.write(RECORD, RECORD, { plans: plans.map((entry) => (entry.id === id ? { ...entry, ticks: [...ticks] } : entry)) });
  });
}

/**
 * @param {SharedPlan} entry
 * @returns {Set<string>} the steps ticked off, as stored
 */
export function ticksOf(entry) {
  return new Set(Array.isArray(entry.ticks) ? entry.ticks.filter((id) => typeof id === "string") : []);
}
