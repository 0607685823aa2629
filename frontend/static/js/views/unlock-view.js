// Unlock: the passphrase, a clear message when it is wrong, and the wait after repeated failures.
import { t } from "../ui/strings.js";
import { bindRevealButtons, clearPassphrases, formatWait, showError } from "./dom.js";

export class UnlockView {
  /** @param {HTMLElement} root the #vault-unlock section */
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.passphrase = root.querySelector("#unlock-passphrase");
    this.error = root.querySelector("#unlock-error");
    this.progress = root.querySelector("#unlock-progress");
    this.wait = root.querySelector("#unlock-wait");
    this.submit = root.querySelector("button[type=submit]");
    this.countdown = 0;
    bindRevealButtons(root);
  }

  /** @param {(passphrase: string) => void} handler */
  bindSubmit(handler) {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.submit.disabled) handler(this.passphrase.value);
    });
  }

  /** @param {string} key a UI string key: what pressing Unlock will do here */
  setSubmitLabel(key) {
    this.submit.textContent = t(key);
  }

  /** @param {{focus?: boolean}} [options] */
  show({ focus = false } = {}) {
    this.root.hidden = false;
    if (focus) this.root.querySelector("h2").focus();
  }

  hide() {
    this.root.hidden = true;
    this.forget();
    this.#stopCountdown();
    showError(this.error, "", this.passphrase);
    this.progress.textContent = "";
    this.submit.disabled = false;
  }

  /** Forgets a typed passphrase; the form, its message and any wait stay. */
  forget() {
    clearPassphrases(this.root);
  }

  /** @param {boolean} busy */
  busy(busy) {
    this.submit.disabled = busy;
    this.progress.textContent = busy ? t("unlocking") : "";
    if (busy) showError(this.error, "", this.passphrase);
  }

  /**
   * Announces what went wrong once; a wait after repeated failures counts
   * down beside the button (not announced every second) and keeps it disabled.
   * @param {string} key a UI string key
   * @param {number} [retryAt] when trying again is allowed (ms since the epoch)
   */
  showError(key, retryAt = 0) {
    this.#stopCountdown();
    const waiting = retryAt > Date.now();
    const message = waiting && key !== "tooManyTries" ? `${t(key)} ${t("tooManyTries")}` : t(key);
    showError(this.error, message, this.passphrase);
    this.passphrase.select();
    if (!waiting) return;
    const render = () => {
      const remaining = retryAt - Date.now();
      this.submit.disabled = remaining > 0;
      this.wait.textContent = remaining > 0 ? t("waitBeforeRetry").replace("{time}", formatWait(remaining)) : "";
      if (remaining <= 0) this.#stopCountdown();
    };
    render();
    this.countdown = setInterval(render, 1000);
  }

  #stopCountdown() {
    clearInterval(this.countdown);
    this.countdown = 0;
    this.wait.textContent = "";
  }
}
