// Printing: the paper warning first, then only the chosen document on paper.
// The document lives in a print-only container and is removed after printing
// and when the plan locks, so no decrypted text stays in the page.
import { empty } from "./dom.js";

export class PrintView {
  /** @param {HTMLElement} dialog the #print-warning dialog */
  constructor(dialog) {
    this.dialog = dialog;
    this.root = document.createElement("div");
    this.root.className = "print-root";
    // Nothing here is editable; this keeps it so should a printed document ever hold a field.
    this.root.spellcheck = false;
    document.querySelector("main").append(this.root);
    dialog.querySelector("#print-confirm").addEventListener("click", () => dialog.close("print"));
    dialog.querySelector("#print-cancel").addEventListener("click", () => dialog.close("cancel"));
    window.addEventListener("afterprint", () => this.clear());
  }

  /**
   * Says that paper is not encrypted; resolves true if the person still wants to print.
   * @returns {Promise<boolean>}
   */
  confirm() {
    this.dialog.returnValue = "";
    this.dialog.showModal();
    return new Promise((resolve) => {
      this.dialog.addEventListener("close", () => resolve(this.dialog.returnValue === "print"), { once: true });
    });
  }

  /** @param {HTMLElement} content */
  print(content) {
    empty(this.root);
    this.root.append(content);
    document.body.classList.add("printing");
    window.print();
  }

  clear() {
    empty(this.root);
    document.body.classList.remove("printing");
  }
}
