// The plan page around the editor: which part shows (set-up, unlock, the
// unlocked plan), the Lock button, notices and the backup reminder.
import { t } from "../ui/strings.js";
import { empty } from "./dom.js";

export class PlanPageView {
  /** @param {HTMLElement} root the #plan-app element */
  constructor(root) {
    this.root = root;
    this.unlocked = root.querySelector("#vault-unlocked");
    this.editor = root.querySelector("#plan-editor");
    this.notice = root.querySelector("#vault-notice");
    this.reminder = root.querySelector("#backup-reminder");
    this.reminderText = root.querySelector("#backup-reminder-text");
    // In the page's sticky top bar, outside #plan-app.
    this.lockButton = document.getElementById("lock-button");
    this.intro = root.querySelector("#plan-intro");
    this.root.querySelector("#backup-reminder-dismiss").addEventListener("click", () => {
      this.reminder.hidden = true;
    });
  }

  /** @param {() => void} handler */
  bindLock(handler) {
    this.lockButton.addEventListener("click", handler);
  }

  showUnlocked() {
    this.unlocked.hidden = false;
    this.editor.hidden = false;
    this.lockButton.hidden = false;
    this.intro.hidden = true; // the screens need the room; it says what the unlock form already said
    document.getElementById("plan-title")?.focus();
  }

  /** Removes every decrypted value from the page: the editor is emptied, not just hidden. */
  hideUnlocked() {
    empty(this.editor);
    this.editor.hidden = true;
    this.unlocked.hidden = true;
    this.lockButton.hidden = true;
    this.intro.hidden = false;
    this.reminder.hidden = true;
  }

  /** @param {string} key a UI string key, or "" to clear */
  showNotice(key) {
    this.notice.textContent = key ? t(key) : "";
  }

  /** @param {"changes" | "periodic" | null} reminder */
  showBackupReminder(reminder) {
    this.reminderText.textContent = reminder ? t(reminder === "changes" ? "backupChanges" : "backupPeriodic") : "";
    this.reminder.hidden = !reminder;
  }
}
