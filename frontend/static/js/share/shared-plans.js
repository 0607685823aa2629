// Plans other families shared with this phone: read-only copies, each with a
// label, kept together in one encrypted vault record so that adding or
// removing one is a single save. "Delete everything" removes the record.
const RECORD = "shared-plans";

/**
 * @typedef {object} SharedPlan
 * @property {string} id
 * @property {string} label  the name the person gave it
 * @property {"full" | "caregiver"} kind
 * @property {string} receivedAt  ISO 8601
 * @property {string | null} exportedAt  when the family made the file, if the file says
 * @property {object} plan
 */

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
 * @param {{read: Function, write: Function}} session
 * @param {{label: string, payload: {kind: string, plan: object, exportedAt?: string}}} shared
 * @returns {Promise<SharedPlan>}
 */
export async function keepSharedPlan(session, { label, payload }) {
  const plans = await listSharedPlans(session);
  const entry = {
    id: newId(),
    label,
    kind: payload.kind,
    receivedAt: new Date().toISOString(),
    exportedAt: typeof payload.exportedAt === "string" ? payload.exportedAt : null,
    plan: payload.plan,
  };
  await session.write(RECORD, RECORD, { plans: [...plans, entry] });
  return entry;
}

/**
 * @param {{read: Function, write: Function}} session
 * @param {string} id
 */
export async function removeSharedPlan(session, id) {
  const plans = await listSharedPlans(session);
  await session.write(RECORD, RECORD, { plans: plans.filter((entry) => entry.id !== id) });
}
