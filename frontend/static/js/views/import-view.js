// Opening a received file, one step at a time: choose or drop it, type the
// file's passphrase, see what it holds; then look at it now, or keep it (or
// make it "my plan") in a step of its own, the only one that asks for the
// person's own passphrase.
import { t } from "../ui/strings.js";
import { bindRevealButtons, clearPassphrases, elementWith, empty, showError } from "./dom.js";

// Which cards show at each step. The file chooser stays beside the passphrase,
// so a wrong file can be swapped; after that, one thing at a time.
const STEPS = {
  pick: ["pick"],
  passphrase: ["pick", "unlock"],
  preview: ["preview"],
  store: ["store"],
  look: [],
};

export class ImportView {
  /** @param {HTMLElement} root the #open-app element */
  constructor(root) {
    this.root = root;
    this.input = root.querySelector("#import-file");
    this.drop = root.querySelector("#import-drop");
    this.pickError = root.querySelector("#import-error");
    this.cards = {
      pick: root.querySelector("#import-pick"),
      unlock: root.querySelector("#import-unlock"),
      preview: root.querySelector("#import-preview"),
      store: root.querySelector("#import-store"),
    };
    this.unlock = this.cards.unlock;
    this.form = root.querySelector("#import-form");
    this.passphrase = root.querySelector("#import-passphrase");
    this.passphraseError = root.querySelector("#import-passphrase-error");
    this.progress = root.querySelector("#import-progress");
    this.summary = root.querySelector("#import-summary");
    this.document = root.querySelector("#import-document");
    this.replaceButton = root.querySelector("#import-replace");
    this.storeTitle = root.querySelector("#import-store-title");
    this.labelField = root.querySelector("#import-label-field");
    this.label = root.querySelector("#import-label");
    this.storeVault = root.querySelector("#import-store-vault");
    this.storeStatus = root.querySelector("#import-store-status");
    this.confirm = root.querySelector("#import-store-confirm");
    this.saveError = root.querySelector("#import-save-error");
    this.result = root.querySelector("#import-result");
    this.step = "pick";
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

  /**
   * @param {{look: () => void, keep: () => void, replace: () => void, cancel: () => void,
   *          confirm: () => void, back: () => void}} handlers
   */
  bindActions({ look, keep, replace, cancel, confirm, back }) {
    this.root.querySelector("#import-look").addEventListener("click", look);
    this.root.querySelector("#import-keep").addEventListener("click", keep);
    this.replaceButton.addEventListener("click", replace);
    this.root.querySelector("#import-cancel").addEventListener("click", cancel);
    this.root.querySelector("#import-unlock-cancel").addEventListener("click", cancel);
    this.confirm.addEventListener("click", confirm);
    this.root.querySelector("#import-store-back").addEventListener("click", back);
  }

  /** @returns {boolean} whether a received file is being dealt with (past choosing it) */
  get busyWithFile() {
    return this.step !== "pick";
  }

  #show(step) {
    this.step = step;
    const shown = new Set(STEPS[step]);
    for (const [name, card] of Object.entries(this.cards)) card.hidden = !shown.has(name);
  }

  /** @param {string} key a UI string key: the file was refused before any passphrase */
  showFileError(key) {
    this.reset();
    showError(this.pickError, t(key));
  }

  /** A file that passed every check a passphrase is not needed for. */
  askPassphrase() {
    this.reset();
    this.#show("passphrase");
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
    if (fileWaiting) this.#show("passphrase");
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
   * @param {{lines: Array<Array<string | Node>>, document: HTMLElement, canReplace: boolean}} preview
   *   each line's parts: text, and the names in it as isolated nodes
   */
  showPreview({ lines, document: content, canReplace }) {
    clearPassphrases(this.unlock);
    empty(this.summary);
    for (const line of lines) this.summary.append(elementWith("li", {}, ...line));
    empty(this.document);
    this.document.append(content);
    this.replaceButton.hidden = !canReplace;
    this.replaceButton.nextElementSibling.hidden = !canReplace;
    this.backToPreview();
  }

  /** The preview again (from "Look at it now" or the keep step). */
  backToPreview() {
    this.#show("preview");
    this.cards.preview.querySelector("h2").focus();
  }

  /** "Look at it now": the steps show instead of the cards. */
  look() {
    this.#show("look");
  }

  /**
   * The keep (or replace) step.
   * @param {"keep" | "replace"} kind
   * @param {string} label the suggested name (keep only)
   */
  showStore(kind, label) {
    this.storeTitle.textContent = t(kind === "keep" ? "storeKeepTitle" : "storeReplaceTitle");
    this.labelField.hidden = kind !== "keep";
    if (kind === "keep" && !this.label.value) this.label.value = label;
    this.saveError.textContent = "";
    this.storeStatus.textContent = "";
    this.#show("store");
    this.storeTitle.focus();
  }

  /** @returns {HTMLElement} where the vault's forms go while the keep step asks for the person's own passphrase */
  get vaultSlot() {
    return this.storeVault;
  }

  /**
   * @param {string | null} key the confirm button's UI string key, or null while the vault must be opened first
   */
  showConfirm(key) {
    this.confirm.hidden = key === null;
    if (key) this.confirm.textContent = t(key);
  }

  /** @returns {string} the name typed for the plan, or the default one */
  chosenLabel() {
    return this.label.value.trim() || t("importDefaultLabel");
  }

  /** @param {boolean} saving */
  saving(saving) {
    this.confirm.disabled = saving;
    this.storeStatus.textContent = saving ? t("storeSaving") : "";
  }

  /** @param {string} key a UI string key */
  showSaveError(key) {
    this.saving(false);
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
    this.busy(false);
    this.saving(false);
    empty(this.summary);
    empty(this.document);
    this.label.value = "";
    this.saveError.textContent = "";
    this.showResult("");
    this.#show("pick");
  }
}
