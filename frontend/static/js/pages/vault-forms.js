// The set-up and unlock forms, wired to the vault the same way on every page
// that opens it (the plan page and the open page), and which of them a locked page shows.
import { generatePassphrase } from "../vault/passphrase-generator.js";
import { assessPassphrase } from "../vault/passphrase-strength.js";
import * as vault from "../vault/vault.js";

const SETUP_ERRORS = { weak: "passphraseTooWeak", exists: "vaultExists", quota: "saveQuota" };
const UNLOCK_ERRORS = {
  "wrong-passphrase": "wrongPassphrase",
  wait: "tooManyTries",
  damaged: "vaultDamaged",
  "plan-damaged": "planDamaged",
};

/**
 * @param {{ setup: import("../views/vault-setup-view.js").VaultSetupView,
 *           unlock: import("../views/unlock-view.js").UnlockView,
 *           onOpened: (session: object) => Promise<void> }} parts
 *   `onOpened` receives the new session; it may throw an error with a `.code`.
 */
export function bindVaultForms({ setup, unlock, onOpened }) {
  setup.bindPassphraseInput((passphrase) => setup.showStrength(assessPassphrase(passphrase)));
  setup.bindSuggest(() => {
    const words = generatePassphrase();
    setup.showSuggestion(words);
    setup.showStrength(assessPassphrase(words));
  });
  setup.bindSubmit(async (passphrase) => {
    const assessment = assessPassphrase(passphrase);
    if (!assessment.acceptable) return setup.showRefusal(assessment);
    // Asked during the tap itself: browsers that ask the person need that gesture.
    navigator.storage?.persist?.().catch(() => {});
    setup.busy("creating");
    try {
      const created = await vault.createVault(passphrase);
      setup.busy("");
      await onOpened(created);
    } catch (error) {
      setup.busy("");
      setup.showError(SETUP_ERRORS[error.code] || "unexpectedError");
    }
  });
  unlock.bindSubmit(async (passphrase) => {
    unlock.busy(true);
    try {
      const opened = await vault.unlock(passphrase);
      unlock.busy(false);
      await onOpened(opened);
    } catch (error) {
      unlock.busy(false);
      if (error.code === "no-vault") {
        unlock.hide();
        setup.show();
      } else {
        unlock.showError(UNLOCK_ERRORS[error.code] || "unexpectedError", error.retryAt);
      }
    }
  });
}

/**
 * The locked page's form: unlock if this phone has a vault (with the wait
 * after wrong passphrases, if one is running), else set-up.
 * @param {{ setup: import("../views/vault-setup-view.js").VaultSetupView,
 *           unlock: import("../views/unlock-view.js").UnlockView }} forms
 * @returns {Promise<boolean>} whether there is a vault
 */
export async function showLockedForm({ setup, unlock }) {
  const hasVault = await vault.hasVault();
  (hasVault ? setup : unlock).hide();
  (hasVault ? unlock : setup).show();
  if (hasVault) {
    const retryAt = await vault.nextTryAt();
    if (retryAt) unlock.showError("tooManyTries", retryAt);
  }
  return hasVault;
}
