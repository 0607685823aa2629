// The vault: create, unlock, change the passphrase, delete everything.
// Passphrase -> key-encryption key -> data key -> Session.
import { base64url, equalBytes, randomBytes } from "../crypto/bytes.js";
import { KDF_ALG, calibrateIterations, deriveWrappingKey, newSalt } from "../crypto/kdf.js";
import { createDataKey, rewrap, unwrapDataKey } from "../crypto/keys.js";
import * as store from "../storage/vault-store.js";
import { retryAt, sameEntry, startTry } from "./attempts.js";
import { VaultError } from "./errors.js";
import { FORMAT_VERSION, WRAP_ALG, checkVaultShape, keyAdditionalData, vaultCheck } from "./format.js";
import { assessPassphrase } from "./passphrase-strength.js";
import { Session } from "./session.js";
import * as tabs from "./tabs.js";
import { forgetVault, rememberVault, rememberedVault } from "./vault-marker.js";

export { onStorageEvent, storageStatus } from "../storage/vault-store.js";
export { listen as onOtherTab } from "./tabs.js";

// The store tells a whole vault entry from a damaged one by these rules when it
// compares its two copies, before any passphrase is typed.
store.configure({ isSoundVault });

/**
 * After `hasVault()` said false: whether this phone held a vault that neither
 * copy has any more (discarded by the browser, not deleted from the app).
 * @returns {boolean}
 */
export function vaultWentMissing() {
  return rememberedVault() || store.storageStatus().dataLoss !== null;
}

/** @returns {Promise<boolean>} */
export async function hasVault() {
  const found = (await store.readMeta("vault")) !== undefined;
  if (found) rememberVault(); // vaults made before the note existed get it too
  return found;
}

/**
 * Creates the vault with a new random data key. Refuses a weak passphrase
 * ("weak") and an existing vault ("exists").
 * @param {string} passphrase
 * @returns {Promise<Session>}
 */
export async function createVault(passphrase) {
  if (!assessPassphrase(passphrase).acceptable) throw new VaultError("weak");
  if (await hasVault()) throw new VaultError("exists");
  const kdf = { alg: KDF_ALG, iterations: await calibrateIterations(), salt: newSalt() };
  const wrappingKey = await deriveWrappingKey(passphrase, kdf.salt, kdf.iterations);
  const { key, iv, wrappedKey } = await createDataKey(wrappingKey, keyAdditionalData(kdf));
  const now = Date.now();
  const vault = await sealed({
    format: FORMAT_VERSION,
    vaultId: base64url(randomBytes(16)),
    keyRevision: 1,
    createdAt: now,
    keyChangedAt: now,
    kdf,
    wrap: { alg: WRAP_ALG, iv, key: wrappedKey },
  });
  try {
    await store.createVault(vault);
  } catch (error) {
    throw error.code === "exists" ? new VaultError("exists") : error;
  }
  rememberVault();
  return new Session(key, vault.vaultId);
}

/**
 * @param {string} passphrase
 * @returns {Promise<Session>} rejects with "no-vault", "damaged", "wait" or "wrong-passphrase"
 */
export async function unlock(passphrase) {
  const vault = await readVault();
  const key = await withAttempts(async () => {
    const wrappingKey = await deriveWrappingKey(passphrase, vault.kdf.salt, vault.kdf.iterations);
    return unwrapDataKey(vault.wrap.key, wrappingKey, vault.wrap.iv, keyAdditionalData(vault.kdf));
  });
  return new Session(key, vault.vaultId);
}

/**
 * Re-wraps the data key under a new passphrase (new salt, iterations
 * calibrated again). The records are untouched: they stay readable.
 * @param {string} current
 * @param {string} next
 */
export async function changePassphrase(current, next) {
  const vault = await readVault();
  if (!assessPassphrase(next).acceptable) throw new VaultError("weak");
  const { kdf, wrapped } = await withAttempts(async () => {
    // Derived first, so the extractable data key inside rewrap() lives as briefly as possible.
    const oldWrappingKey = await deriveWrappingKey(current, vault.kdf.salt, vault.kdf.iterations);
    const newKdf = { alg: KDF_ALG, iterations: await calibrateIterations(), salt: newSalt() };
    const newWrappingKey = await deriveWrappingKey(next, newKdf.salt, newKdf.iterations);
    const rewrapped = await rewrap(
      { wrappedKey: vault.wrap.key, iv: vault.wrap.iv, wrappingKey: oldWrappingKey, additionalData: keyAdditionalData(vault.kdf) },
      { wrappingKey: newWrappingKey, additionalData: keyAdditionalData(newKdf) },
    );
    return { kdf: newKdf, wrapped: rewrapped };
  });
  const replacement = await sealed({
    ...vault,
    keyRevision: vault.keyRevision + 1,
    keyChangedAt: Date.now(),
    kdf,
    wrap: { alg: WRAP_ALG, iv: wrapped.iv, key: wrapped.wrappedKey },
  });
  await store.replaceVault(replacement, { vaultId: vault.vaultId, keyRevision: vault.keyRevision });
  tabs.announce({ type: "rekeyed" });
}

/**
 * Removes the vault and every record (the own plan and shared plans). The app stays.
 * @param {{blocked?: () => void}} [handlers] `blocked`: a tab that does not let go of the database holds up the deletion
 */
export async function deleteEverything(handlers = {}) {
  await store.deleteEverything(handlers);
  forgetVault();
  tabs.announce({ type: "deleted" });
}

/**
 * What the backup reminder needs: when the vault was created, last changed and last exported (ms, or 0).
 * @returns {Promise<{createdAt: number, changedAt: number, exportedAt: number}>}
 */
export async function backupState() {
  const [vault, backup] = await Promise.all([store.readMeta("vault"), store.readMeta("backup")]);
  return {
    createdAt: Number(vault?.createdAt) || 0,
    changedAt: Number(backup?.changedAt) || 0,
    exportedAt: Number(backup?.exportedAt) || 0,
  };
}

/**
 * For the export feature: a backup file holding everything saved up to `at` was written.
 * @param {number} [at]
 */
export async function markExported(at = Date.now()) {
  const backup = (await store.readMeta("backup")) || {};
  await store.writeMeta("backup", { ...backup, exportedAt: at });
}

/** @returns {Promise<number>} when the next unlock try is allowed (ms since the epoch), or 0 for now */
export async function nextTryAt() {
  return retryAt(await store.readMeta("attempts"), Date.now());
}

async function readVault() {
  const vault = await store.readMeta("vault");
  if (vault === undefined) throw new VaultError("no-vault");
  if (!(await isSoundVault(vault))) throw new VaultError("damaged");
  return vault;
}

/** Shape, bounds and check of a vault entry: what can be known of it without the passphrase. */
async function isSoundVault(vault) {
  try {
    checkVaultShape(vault);
    return equalBytes(await vaultCheck(vault), vault.check);
  } catch {
    return false;
  }
}

async function sealed(vault) {
  const { check: _, ...fields } = vault;
  return { ...fields, check: await vaultCheck(fields) };
}

// The last try this page counted, on the page's own steady clock (performance.now()),
// which moving the phone's clock does not change.
let counted = null; // {entry, at, delay}

/** How much longer this page's steady clock says to wait, if `stored` is still the try it counted. */
function heldBack(stored) {
  if (!counted || !sameEntry(stored, counted.entry)) return 0;
  return counted.delay - (performance.now() - counted.at);
}

/**
 * Runs `attempt` (which needs the right passphrase) unless the wait after
 * earlier failures is not over. The try is counted before it runs, in the
 * transaction that checks the wait; a right passphrase clears the count, and
 * a failure that is not a wrong passphrase takes its count back.
 */
async function withAttempts(attempt) {
  let decision;
  let before;
  await store.updateMeta("attempts", (stored) => {
    before = stored;
    decision = startTry(stored, Date.now(), heldBack(stored));
    return decision.store;
  });
  if (decision.retryAt) throw new VaultError("wait", { retryAt: decision.retryAt });
  const entry = decision.store;
  counted = { entry, at: performance.now(), delay: entry.nextAllowedAt - entry.lastTryAt };
  let result;
  try {
    result = await attempt();
  } catch (error) {
    if (error instanceof VaultError || error?.name !== "OperationError") {
      await store.updateMeta("attempts", (stored) => (sameEntry(stored, entry) ? before || { failures: 0, nextAllowedAt: 0 } : undefined));
      throw error;
    }
    throw new VaultError("wrong-passphrase", { cause: error, retryAt: retryAt(entry, Date.now()) });
  }
  counted = null;
  await store.updateMeta("attempts", () => ({ failures: 0, nextAllowedAt: 0, lastTryAt: entry.lastTryAt }));
  return result;
}
