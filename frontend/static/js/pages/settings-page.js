// Settings: storage persistence and usage, auto-lock, backups, passphrase change, delete everything.
import { t } from "../ui/strings.js";
import { forgetWhenAway } from "../vault/forget-when-away.js";
import { assessPassphrase } from "../vault/passphrase-strength.js";
import { DEFAULT_AUTO_LOCK_MINUTES, autoLockMinutes, setAutoLockMinutes } from "../vault/preferences.js";
import * as vault from "../vault/vault.js";
import { SettingsView } from "../views/settings-view.js";

const CHANGE_ERRORS = {
  "wrong-passphrase": "wrongPassphrase",
  wait: "tooManyTries",
  weak: "passphraseTooWeak",
  damaged: "vaultDamaged",
  conflict: "saveConflict",
  quota: "saveQuota",
};

export async function startSettingsPage() {
  const root = document.getElementById("settings-app");
  if (!root) return;
  const view = new SettingsView(root);

  const refreshStorage = async () => {
    const storage = navigator.storage;
    const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
    const estimate = storage?.estimate ? await storage.estimate().catch(() => ({})) : {};
    view.showStorage({ persisted, usage: estimate.usage, quota: estimate.quota });
  };
  const refreshVault = async () => {
    const hasVault = await vault.hasVault();
    view.showVaultParts(hasVault);
    view.showCopy(vault.storageStatus().copy, hasVault);
    view.showBackup((await vault.backupState()).exportedAt);
  };

  view.bindPersist(async () => {
    await navigator.storage?.persist?.().catch(() => false);
    await refreshStorage();
  });
  // A typed passphrase never outlives a visit: gone on leaving (so Back cannot
  // show it) and after the auto-lock time without use.
  const away = forgetWhenAway({
    minutes: DEFAULT_AUTO_LOCK_MINUTES, // until the setting is read, below
    forget: () => view.forgetPassphrases(),
    back: () => Promise.all([refreshStorage(), refreshVault()]),
  });
  view.bindAutoLock(async (minutes) => {
    await setAutoLockMinutes(minutes);
    away.setMinutes(minutes);
    view.autoLockSaved();
  });
  view.bindNewPassphraseInput((passphrase) => view.showStrength(assessPassphrase(passphrase)));
  view.bindChangePassphrase(async (current, next, confirmation) => {
    const assessment = assessPassphrase(next);
    if (!assessment.acceptable) return view.changeRefused(assessment);
    if (next !== confirmation) return view.changeFailed("passphraseMismatch");
    view.changeBusy(true);
    try {
      await vault.changePassphrase(current, next);
      view.changeBusy(false);
      view.changeDone();
    } catch (error) {
      view.changeBusy(false);
      view.changeFailed(CHANGE_ERRORS[error.code] || "unexpectedError", error.retryAt);
    }
  });
  view.bindDelete(async (typed) => {
    if (typed.normalize("NFC").trim().toLocaleUpperCase() !== t("deleteConfirmWord").normalize("NFC").toLocaleUpperCase()) {
      return view.deleteFailed("deleteNotConfirmed");
    }
    view.deleteBusy();
    try {
      await vault.deleteEverything({ blocked: () => view.deleteFailed("storageBlocked") });
      view.deleteDone();
      await Promise.all([refreshVault(), refreshStorage()]);
    } catch (error) {
      view.deleteFailed("unexpectedError");
    }
  });

  const useMinutes = (minutes) => {
    view.showAutoLock(minutes);
    away.setMinutes(minutes);
  };
  await Promise.all([refreshStorage(), refreshVault(), autoLockMinutes().then(useMinutes)]);
}
