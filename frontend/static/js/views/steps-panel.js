// Where "If you get the call" shows on the open page: the steps of the file
// just opened, or of one kept plan. Emptied when the page locks.
import { t } from "../ui/strings.js";
import { empty, showError } from "./dom.js";

export class StepsPanel {
  /** @param {HTMLElement} root the #plan-steps section */
  constructor(root) {
    this.root = root;
    this.view = root.querySelector("#plan-steps-view");
    this.error = root.querySelector("#steps-error");
    /** @type {string | null} which plan's steps show: a kept plan's id, or "opened" */
    this.showing = null;
  }

  /**
   * @param {HTMLElement} view the rendered steps
   * @param {string} showing a kept plan's id, or "opened"
   */
  show(view, showing) {
    empty(this.view);
    showError(this.error, "");
    this.view.append(view);
    this.showing = showing;
    this.root.hidden = false;
    this.view.querySelector("h2")?.focus();
  }

  /** @param {string} key a UI string key, or "" */
  showError(key) {
    showError(this.error, key ? t(key) : "");
  }

  /** Removes every decrypted value from the page. */
  clear() {
    empty(this.view);
    showError(this.error, "");
    this.showing = null;
    this.root.hidden = true;
  }
}
