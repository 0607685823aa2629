// Making the file to send: the whole plan or the caregiver's copy, sealed in
// the .famplan format under a share passphrase. When it was made and what kind
// of copy it is go in the payload (encrypted), never in the file's name.
import { currentVersion, own } from "../plan/schema.js";
import { caregiverCopy } from "./caregiver-copy.js";
import { encryptPlan } from "./famplan-file.js";

export const FAMPLAN_MIME = "application/x-famplan";
const FILE_NAME = "plan.famplan";

/**
 * @param {object} plan "my plan", current version
 * @param {{kind: "full" | "caregiver", sections?: string[], passphrase: string}} choice
 * @returns {Promise<File>}
 */
export async function makeExportFile(plan, { kind, sections, passphrase }) {
  const copy = kind === "caregiver" ? caregiverCopy(plan, sections) : plan;
  const exportedAt = new Date().toISOString();
  const schemaVersion = own(copy, "schemaVersion") ?? currentVersion();
  const bytes = await encryptPlan({ schemaVersion, plan: copy, exportedAt }, passphrase, { kind });
  return new File([bytes], FILE_NAME, { type: FAMPLAN_MIME });
}
