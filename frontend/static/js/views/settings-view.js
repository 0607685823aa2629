// The vault's parts of Settings: storage, auto-lock, backups, passphrase change, delete everything.
import { t } from "../ui/strings.js";
import { bindRevealButtons, clearPassphrases, formatWait, showError } from "./dom.js";
import { refusalText, showStrength } from "./strength-meter.js";

export class SettingsView {
  /** @param {HTMLElement} root the #settings-app element */
  constructor(root) {
    this.root = root;
    this.lang = document.documentElement.lang || "en";
    this.autoLock = root.querySelector("#auto-lock-minutes");
    this.changeSection = root.querySelector("#change-passphrase");
    this.changeForm = root.querySelector("#change-form");
    this.changeError = root.querySelector("#change-error");
    this.changeStatus = root.querySelector("#change-status");
    this.deleteForm = root.querySelector("#delete-form");
    this.deleteInput = root.querySelector("#delete-confirm");
    this.deleteError = root.querySelector("#delete-error");
    this.deleteStatus = root.querySelector("#delete-status");
    bindRevealButtons(root);
  }

  /**
   * @param {{persisted: boolean | null, usage?: number, quota?: number}} storage
   */
  showStorage({ persisted, usage, quota }) {
    this.root.querySelector("#storage-persistent").hidden = persisted !== true;
    this.root.querySelector("#storage-not-persistent").hidden = persisted !== false;
    const usageLine = this.root.querySelector("#storage-usage");
    if (Number.isFinite(usage) && Number.isFinite(quota)) {
      usageLine.textContent = t("storageUsage").replace("{used}", this.#bytes(usage)).replace("{quota}", this.#bytes(quota));
      usageLine.hidden = false;
    }
  }

  /**
   * @param {"unknown" | "kept" | "unavailable" | "failed"} copy whether the vault's second copy is kept
   * @param {boolean} hasVault
   */
  showCopy(copy, hasVault) {
    for (const state of ["kept", "unavailable", "failed"]) {
      this.root.querySelector(`#storage-copy-${state}`).hidden = !hasVault || copy !== state;
    }
  }

  /** @param {() => void} handler */
  bindPersist(handler) {
    this.root.querySelector("#storage-persist").addEventListener("click", handler);
  }

  /** @param {number} minutes */
  showAutoLock(minutes) {
    this.autoLock.value = String(minutes);
  }

  /** @param {(minutes: number) => void} handler */
  bindAutoLock(handler) {
    this.autoLock.addEventListener("change", () => handler(Number(this.autoLock.value)));
  }

  autoLockSaved() {
    this.root.querySelector("#auto-lock-status").textContent = t("autoLockSaved");
  }

  /** @param {number} exportedAt ms since the epoch, or 0 */
  showBackup(exportedAt) {
    const date = new Intl.DateTimeFormat(this.lang, { dateStyle: "long" });
    this.root.querySelector("#backup-state").textContent = exportedAt
      ? t("backupLast").replace("{date}", date.format(exportedAt))
      : t("backupNever");
  }

  /** @param {boolean} hasVault */
  showVaultParts(hasVault) {
    this.changeSection.hidden = !hasVault;
  }

  /** @param {(passphrase: string) => void} handler */
  bindNewPassphraseInput(handler) {
    const input = this.root.querySelector("#change-new");
    input.addEventListener("input", () => handler(input.value));
  }

  /** @param {{level: string, weakness?: string | null}} assessment */
  showStrength(assessment) {
    showStrength(this.root.querySelector("#change-strength"), assessment);
  }

  /** @param {{level: string, weakness?: string | null}} assessment why the new passphrase is refused */
  changeRefused(assessment) {
    showError(this.changeError, refusalText(assessment), this.root.querySelector("#change-new"));
  }

  /** @param {(current: string, next: string, confirmation: string) => void} handler */
  bindChangePassphrase(handler) {
    this.changeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (id) => this.root.querySelector(id).value;
      handler(value("#change-current"), value("#change-new"), value("#change-confirm"));
    });
  }

  /** @param {boolean} busy */
  changeBusy(busy) {
    this.changeForm.querySelector("button[type=submit]").disabled = busy;
    this.changeStatus.textContent = busy ? t("changingPassphrase") : "";
    if (busy) showError(this.changeError, "");
  }

  /**
   * @param {string} key a UI string key
   * @param {number} [retryAt]
   */
  changeFailed(key, retryAt = 0) {
    const wait = retryAt > Date.now() ? ` ${t("waitBeforeRetry").replace("{time}", formatWait(retryAt - Date.now()))}` : "";
    const field = key === "passphraseMismatch" ? "#change-confirm" : key === "wrongPassphrase" || key === "tooManyTries" ? "#change-current" : "#change-new";
    showError(this.changeError, t(key) + wait, this.root.querySelector(field));
  }

  changeDone() {
    this.forgetPassphrases();
    this.changeStatus.textContent = t("passphraseChanged");
  }

  /** Empties the passphrase fields and hides them again, with their messages. */
  forgetPassphrases() {
    clearPassphrases(this.changeForm);
    showError(this.changeError, "");
    this.changeForm.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
    this.showStrength({ level: "empty" });
    this.changeStatus.textContent = "";
  }

  /** @param {(typed: string) => void} handler */
  bindDelete(handler) {
    this.deleteForm.addEventListener("submit", (event) => {
      event.preventDefault();
      handler(this.deleteInput.value);
    });
  }

  /** @param {string} key */
  deleteFailed(key) {
    this.deleteStatus.textContent = "";
    showError(this.deleteError, t(key), this.deleteInput);
  }

  deleteBusy() {
    showError(this.deleteError, "", this.deleteInput);
    this.deleteStatus.textContent = t("deleting");
  }

  deleteDone() {
    this.deleteInput.value = "";
    this.deleteStatus.textContent = t("deleted");
  }

  #bytes(value) {
    const megabytes = value / (1024 * 1024);
    const options = { style: "unit", unit: megabytes >= 1024 ? "gigabyte" : "megabyte", maximumFractionDigits: 1 };
    try {
      return new Intl.NumberFormat(this.lang, options).format(megabytes >= 1024 ? megabytes / 1024 : megabytes);
    } catch {
      return new Intl.NumberFormat("en", options).format(megabytes >= 1024 ? megabytes / 1024 : megabytes);
    }
  }
}
