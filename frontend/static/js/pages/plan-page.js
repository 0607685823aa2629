// The plan page: set-up, unlock, lock, auto-lock, and the editor contract.
//
// Editor contract (the full plan editor follows it, as the notes editor does):
// - "famplan:unlocked" (detail: the Session) once the plan is known to decrypt:
//   build the editor inside #plan-editor; session.load() gives the plan or null,
//   session.save(plan) resolves after the transaction completes or rejects with
//   a `.code` ("quota", "conflict", "locked", ...); session.onChange(callback)
//   reports another tab's save.
// - "famplan:flush": start saving any pending change now (sent before a lock and
//   when the page is hidden); a save started before the lock still completes.
// - "famplan:locked": forget the session and the plan. This page has already
//   removed every child of #plan-editor.
import { backupReminder } from "../vault/backup-reminder.js";
import { startAutoLock } from "../vault/auto-lock.js";
import { forgetWhenAway } from "../vault/forget-when-away.js";
import { DEFAULT_AUTO_LOCK_MINUTES, autoLockMinutes } from "../vault/preferences.js";
import * as vault from "../vault/vault.js";
import { bindVaultForms, showLockedForm } from "./vault-forms.js";
import { PlanPageView } from "../views/plan-page-view.js";
import { SaveStatus } from "../views/save-status.js";
import { UnlockView } from "../views/unlock-view.js";
import { VaultSetupView } from "../views/vault-setup-view.js";

/** What the family must know about this phone's storage: a restore, or a copy that failed. */
function storageNotice() {
  const { restored, copy } = vault.storageStatus();
  if (restored) return "storageRestored";
  return copy === "failed" ? "secondCopyFailed" : "";
}

export async function startPlanPage() {
  const root = document.getElementById("plan-app");
  if (!root) return;
  const page = new PlanPageView(root);
  const setup = new VaultSetupView(root.querySelector("#vault-setup"));
  const unlock = new UnlockView(root.querySelector("#vault-unlock"));
  const status = new SaveStatus(root.querySelector("#save-status"), root.querySelector("#save-error"));
  // The editor is about thirty modules that matter only once the plan is open:
  // fetched after the forms, so they do not compete with the first paint on a slow network.
  const editorStarted = import("../editor/plan-editor.js").then(({ startPlanEditor }) =>
    startPlanEditor({ container: page.editor, status, backupState: () => vault.backupState() }),
  );
  // Left before this code arrived (WebKit then fails the import), or offline without it:
  // unlocking says so; the page itself reports nothing.
  editorStarted.catch(() => {});

  let session = null;
  let autoLock = null;

  const lock = () => {
    if (!session) return;
    document.dispatchEvent(new CustomEvent("famplan:flush"));
    const closing = session;
    session = null;
    autoLock?.stop();
    autoLock = null;
    closing.lock();
    page.hideUnlocked();
    status.clear();
    document.dispatchEvent(new CustomEvent("famplan:locked"));
  };
  const lockAndAsk = () => {
    lock();
    unlock.show({ focus: true });
  };

  /** Hands a new session to the editor, once its plan is known to decrypt. */
  const open = async (opened) => {
    try {
      await editorStarted;
      await opened.load();
    } catch (error) {
      opened.lock();
      throw error.code === "damaged" ? Object.assign(error, { code: "plan-damaged" }) : error;
    }
    session = opened;
    setup.hide();
    unlock.hide();
    page.showNotice(storageNotice());
    document.dispatchEvent(new CustomEvent("famplan:unlocked", { detail: session }));
    page.showUnlocked();
    autoLock = startAutoLock({ minutes: await autoLockMinutes(), onLock: lockAndAsk });
    page.showBackupReminder(backupReminder(await vault.backupState(), Date.now()));
  };

  bindVaultForms({ setup, unlock, onOpened: open });

  page.bindLock(lockAndAsk);
  // Back/forward cache: a page left unlocked must not come back unlocked, nor
  // with a typed passphrase; it comes back showing the form its state calls for.
  window.addEventListener("pagehide", () => {
    const wasOpen = session !== null;
    lock();
    if (wasOpen) unlock.show();
  });
  const away = forgetWhenAway({
    minutes: DEFAULT_AUTO_LOCK_MINUTES,
    forget: () => {
      setup.forget();
      unlock.forget();
    },
    back: () => showForms(),
  });
  autoLockMinutes().then((minutes) => away.setMinutes(minutes), () => {});
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") document.dispatchEvent(new CustomEvent("famplan:flush"));
  });
  vault.onStorageEvent("versionchange", () => {
    lock();
    unlock.hide();
    setup.hide();
    page.showNotice("saveClosed");
  });
  vault.onStorageEvent("blocked", () => page.showNotice("storageBlocked"));
  vault.onStorageEvent("restored", () => page.showNotice("storageRestored"));
  vault.onStorageEvent("copy-failed", () => page.showNotice("secondCopyFailed"));
  vault.onOtherTab((message) => {
    if (message.type !== "deleted") return;
    lock();
    unlock.hide();
    setup.show();
    page.showNotice("deletedElsewhere");
  });

  async function showForms() {
    if (session) return;
    try {
      if (await showLockedForm({ setup, unlock })) page.showNotice(storageNotice());
      else if (vault.vaultWentMissing()) page.showNotice("vaultMissing");
    } catch (error) {
      page.showNotice("unexpectedError");
    }
  }
  await showForms();
}
