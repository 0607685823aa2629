// Set-up: choose a passphrase (with strength feedback, or a suggested one).
// One field with "Show passphrase", not two typed blind: see docs/threat-model.md.
import { t } from "../ui/strings.js";
import { bindRevealButtons, clearPassphrases, showError } from "./dom.js";
import { refusalText, showStrength } from "./strength-meter.js";

export class VaultSetupView {
  /** @param {HTMLElement} root the #vault-setup section */
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.passphrase = root.querySelector("#setup-passphrase");
    this.meter = root.querySelector("#setup-strength");
    this.suggestion = root.querySelector("#setup-suggestion");
    this.suggestionText = root.querySelector("#setup-suggestion-text");
    this.error = root.querySelector("#setup-error");
    this.submit = root.querySelector("button[type=submit]");
    bindRevealButtons(root);
  }

  /** @param {(passphrase: string) => void} handler */
  bindPassphraseInput(handler) {
    this.passphrase.addEventListener("input", () => handler(this.passphrase.value));
  }

  /** @param {() => void} handler */
  bindSuggest(handler) {
    this.root.querySelector("#setup-suggest").addEventListener("click", handler);
  }

  /** @param {(passphrase: string) => void} handler */
  bindSubmit(handler) {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      handler(this.passphrase.value);
    });
  }

  show() {
    this.root.hidden = false;
  }

  hide() {
    this.root.hidden = true;
    this.forget();
  }

  /** Forgets what was typed or suggested; the form stays where it is. */
  forget() {
    clearPassphrases(this.root);
    this.suggestionText.textContent = "";
    this.suggestion.hidden = true;
    showError(this.error, "", this.passphrase);
    this.showStrength({ level: "empty" });
  }

  /** @param {{level: string, weakness?: string | null}} assessment */
  showStrength(assessment) {
    showStrength(this.meter, assessment);
  }

  /**
   * Shows the suggested words and puts them in the field.
   * @param {string} words
   */
  showSuggestion(words) {
    this.suggestionText.textContent = words;
    this.suggestion.hidden = false;
    this.passphrase.value = words;
    this.passphrase.focus();
  }

  /** @param {{level: string, weakness?: string | null}} assessment why the passphrase is refused */
  showRefusal(assessment) {
    showError(this.error, refusalText(assessment), this.passphrase);
    this.passphrase.focus();
  }

  /** @param {string} key a UI string key, or "" */
  showError(key) {
    showError(this.error, key ? t(key) : "", this.passphrase);
  }

  /** @param {string} key */
  busy(key) {
    this.submit.disabled = Boolean(key);
    this.error.textContent = "";
    this.root.querySelector("#setup-progress").textContent = key ? t(key) : "";
  }
}
