// The "Send a locked copy" form: what to send, the share passphrase, and the
// buttons that hand the finished file over.
import { t } from "../ui/strings.js";
import { element, empty, showError } from "./dom.js";

export class ExportView {
  /** @param {HTMLElement} root the #share-panel element */
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("#export-form");
    this.sections = root.querySelector("#export-sections");
    this.sectionList = root.querySelector("#export-section-list");
    this.words = root.querySelector("#export-words");
    this.generated = root.querySelector("#export-generated");
    this.ownToggle = root.querySelector("#export-own-toggle");
    this.own = root.querySelector("#export-own");
    this.ownInput = root.querySelector("#export-own-passphrase");
    this.error = root.querySelector("#export-error");
    this.status = root.querySelector("#export-status");
    this.deliver = root.querySelector("#export-deliver");
    this.shareButton = root.querySelector("#export-share");
    this.submit = this.form.querySelector("button[type=submit]");
    this.changed = () => {};
    this.form.addEventListener("change", (event) => {
      if (event.target.name === "export-kind") this.sections.hidden = this.kind() !== "caregiver";
      if (event.target === this.ownToggle) this.#showOwn(this.ownToggle.checked);
      if (event.target.closest("fieldset")) this.#forgetFile();
    });
    this.ownInput.addEventListener("input", () => this.#forgetFile());
  }

  /**
   * One checkbox per section a caregiver's copy may hold; `locked` ones stay ticked.
   * @param {Array<{id: string, title: string, locked: boolean}>} sections
   */
  showSectionChoices(sections) {
    empty(this.sectionList);
    for (const { id, title, locked } of sections) {
      // Ticked by default, so that form.reset() ticks them again.
      const box = element("input", { type: "checkbox", name: "export-section", value: id, checked: "" });
      box.disabled = locked;
      const label = element("label", { class: "choice" });
      label.append(box, ` ${title}`);
      this.sectionList.append(label);
    }
  }

  /** @param {string} words */
  showWords(words) {
    this.words.textContent = words;
    this.#forgetFile();
  }

  /** @returns {"full" | "caregiver"} */
  kind() {
    return this.form.elements["export-kind"].value === "caregiver" ? "caregiver" : "full";
  }

  /** @returns {{kind: "full" | "caregiver", sections: string[], passphrase: string}} */
  choice() {
    const sections = [...this.sectionList.querySelectorAll("input:checked")].map((box) => box.value);
    const passphrase = this.ownToggle.checked ? this.ownInput.value : this.words.textContent;
    return { kind: this.kind(), sections, passphrase };
  }

  /** @param {() => void} handler called when anything the file depends on changes */
  bindChoiceChanged(handler) {
    this.changed = handler;
  }

  /** @param {() => void} handler */
  bindOtherWords(handler) {
    this.root.querySelector("#export-other-words").addEventListener("click", handler);
  }

  /** @param {(choice: ReturnType<ExportView["choice"]>) => void} handler */
  bindSubmit(handler) {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.submit.disabled) handler(this.choice());
    });
  }

  /** @param {() => void} share @param {() => void} download */
  bindDeliver(share, download) {
    this.shareButton.addEventListener("click", share);
    this.root.querySelector("#export-download").addEventListener("click", download);
  }

  /** @param {string} key a UI string key, or "" */
  showStatus(key) {
    this.status.textContent = key ? t(key) : "";
  }

  /** @param {string} key a UI string key, or "" */
  showError(key) {
    showError(this.error, key ? t(key) : "", this.ownToggle.checked ? this.ownInput : undefined);
  }

  /** @param {boolean} busy */
  busy(busy) {
    this.submit.disabled = busy;
    if (busy) this.showError("");
    this.showStatus(busy ? "exportLocking" : "");
  }

  /** @param {{canShare: boolean}} options */
  offerFile({ canShare }) {
    this.deliver.hidden = false;
    this.shareButton.hidden = !canShare;
    (canShare ? this.shareButton : this.root.querySelector("#export-download")).focus();
  }

  show() {
    this.root.hidden = false;
  }

  /** Hides the panel and forgets every passphrase and choice in it. */
  reset() {
    this.root.hidden = true;
    this.form.reset();
    this.words.textContent = "";
    this.ownInput.value = "";
    this.sections.hidden = true;
    this.#showOwn(false);
    this.showError("");
    this.showStatus("");
    this.#forgetFile();
  }

  #showOwn(own) {
    this.own.hidden = !own;
    this.generated.hidden = own;
    if (own) this.ownInput.focus();
  }

  #forgetFile() {
    this.deliver.hidden = true;
    this.changed();
  }
}
