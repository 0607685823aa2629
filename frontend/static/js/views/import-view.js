// Opening a received file: choose or drop it, type its passphrase, see what it
// holds, then keep it as a shared plan or make it "my plan".
import { t } from "../ui/strings.js";
import { bindRevealButtons, clearPassphrases, elementWith, empty, showError } from "./dom.js";

export class ImportView {
  /** @param {HTMLElement} root the #open-app element */
  constructor(root) {
    this.root = root;
    this.input = root.querySelector("#import-file");
    this.drop = root.querySelector("#import-drop");
    this.pickError = root.querySelector("#import-error");
    this.unlock = root.querySelector("#import-unlock");
    this.form = root.querySelector("#import-form");
    this.passphrase = root.querySelector("#import-passphrase");
    this.passphraseError = root.querySelector("#import-passphrase-error");
    this.progress = root.querySelector("#import-progress");
    this.preview = root.querySelector("#import-preview");
    this.summary = root.querySelector("#import-summary");
    this.document = root.querySelector("#import-document");
    this.label = root.querySelector("#import-label");
    this.needsVault = root.querySelector("#import-needs-vault");
    this.saveError = root.querySelector("#import-save-error");
    this.result = root.querySelector("#import-result");
    this.actions = [root.querySelector("#import-keep"), root.querySelector("#import-replace")];
    bindRevealButtons(this.unlock);
  }

  /** @param {(file: File, source: "picked" | "dropped") => void} handler a file chosen or dropped */
  bindFile(handler) {
    this.input.addEventListener("change", () => {
      const [file] = this.input.files;
      this.input.value = "";
      if (file) handler(file, "picked");
    });
    this.drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      this.drop.classList.add("drop-active");
    });
    this.drop.addEventListener("dragleave", () => this.drop.classList.remove("drop-active"));
    this.drop.addEventListener("drop", (event) => {
      event.preventDefault();
      this.drop.classList.remove("drop-active");
      const file = event.dataTransfer?.files?.[0];
      if (file) handler(file, "dropped");
    });
  }

  /** @param {(passphrase: string) => void} handler */
  bindPassphrase(handler) {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.form.querySelector("button[type=submit]").disabled) handler(this.passphrase.value);
    });
  }

  /** @param {{keep: (label: string) => void, replace: () => void, cancel: () => void}} handlers */
  bindActions({ keep, replace, cancel }) {
    this.root.querySelector("#import-keep").addEventListener("click", () => keep(this.label.value.trim() || t("importDefaultLabel")));
    this.root.querySelector("#import-replace").addEventListener("click", replace);
    this.root.querySelector("#import-cancel").addEventListener("click", cancel);
  }

  /** @param {string} key a UI string key: the file was refused before any passphrase */
  showFileError(key) {
    this.reset();
    showError(this.pickError, t(key));
  }

  /** A file that passed every check a passphrase is not needed for. */
  askPassphrase() {
    this.reset();
    this.unlock.hidden = false;
    this.passphrase.focus();
  }

  /**
   * Forgets the typed passphrase and everything decrypted. With a file still
   * waiting, its passphrase step shows again (empty); otherwise "choose a file".
   * @param {boolean} fileWaiting
   */
  forget(fileWaiting) {
    const result = this.result.textContent;
    this.reset();
    this.unlock.hidden = !fileWaiting;
    this.result.textContent = result;
  }

  /** @param {boolean} busy */
  busy(busy) {
    this.form.querySelector("button[type=submit]").disabled = busy;
    this.progress.textContent = busy ? t("importOpening") : "";
    if (busy) showError(this.passphraseError, "", this.passphrase);
  }

  /** @param {string} key a UI string key: the file did not open with this passphrase */
  showPassphraseError(key) {
    showError(this.passphraseError, t(key), this.passphrase);
    this.passphrase.select();
  }

  /**
   * @param {{lines: Array<Array<string | Node>>, label: string, document: HTMLElement}} preview
   *   each line's parts: text, and the names in it as isolated nodes
   * @param {boolean} canSave whether a vault session is there to save into
   */
  showPreview({ lines, label, document: content }, canSave) {
    clearPassphrases(this.unlock);
    this.unlock.hidden = true;
    empty(this.summary);
    for (const line of lines) this.summary.append(elementWith("li", {}, ...line));
    empty(this.document);
    this.document.append(content);
    this.label.value = label;
    this.preview.hidden = false;
    this.setCanSave(canSave);
    this.preview.querySelector("h2").focus();
  }

  /** @param {boolean} canSave */
  setCanSave(canSave) {
    for (const button of this.actions) button.disabled = !canSave;
    this.needsVault.hidden = canSave || this.preview.hidden;
  }

  /** @param {string} key a UI string key */
  showSaveError(key) {
    this.saveError.textContent = t(key);
  }

  /** @param {string} key a UI string key, or "" */
  showResult(key) {
    this.result.textContent = key ? t(key) : "";
  }

  /** Back to "choose a file": forgets the passphrase and every decrypted value. */
  reset() {
    showError(this.pickError, "");
    showError(this.passphraseError, "", this.passphrase);
    clearPassphrases(this.unlock);
    this.unlock.hidden = true;
    this.busy(false);
    this.preview.hidden = true;
    this.needsVault.hidden = true;
    empty(this.summary);
    empty(this.document);
    this.label.value = "";
    this.saveError.textContent = "";
    this.showResult("");
  }
}
