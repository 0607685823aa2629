// The open page: receive a locked file (picker, drop, the desktop file handler
// or Android's share sheet), one step at a time: choose it, type the file's
// passphrase, see what it holds. Then look at it now ("If you get the call",
// nothing stored), keep it as a shared plan, or make it "my plan". Keeping is
// the only moment the person's own passphrase is asked for: to choose one on a
// phone without a vault, else to unlock. Kept plans are listed with their
// steps, whose ticks are saved with them, encrypted.
// It locks as the plan page does, and also while no vault is open: an opened
// file is decrypted too. On leaving (pagehide: Back never restores it), after
// the idle time, and after a minute in the background, everything decrypted,
// every tick of a plan only looked at, and every typed passphrase is forgotten.
// A received file stays: it is still locked, so its passphrase can be typed again.
// A refused file never reaches storage: every check runs before any save.
import { REFUSED_HASH, handoffId, takeSharedFile } from "../share/shared-file-handoff.js";
import { t } from "../ui/strings.js";
import { startAutoLock } from "../vault/auto-lock.js";
import { forgetWhenAway } from "../vault/forget-when-away.js";
import { DEFAULT_AUTO_LOCK_MINUTES, autoLockMinutes } from "../vault/preferences.js";
import * as vault from "../vault/vault.js";
import { element } from "../views/dom.js";
import { ImportView } from "../views/import-view.js";
import { PrintView } from "../views/print-view.js";
import { SharedPlansView } from "../views/shared-plans-view.js";
import { StepsPanel } from "../views/steps-panel.js";
import { bindVaultForms, showLockedForm } from "./vault-forms.js";
import { UnlockView } from "../views/unlock-view.js";
import { VaultSetupView } from "../views/vault-setup-view.js";

const STORE_BUTTONS = { keep: "storeKeepTitle", replace: "storeReplaceTitle" };

function button(key, handler, primary = false) {
  const node = element("button", { type: "button", class: `button button-small${primary ? " button-primary" : ""}` }, t(key));
  node.addEventListener("click", handler);
  return node;
}

export async function startOpenPage() {
  const root = document.getElementById("open-app");
  if (!root) return;
  const actions = import("./open-page-actions.js");
  // Left before this code arrived (or offline without it): each use says so; the page itself reports nothing.
  actions.catch(() => {});
  const importView = new ImportView(root);
  const shared = new SharedPlansView(root);
  const steps = new StepsPanel(root.querySelector("#plan-steps"));
  const setup = new VaultSetupView(root.querySelector("#vault-setup"));
  const unlock = new UnlockView(root.querySelector("#vault-unlock"));
  const printer = new PrintView(root.querySelector("#print-warning"));
  const notice = root.querySelector("#vault-notice");
  const vaultSection = root.querySelector("#open-vault");
  const formsHome = root.querySelector("#open-vault-forms");
  const noneYet = root.querySelector("#shared-none-yet");
  let session = null;
  let minutes = DEFAULT_AUTO_LOCK_MINUTES;
  let autoLock = null; // while anything decrypted is on the page: a vault session or an opened file
  let received = null; // {bytes, source}: the file, checked up to the KDF, still locked
  let opened = null; // the decrypted file and its ticks (memory only), until it is kept, replaced or closed
  let storing = null; // "keep" or "replace": the step that asks for the person's own passphrase is open

  const watchDecrypted = () => {
    autoLock ??= startAutoLock({ minutes, onLock: () => lock() });
  };
  const settle = () => {
    if (session || opened) return;
    autoLock?.stop();
    autoLock = null;
  };

  // --- the person's own passphrase, asked for in one place at a time --------------
  /**
   * Where the vault's forms are, and which one shows. Keeping a file: in the
   * keep step, to unlock or (on a phone without a vault) to choose a passphrase.
   * Otherwise, under "Plans shared with me", only to unlock; and not at all
   * while a file's own passphrase is being asked for or its plan is open.
   */
  async function placeForms() {
    const inStore = storing !== null && !session;
    (inStore ? importView.vaultSlot : formsHome).append(setup.root, unlock.root);
    unlock.setSubmitLabel(inStore ? "storeUnlockSubmit" : "storeUnlockOnly");
    vaultSection.hidden = !session && importView.busyWithFile;
    noneYet.hidden = true;
    if (session) {
      setup.hide();
      unlock.hide();
      return;
    }
    try {
      const hasVault = await showLockedForm({ setup, unlock });
      if (!hasVault && !inStore) {
        setup.hide();
        noneYet.hidden = false;
        if (vault.vaultWentMissing()) notice.textContent = t("vaultMissing");
      } else if (vault.storageStatus().restored) notice.textContent = t("storageRestored");
    } catch (error) {
      notice.textContent = t("unexpectedError");
    }
  }

  // --- the vault -----------------------------------------------------------
  // Both read at once and shown together: once the list shows, no read is left in flight.
  const refreshShared = async () => {
    const { listEntry, listSharedPlans, readBackup } = await actions;
    const [plans, backup] = await Promise.all([listSharedPlans(session), readBackup(session)]);
    shared.showList(plans.map(listEntry));
    shared.showBackup(backup !== null);
  };
  const useSession = async (next) => {
    session = next;
    setup.hide();
    unlock.hide();
    notice.textContent = "";
    watchDecrypted();
    if (storing && opened) {
      importView.showConfirm(STORE_BUTTONS[storing]);
      if (await store()) return; // it has refreshed the list
    } else {
      await placeForms();
    }
    await refreshShared();
  };
  /**
   * Forgets everything decrypted and every typed passphrase; a received file stays, locked.
   * Leaving the page, it only forgets: the forms are placed again if Back brings it back.
   * @param {{leaving?: boolean}} [how]
   */
  function lock({ leaving = false } = {}) {
    autoLock?.stop();
    autoLock = null;
    const closing = session;
    session = null;
    closing?.lock();
    opened = null;
    storing = null;
    importView.forget(received !== null);
    steps.clear();
    shared.clear();
    printer.clear();
    if (printer.dialog.open) printer.dialog.close("cancel");
    setup.forget();
    unlock.forget();
    if (!leaving) placeForms();
  }
  bindVaultForms({ setup, unlock, onOpened: useSession });
  root.querySelector("#open-lock").addEventListener("click", () => lock());
  const away = forgetWhenAway({ minutes, forget: lock, back: () => placeForms() });
  autoLockMinutes().then((chosen) => {
    minutes = chosen;
    away.setMinutes(chosen);
  }, () => {});
  vault.onStorageEvent("versionchange", () => {
    lock();
    notice.textContent = t("saveClosed");
  });
  vault.onOtherTab((message) => {
    if (message.type !== "deleted") return;
    lock();
    notice.textContent = t("deletedElsewhere");
  });

  // --- receiving a file ----------------------------------------------------
  /**
   * @param {Blob} blob
   * @param {"picked" | "dropped" | "shared" | "launched"} source said in the preview
   */
  const receive = async (blob, source) => {
    received = null;
    opened = null;
    storing = null;
    steps.clear();
    settle();
    let loaded;
    try {
      loaded = await actions;
    } catch {
      // The worker precaches this code; if it still cannot load, say so rather than do nothing.
      importView.showFileError("unexpectedError");
      return;
    }
    try {
      const bytes = await loaded.readBlob(blob);
      loaded.readHeader(bytes); // every check that needs no passphrase, before asking for one
      received = { bytes, source };
      importView.askPassphrase();
    } catch (error) {
      importView.showFileError(loaded.refusalMessage(error));
    }
    await placeForms();
  };
  importView.bindFile(receive);
  importView.bindPassphrase(async (passphrase) => {
    if (!received) return;
    const file = received;
    importView.busy(true);
    const loaded = await actions;
    try {
      const decrypted = await loaded.openReceivedFile(file.bytes, passphrase);
      importView.busy(false);
      if (received !== file) return; // locked or replaced while the key was derived
      opened = { ...decrypted, ticks: new Set() };
      watchDecrypted();
      importView.showPreview({
        lines: loaded.previewLines(opened, file.source),
        document: loaded.planDocument(opened.plan, { heading: "" }),
        canReplace: opened.kind === "full",
      });
    } catch (error) {
      importView.busy(false);
      importView.showPassphraseError(loaded.refusalMessage(error));
    }
  });

  const finish = async (key) => {
    opened = null;
    received = null;
    storing = null;
    steps.clear();
    importView.reset();
    importView.showResult(key);
    settle();
    await placeForms();
  };
  /**
   * Keeps or replaces with the open session; the step stays, with its message, if saving fails.
   * "Kept" or "Replaced" shows only once the list is read again, so nothing is left in flight
   * when the person moves on: WebKit keeps a page left mid-operation in its back/forward cache
   * with what it held, and the next page's saves then wait for it.
   * @returns {Promise<boolean>} whether it was stored
   */
  async function store() {
    if (!session || !opened || !storing) return false;
    const kind = storing;
    const { keepSharedPlan, replacePlan } = await actions;
    importView.saving(true);
    try {
      if (kind === "keep") await keepSharedPlan(session, { label: importView.chosenLabel(), payload: opened, ticks: [...opened.ticks] });
      else await replacePlan(session, opened.plan);
    } catch (error) {
      importView.showSaveError("importSaveFailed");
      return false;
    }
    await refreshShared().catch(() => shared.showStatus("unexpectedError"));
    await finish(kind === "keep" ? "importKept" : "importReplaced");
    return true;
  }
  const openStore = async (kind) => {
    if (!opened) return;
    const { defaultLabel } = await actions;
    storing = kind;
    steps.clear();
    importView.showStore(kind, defaultLabel(opened.plan));
    importView.showConfirm(session ? STORE_BUTTONS[kind] : null);
    await placeForms();
  };
  const print = async (plan, options) => {
    if (!(await printer.confirm())) return;
    const { actionPages, caregiverSteps } = await actions;
    printer.print(actionPages(caregiverSteps(plan), plan, options));
  };
  importView.bindActions({
    look: async () => {
      if (!opened) return;
      const { caregiverSteps, pageHelp, renderActionView } = await actions;
      const looked = opened;
      const options = { ticks: looked.ticks, exportedAt: looked.exportedAt, help: pageHelp, ticksNote: "stepsTicksMemory" };
      importView.look();
      const view = renderActionView(caregiverSteps(looked.plan), looked.plan, {
        ...options,
        actions: [
          button("storeKeepTitle", () => openStore("keep"), true),
          button("stepsPrint", () => opened === looked && print(looked.plan, options)),
          button("stepsCloseUnsaved", () => finish("")),
        ],
      });
      steps.show(view, "opened");
    },
    keep: () => openStore("keep"),
    replace: () => openStore("replace"),
    cancel: () => finish(""),
    confirm: () => store(),
    back: async () => {
      storing = null;
      importView.backToPreview();
      await placeForms();
    },
  });
  root.dataset.ready = "true"; // for tests: a file chosen from now on is handled
  if ("launchQueue" in window) {
    window.launchQueue.setConsumer(async ({ files }) => {
      if (files?.length) receive(await files[0].getFile(), "launched");
    });
  }
  const handed = handoffId(window.location.hash);
  if (handed || window.location.hash === REFUSED_HASH) {
    history.replaceState(null, "", window.location.pathname);
    const taken = handed ? await takeSharedFile(handed) : { refused: "not-from-share" };
    if (taken.blob) receive(taken.blob, "shared");
    else importView.showFileError(`file-${taken.refused}`);
  }

  // --- plans shared with me --------------------------------------------------
  const entry = async (id) => (await (await actions).listSharedPlans(session)).find((plan) => plan.id === id);
  shared.bindEntryActions({
    steps: async (id) => {
      const found = session && (await entry(id));
      if (!found) return;
      const { caregiverSteps, pageHelp, readablePlan, renderActionView, saveTicks, ticksOf } = await actions;
      const plan = readablePlan(found.plan);
      if (!plan) return shared.showStatus("editorUnreadablePlan");
      const kept = session;
      const options = {
        ticks: ticksOf(found),
        exportedAt: found.exportedAt,
        help: pageHelp,
        ticksNote: "stepsTicksKept",
        onTick: (ticks) => {
          steps.showError("");
          saveTicks(kept, id, ticks).catch(() => steps.showError("stepsTickSaveFailed"));
        },
      };
      const view = renderActionView(caregiverSteps(plan), plan, {
        ...options,
        actions: [button("stepsPrint", () => session === kept && print(plan, options)), button("stepsClose", () => steps.clear())],
      });
      steps.show(view, id);
    },
    show: async (id, container) => {
      const found = session && (await entry(id));
      const { planDocument, readablePlan } = await actions;
      const plan = found && readablePlan(found.plan);
      if (plan) container.append(planDocument(plan, { heading: "", note: t("sharedReadOnly") }));
    },
    print: async (id) => {
      if (!session || !(await printer.confirm())) return;
      const found = await entry(id);
      const { familyNameOf, planDocument, readablePlan } = await actions;
      const plan = found && readablePlan(found.plan);
      if (plan) printer.print(planDocument(plan, { heading: familyNameOf(plan) || found.label, note: t("printPaperNote") }));
    },
    remove: async (id, label) => {
      if (!session || !shared.confirmRemove(label)) return;
      const { removeSharedPlan } = await actions;
      await removeSharedPlan(session, id);
      if (steps.showing === id) steps.clear();
      await refreshShared();
      shared.showStatus("sharedRemoved");
    },
  });
  shared.bindRestore(async () => {
    if (!session) return;
    const { restoreBackup } = await actions;
    await restoreBackup(session);
    await refreshShared();
    shared.showStatus("backupRestored");
  });

  await placeForms();
}
