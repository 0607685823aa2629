// What the open page does once someone acts: read and decrypt a file, keep it,
// list, show and print shared plans. Half the page's code, so the page loads it
// after its first paint instead of before.
export { peopleOf } from "../plan/people.js";
export { planDocument } from "../print/plan-document.js";
export { readBlob, readHeader } from "../share/famplan-file.js";
export { openReceivedFile, refusalMessage } from "../share/import-file.js";
export { readBackup, replacePlan, restoreBackup } from "../share/plan-backup.js";
export { keepSharedPlan, listSharedPlans, removeSharedPlan } from "../share/shared-plans.js";
