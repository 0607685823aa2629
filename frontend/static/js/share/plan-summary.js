// What the open page says about a received or kept plan: the family's name
// (the default name a kept plan gets), when the file was made and how long ago,
// and whether the family's own review date has passed. Kept plans are brought
// to this app's schema version when they are read, as a received file is.
import { familyNameOf } from "../plan/family.js";
import { migrate } from "../plan/migrate.js";
import { peopleOf } from "../plan/people.js";
import { own } from "../plan/schema.js";
import { parseDate } from "../plan/values.js";
import { formatDate, formatDay } from "../ui/dates.js";
import { fill, fillParts } from "../ui/fill.js";
import { madeOn, pastReview } from "../ui/plan-age.js";
import { t } from "../ui/strings.js";
import { userText, userTextList } from "../views/dom.js";

// Where a file came from, said in the preview: a file can be made by anyone.
const SOURCES = { picked: "importFromFiles", dropped: "importFromDrop", shared: "importFromShare", launched: "importFromLaunch" };

/**
 * The name a kept plan gets unless the person types another: the family's
 * name, else the adults' names, else the people's, else "Shared plan".
 * @param {unknown} plan
 * @returns {string}
 */
export function defaultLabel(plan) {
  const people = peopleOf(plan).filter((person) => person.name);
  const adults = people.filter((person) => person.role === "adult");
  return familyNameOf(plan) || (adults.length > 0 ? adults : people).map((person) => person.name).join(", ") || t("importDefaultLabel");
}

/**
 * @param {unknown} exportedAt
 * @returns {string} "The file was made on 1 March 2026 (3 months ago)." or that it does not say
 */
export function madeLine(exportedAt) {
  const made = madeOn(exportedAt);
  if (!made) return t("stepsMadeUnknown");
  return fill(t(made.age ? "stepsMadeAge" : "importMadeOn"), { date: made.date, age: made.age ?? "" });
}

/**
 * @param {unknown} plan
 * @returns {string} asks for a fresh copy when the family's review date has passed; else ""
 */
export function staleLine(plan) {
  const nextReview = parseDate(own(own(own(plan, "sections"), "upkeep"), "nextReview"));
  return pastReview(nextReview) ? fill(t("stepsStale"), { date: formatDate(nextReview) }) : "";
}

/**
 * The preview's lines: where the file came from, what it is, whose it is, when it was made.
 * @param {{kind: string, plan: object, exportedAt: unknown}} opened
 * @param {string} source
 * @returns {Array<Array<string | Node>>} each line's parts: text, and names as isolated nodes
 */
export function previewLines({ kind, plan, exportedAt }, source) {
  const names = peopleOf(plan).filter((person) => person.name).map((person) => person.name);
  const lines = [[t(SOURCES[source])], [t(kind === "caregiver" ? "importKindCaregiver" : "importKindFull")]];
  const family = familyNameOf(plan);
  if (family) lines.push(fillParts(t("importFamily"), { name: userText(family) }));
  lines.push([madeLine(exportedAt)]);
  if (names.length > 0) lines.push(fillParts(t("importPeople"), { names: userTextList(names, ", ") }));
  const stale = staleLine(plan);
  if (stale) lines.push([stale]);
  return lines;
}

/**
 * A kept plan at this app's schema version, or null if this app cannot read it.
 * @param {unknown} plan
 * @returns {object | null}
 */
export function readablePlan(plan) {
  try {
    return migrate(plan);
  } catch {
    return null;
  }
}

/**
 * What the list of plans shared with me shows of one.
 * @param {import("./shared-plans.js").SharedPlan} entry
 * @returns {{id: string, label: string, familyName: string, lines: string[], stale: string}}
 */
export function listEntry(entry) {
  const plan = readablePlan(entry.plan);
  const lines = [madeLine(entry.exportedAt)];
  const received = typeof entry.receivedAt === "string" ? Date.parse(entry.receivedAt) : NaN;
  if (!Number.isNaN(received)) lines.push(fill(t("sharedReceived"), { date: formatDay(received) }));
  return { id: entry.id, label: String(entry.label), familyName: familyNameOf(plan), lines, stale: plan ? staleLine(plan) : "" };
}
