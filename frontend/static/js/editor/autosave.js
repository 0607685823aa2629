// Saves as the family types: a short pause after the last keystroke, or at once
// when asked (leaving a field, locking, hiding the page). A failed save leaves
// the change pending, so the next change or "Try again" saves it.

export const SAVE_DELAY_MS = 400;

export class Autosaver {
  /**
   * @param {() => Promise<void> | null} save starts one save; null if it cannot start
   * @param {number} [delay]
   */
  constructor(save, delay = SAVE_DELAY_MS) {
    this.save = save;
    this.delay = delay;
    this.dirty = false;
    this.timer = 0;
  }

  /** Something changed: save after a pause. */
  changed() {
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delay);
  }

  /** Start saving now if anything is not saved yet. */
  flush() {
    clearTimeout(this.timer);
    if (!this.dirty) return;
    this.dirty = false;
    const saving = this.save();
    if (saving === null) {
      this.dirty = true;
      return;
    }
    saving.catch(() => {
      this.dirty = true;
    });
  }

  /** @returns {boolean} whether a change is waiting to be saved */
  get pending() {
    return this.dirty;
  }

  stop() {
    clearTimeout(this.timer);
  }
}
