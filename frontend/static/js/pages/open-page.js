// The open page: receive a locked file (picker, drop, the desktop file
// handler or Android's share sheet), open it with its passphrase, show what it
// holds, then keep it as a shared plan or make it "my plan". Storing needs the
// vault, so this page also unlocks (or creates) it, and locks as the plan page does.
// A refused file never reaches storage: every check runs before any save.
import { HANDOFF_HASH, takeSharedFile } from "../share/shared-file-handoff.js";
import { formatDay } from "../ui/dates.js";
import { fill, fillParts } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { startAutoLock } from "../vault/auto-lock.js";
import { autoLockMinutes } from "../vault/preferences.js";
import * as vault from "../vault/vault.js";
import { userTextList } from "../views/dom.js";
import { ImportView } from "../views/import-view.js";
import { PrintView } from "../views/print-view.js";
import { SharedPlansView } from "../views/shared-plans-view.js";
import { bindVaultForms } from "./vault-forms.js";
import { UnlockView } from "../views/unlock-view.js";
import { VaultSetupView } from "../views/vault-setup-view.js";


function madeOn(iso) {
  const ms = typeof iso === "string" ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? "" : formatDay(ms);
}

/** What the preview says about an opened file (lines of text and nodes), and the label it suggests. */
function describe({ kind, plan, exportedAt }, { peopleOf, planDocument }) {
  const people = peopleOf(plan).filter((person) => person.name);
  const adults = people.filter((person) => person.role === "adult").map((person) => person.name);
  const names = people.map((person) => person.name);
  const lines = [[t(kind === "caregiver" ? "importKindCaregiver" : "importKindFull")]];
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
  let autoLock = null;
  let received = null; // the file's bytes, checked up to the KDF
  let opened = null; // the decrypted file, until it is kept, replaced or closed

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
    await refreshShared();
    autoLock = startAutoLock({ minutes: await autoLockMinutes(), onLock: lock });
  };
  function lock() {
    if (!session) return;
    const closing = session;
    session = null;
    autoLock?.stop();
    autoLock = null;
    closing.lock();
    opened = null;
    received = null;
    importView.reset();
    importView.setCanSave(false);
    shared.clear();
    printer.clear();
    unlock.show();
  }
  bindVaultForms({ setup, unlock, onOpened: useSession });
  root.querySelector("#open-lock").addEventListener("click", lock);
  window.addEventListener("pagehide", lock);
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
  const receive = async (blob) => {
    received = null;
    opened = null;
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
      received = bytes;
      importView.askPassphrase();
    } catch (error) {
      importView.showFileError(loaded.refusalMessage(error));
    }
  };
  importView.bindFile(receive);
  importView.bindPassphrase(async (passphrase) => {
    if (!received) return;
    importView.busy(true);
    const loaded = await actions;
    try {
      opened = await loaded.openReceivedFile(received, passphrase);
      importView.busy(false);
      importView.showPreview(describe(opened, loaded), session !== null);
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
      if (files?.length) receive(await files[0].getFile());
    });
  }
  if (window.location.hash === HANDOFF_HASH) {
    history.replaceState(null, "", window.location.pathname);
    const handed = await takeSharedFile();
    if (handed.blob) receive(handed.blob);
    else importView.showFileError(`file-${handed.refused}`);
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

  try {
    if (await vault.hasVault()) {
      unlock.show();
      if (vault.storageStatus().restored) notice.textContent = t("storageRestored");
    } else {
      setup.show();
      if (vault.vaultWentMissing()) notice.textContent = t("vaultMissing");
    }
  } catch (error) {
    notice.textContent = t("unexpectedError");
  }
}
