// The open page: receive a locked file (picker, drop, the desktop file
// handler or Android's share sheet), open it with its passphrase, show what it
// holds, then keep it as a shared plan or make it "my plan". Storing needs the
// vault, so this page also unlocks (or creates) it.
// It locks as the plan page does, and also while no vault is open: an opened
// file is decrypted too. On leaving (pagehide: Back never restores it), after
// the idle time, and after a minute in the background, everything decrypted
// and every typed passphrase is forgotten. A received file stays: it is still
// locked, so its passphrase can be typed again.
// A refused file never reaches storage: every check runs before any save.
import { REFUSED_HASH, handoffId, takeSharedFile } from "../share/shared-file-handoff.js";
import { formatDay } from "../ui/dates.js";
import { fill, fillParts } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { startAutoLock } from "../vault/auto-lock.js";
import { forgetWhenAway } from "../vault/forget-when-away.js";
import { DEFAULT_AUTO_LOCK_MINUTES, autoLockMinutes } from "../vault/preferences.js";
import * as vault from "../vault/vault.js";
import { userTextList } from "../views/dom.js";
import { ImportView } from "../views/import-view.js";
import { PrintView } from "../views/print-view.js";
import { SharedPlansView } from "../views/shared-plans-view.js";
import { bindVaultForms, showLockedForm } from "./vault-forms.js";
import { UnlockView } from "../views/unlock-view.js";
import { VaultSetupView } from "../views/vault-setup-view.js";

// Where a file came from, said in the preview: a file can be made by anyone.
const SOURCES = { picked: "importFromFiles", dropped: "importFromDrop", shared: "importFromShare", launched: "importFromLaunch" };

function madeOn(iso) {
  const ms = typeof iso === "string" ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? "" : formatDay(ms);
}

/** What the preview says about an opened file (lines of text and nodes), and the label it suggests. */
function describe({ kind, plan, exportedAt }, source, { peopleOf, planDocument }) {
  const people = peopleOf(plan).filter((person) => person.name);
  const adults = people.filter((person) => person.role === "adult").map((person) => person.name);
  const names = people.map((person) => person.name);
  const lines = [[t(SOURCES[source])], [t(kind === "caregiver" ? "importKindCaregiver" : "importKindFull")]];
  if (madeOn(exportedAt)) lines.push([fill(t("importMadeOn"), { date: madeOn(exportedAt) })]);
  if (names.length > 0) lines.push(fillParts(t("importPeople"), { names: userTextList(names, ", ") }));
  const label = (adults.length > 0 ? adults : names).join(", ") || t("importDefaultLabel");
  return { lines, label, document: planDocument(plan, { heading: "" }) };
}

export async function startOpenPage() {
  const root = document.getElementById("open-app");
  if (!root) return;
  const actions = import("./open-page-actions.js");
  const importView = new ImportView(root);
  const shared = new SharedPlansView(root);
  const setup = new VaultSetupView(root.querySelector("#vault-setup"));
  const unlock = new UnlockView(root.querySelector("#vault-unlock"));
  const printer = new PrintView(root.querySelector("#print-warning"));
  const notice = root.querySelector("#vault-notice");
  let session = null;
  let minutes = DEFAULT_AUTO_LOCK_MINUTES;
  let autoLock = null; // while anything decrypted is on the page: a vault session or an opened file
  let received = null; // {bytes, source}: the file, checked up to the KDF, still locked
  let opened = null; // the decrypted file, until it is kept, replaced or closed

  const watchDecrypted = () => {
    autoLock ??= startAutoLock({ minutes, onLock: lock });
  };
  const settle = () => {
    if (session || opened) return;
    autoLock?.stop();
    autoLock = null;
  };

  // --- the vault -----------------------------------------------------------
  const refreshShared = async () => {
    const { listSharedPlans, readBackup } = await actions;
    shared.showList(await listSharedPlans(session));
    shared.showBackup((await readBackup(session)) !== null);
  };
  const useSession = async (next) => {
    session = next;
    setup.hide();
    unlock.hide();
    notice.textContent = "";
    importView.setCanSave(true);
    watchDecrypted();
    await refreshShared();
  };
  /** Forgets everything decrypted and every typed passphrase; a received file stays, locked. */
  function lock() {
    autoLock?.stop();
    autoLock = null;
    const closing = session;
    session = null;
    closing?.lock();
    opened = null;
    importView.forget(received !== null);
    importView.setCanSave(false);
    shared.clear();
    printer.clear();
    setup.forget();
    unlock.forget();
    if (closing) unlock.show();
  }
  bindVaultForms({ setup, unlock, onOpened: useSession });
  root.querySelector("#open-lock").addEventListener("click", lock);
  const away = forgetWhenAway({ minutes, forget: lock, back: () => showForms() });
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
    unlock.hide();
    setup.show();
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
      opened = decrypted;
      watchDecrypted();
      importView.showPreview(describe(opened, file.source, loaded), session !== null);
    } catch (error) {
      importView.busy(false);
      importView.showPassphraseError(loaded.refusalMessage(error));
    }
  });
  const finish = (key) => {
    opened = null;
    received = null;
    importView.reset();
    importView.showResult(key);
    settle();
  };
  importView.bindActions({
    keep: async (label) => {
      if (!session || !opened) return;
      const { keepSharedPlan } = await actions;
      try {
        await keepSharedPlan(session, { label, payload: opened });
        finish("importKept");
        await refreshShared();
      } catch (error) {
        importView.showSaveError("importSaveFailed");
      }
    },
    replace: async () => {
      if (!session || !opened) return;
      const { replacePlan } = await actions;
      try {
        await replacePlan(session, opened.plan);
        finish("importReplaced");
        await refreshShared();
      } catch (error) {
        importView.showSaveError("importSaveFailed");
      }
    },
    cancel: () => finish(""),
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
    show: async (id, container) => {
      const found = session && (await entry(id));
      const { planDocument } = await actions;
      if (found) container.append(planDocument(found.plan, { heading: "", note: t("sharedReadOnly") }));
    },
    print: async (id) => {
      if (!session || !(await printer.confirm())) return;
      const found = await entry(id);
      const { planDocument } = await actions;
      if (found) printer.print(planDocument(found.plan, { heading: found.label, note: t("printPaperNote") }));
    },
    remove: async (id, label) => {
      if (!session || !shared.confirmRemove(label)) return;
      const { removeSharedPlan } = await actions;
      await removeSharedPlan(session, id);
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

  async function showForms() {
    if (session) return;
    try {
      if (await showLockedForm({ setup, unlock })) {
        if (vault.storageStatus().restored) notice.textContent = t("storageRestored");
      } else if (vault.vaultWentMissing()) {
        notice.textContent = t("vaultMissing");
      }
    } catch (error) {
      notice.textContent = t("unexpectedError");
    }
  }
  await showForms();
}
