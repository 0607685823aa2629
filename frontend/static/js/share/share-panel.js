// Share and print, on the plan page once it is unlocked: make the locked file
// (whole plan or caregiver's copy), hand it over, and print on paper.
// Follows the plan page's contract: famplan:unlocked / famplan:flush / famplan:locked.
import { planLabel } from "../ui/plan-labels.js";
import { caregiverSteps } from "../plan/caregiver-steps.js";
import { familyNameOf } from "../plan/family.js";
import { sectionDef } from "../plan/schema.js";
import { actionPages } from "../print/action-pages.js";
import { childCards } from "../print/child-cards.js";
import { planDocument } from "../print/plan-document.js";
import { schoolLetters } from "../print/school-letters.js";
import { fillParts } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { userText } from "../views/dom.js";
import { pageHelp } from "../views/page-help.js";
import { generatePassphrase } from "../vault/passphrase-generator.js";
import { assessPassphrase } from "../vault/passphrase-strength.js";
import { markExported } from "../vault/vault.js";
import { ExportView } from "../views/export-view.js";
import { PrintView } from "../views/print-view.js";
import { ALWAYS_INCLUDED, caregiverCopy, caregiverSections } from "./caregiver-copy.js";
import { canShareFile, downloadFile, shareFile } from "./deliver-file.js";
import { makeExportFile } from "./export-file.js";

const PRINTED = {
  plan: (plan) => planDocument(plan, { heading: printHeading(plan), note: t("printPaperNote") }),
  cards: childCards,
  letters: schoolLetters,
  // What a caregiver's copy shows, on paper: one page per child and one for the adults.
  steps: (plan) => {
    const copy = caregiverCopy(plan);
    return actionPages(caregiverSteps(copy), copy, { ticks: new Set(), help: pageHelp });
  },
};

/** "Family Preparedness Plan: Familia Morales", the name isolated; the title alone before the family has a name. */
function printHeading(plan) {
  const family = familyNameOf(plan);
  return family ? fillParts(t("printPlanTitleFamily"), { family: userText(family) }) : t("printPlanTitle");
}

export function startSharePanel() {
  const root = document.getElementById("share-panel");
  if (!root) return;
  const view = new ExportView(root);
  const printer = new PrintView(root.querySelector("#print-warning"));
  let session = null;
  let made = null; // {file, kind}: the last file made, until the choice changes or the plan locks

  view.showSectionChoices(
    caregiverSections().map((id) => ({ id, title: planLabel(sectionDef(id).title), locked: id === ALWAYS_INCLUDED })),
  );
  view.bindChoiceChanged(() => {
    made = null;
  });
  view.bindOtherWords(() => view.showWords(generatePassphrase()));

  /** The saved plan, including what was typed just before (the editor saves it on flush). */
  const savedPlan = async () => {
    document.dispatchEvent(new CustomEvent("famplan:flush"));
    await session.idle();
    return session.load();
  };

  view.bindSubmit(async ({ kind, sections, passphrase }) => {
    if (!session) return;
    if (!assessPassphrase(passphrase).acceptable) return view.showError("exportWeakPassphrase");
    view.busy(true);
    try {
      const plan = await savedPlan();
      if (plan === null) {
        view.busy(false);
        return view.showError("exportNothing");
      }
      made = { file: await makeExportFile(plan, { kind, sections, passphrase }), kind };
      view.busy(false);
      view.showStatus("exportReady");
      view.offerFile({ canShare: canShareFile(made.file) });
    } catch (error) {
      view.busy(false);
      view.showError("exportFailed");
    }
  });

  const delivered = async (outcome) => {
    view.showStatus(outcome === "shared" ? "exportShared" : "exportSaved");
    // Only the whole plan is a backup; a caregiver's copy does not count for reminders.
    if (made.kind === "full") await markExported().catch(() => {});
  };
  view.bindDeliver(
    async () => {
      if (!made) return;
      try {
        const outcome = await shareFile(made.file);
        if (outcome === "cancelled") view.showStatus("exportCancelled");
        else await delivered(outcome);
      } catch (error) {
        view.showError("exportShareFailed");
      }
    },
    async () => {
      if (!made) return;
      downloadFile(made.file);
      await delivered("downloaded");
    },
  );

  for (const button of root.querySelectorAll("[data-print]")) {
    button.addEventListener("click", async () => {
      if (!session || !(await printer.confirm())) return;
      const plan = await savedPlan();
      if (plan !== null) printer.print(PRINTED[button.dataset.print](plan));
    });
  }

  document.addEventListener("famplan:unlocked", (event) => {
    session = event.detail;
    view.show();
    view.showWords(generatePassphrase());
  });
  document.addEventListener("famplan:locked", () => {
    session = null;
    made = null;
    view.reset();
    printer.clear();
    if (printer.dialog.open) printer.dialog.close("cancel");
  });
}
