// What the open page does once someone acts: read and decrypt a file, keep it,
// list, show and print shared plans, and build their steps ("If you get the
// call"). Half the page's code, so the page loads it after its first paint
// instead of before.
export { caregiverSteps } from "../plan/caregiver-steps.js";
export { familyNameOf } from "../plan/family.js";
export { actionPages } from "../print/action-pages.js";
export { planDocument } from "../print/plan-document.js";
export { readBlob, readHeader } from "../share/famplan-file.js";
export { openReceivedFile, refusalMessage } from "../share/import-file.js";
export { readBackup, replacePlan, restoreBackup } from "../share/plan-backup.js";
export { defaultLabel, listEntry, previewLines, readablePlan } from "../share/plan-summary.js";
export { keepSharedPlan, listSharedPlans, removeSharedPlan, saveTicks, ticksOf } from "../share/shared-plans.js";
export { renderActionView } from "../views/action-view.js";
export { pageHelp } from "../views/page-help.js";
