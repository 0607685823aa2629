// Opening a received file: the .famplan checks and decryption, then the plan
// brought to this app's schema version. Every refusal is a FileFormatError
// with the code of docs/file-format.md; nothing here stores anything.
import { NewerSchemaError, migrate } from "../plan/migrate.js";
import { isPlainObject } from "../plan/schema.js";
import { FileFormatError, decryptFile } from "./famplan-file.js";

/**
 * @param {Uint8Array} bytes the whole file
 * @param {string} passphrase
 * @returns {Promise<{kind: "full" | "caregiver", plan: object, exportedAt: string | null}>}
 * @throws {FileFormatError}
 */
export async function openReceivedFile(bytes, passphrase) {
  const payload = await decryptFile(bytes, passphrase);
  const versioned = ["schemaVersion", "version"].some((key) => Object.hasOwn(payload.plan, key));
  let plan;
  try {
    plan = migrate(versioned ? payload.plan : { schemaVersion: payload.schemaVersion, ...payload.plan });
  } catch (error) {
    throw new FileFormatError(error instanceof NewerSchemaError ? "newer-schema" : "invalid-payload");
  }
  if (!isPlainObject(plan.sections)) throw new FileFormatError("invalid-payload", "sections");
  const exportedAt = typeof payload.exportedAt === "string" ? payload.exportedAt : null;
  return { kind: payload.kind, plan, exportedAt };
}

/**
 * The UI string key for a refusal: one message per code.
 * @param {unknown} error
 * @returns {string}
 */
export function refusalMessage(error) {
  return error instanceof FileFormatError ? `file-${error.code}` : "file-unreadable";
}
