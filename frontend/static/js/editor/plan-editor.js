// The full plan editor, mounted into #plan-editor while the plan is unlocked.
// It follows the editor contract of pages/plan-page.js: famplan:unlocked
// (detail: the session), famplan:flush, famplan:locked.
import { FlowController } from "./flow-controller.js";

/**
 * @param {object} options
 * @param {HTMLElement} options.container #plan-editor
 * @param {import("../views/save-status.js").SaveStatus} options.status
 * @param {() => Promise<{changedAt: number, exportedAt: number}>} [options.backupState]
 */
export function startPlanEditor({ container, status, backupState }) {
  let controller = null;
  // The question last edited (a JSON Pointer into the plan, no answer): after an
  // automatic lock and unlock, the family is taken back to it. Kept in memory only.
  const place = { pointer: null };
  document.addEventListener("famplan:unlocked", async (event) => {
    controller?.close();
    controller = new FlowController({ container, session: event.detail, status, backupState, place });
    await controller.open();
  });
  document.addEventListener("famplan:flush", () => controller?.flush());
  document.addEventListener("famplan:locked", () => {
    controller?.close();
    controller = null;
  });
}
