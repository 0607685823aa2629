// "If you get the call": what a caregiver does, in order, built from a received
// plan. First the children (the paper, then for each child: pick-up, health,
// about them), then the parent (find them, the lawyer, the consulate, the
// contacts), then the family's own instructions, documents, money and pets.
// A step exists only where the plan has its data; where it does not, the step
// is replaced by its gaps, which say plainly what the family did not write.
// Pure: no DOM and no words; the view (views/action-view.js) adds both.
import { peopleOf } from "./people.js";
import { applies, isPlainObject, own, schema, sectionDef } from "./schema.js";
import { childrenOf, pickupFor } from "./schools.js";
import { isBlank, parseDate } from "./values.js";

/**
 * @typedef {{section: string, field: object, value: unknown, more: boolean}} Fact
 *   one filled answer; `more`: shown after what the caregiver needs first
 * @typedef {{title: string, titleField?: string, titleKey?: string, name?: string, kind?: string, facts: Fact[], groups?: Group[]}} Group
 *   an entry of a list (a school, a contact, a pet), titled with its own words
 *   (`titleField` says which answer the title is), or a UI string (`titleKey`, with `name`);
 *   `kind` marks a group the page styles apart ("resource": the school's Safe Haven resource person)
 * @typedef {{key: string, name?: string, section?: string, part?: string}} Gap
 *   what the family did not write: a UI string key, the person it is about, the
 *   part of the plan where it belongs (the editor links there), and for
 *   "not in this copy", the part's id
 * @typedef {object} Step
 * @property {string} id  stable across renders (ticks are kept by it); item ids only, no plan text
 * @property {string} title  a UI string key ("{name}" filled from `name`)
 * @property {string} [name]  a person's name, as typed ("" when there is none)
 * @property {Fact[]} facts
 * @property {Group[]} groups
 * @property {Gap[]} gaps  shown inside the step when it has data, instead of it when not
 * @property {string[]} notes  UI string keys of plain advice shown with the step
 * @property {string} [help]  which piece of sourced help goes with it ("locator", "papers", "legal")
 * @property {boolean} shown  whether it has any of the family's answers
 * @typedef {{id: string, name?: string, steps: Step[]}} Part
 */

// What a caregiver needs first, per part of the plan; the rest of the family's
// answers follow under "More details" (a part not listed shows everything first).
const FIRST = {
  people: ["aNumber", "birthCountry", "bornInUs", "birthDate", "otherNames", "phone", "languages", "notes"],
  school: ["address", "phone", "pickupTimes", "staffContact", "staffPhone", "pickupAtSchool"],
  medical: ["allergies", "medications", "conditions", "disability", "doctor", "doctorPhone", "pharmacy", "pharmacyPhone"],
  authority: ["docType", "agent", "children", "keptAt", "copyWith", "expiresOn"],
  contacts: ["kind", "relation", "phone", "phone2", "canPickUp"],
  legal: ["hasLawyer", "attorneyName", "attorneyOrg", "attorneyPhone", "attorneyEmail", "nextHearing", "courtLocation", "consulateName", "consulatePhone"],
  care: ["primaryName", "primaryRelation", "primaryPhone", "alternateName", "alternateRelation", "alternatePhone", "shortTerm", "livingPlace", "routines"],
  meeting: ["neighborhood", "neighborhoodAddress", "outside", "outsideAddress", "outOfTown", "outOfTownAddress"],
  documents: ["kind", "person", "keptAt", "copyWith"],
  finances: ["bills", "emergencyFund", "emergencyFundAmount", "paycheck", "bank"],
  outOfTown: ["name", "relation", "phone", "location", "instructions"],
};
// Shown as a step's title, a group's title or in the header: not repeated as facts.
const TITLE_FIELDS = { people: ["legalName", "role"], contacts: ["name"], school: ["name", "children", "pickup"], pets: ["name"], medical: ["person"] };
// The school's Safe Haven resource person (issue 14): a group of its own under
// the school, so the caregiver knows whom to ask for there.
const RESOURCE_FIELDS = ["resourcePerson", "resourcePhone", "resourceLanguages"];
const LAWYER_FIELDS = ["hasLawyer", "attorneyName", "attorneyOrg", "attorneyPhone", "attorneyEmail", "g28Signed", "eoir28Filed", "inProceedings", "caseNumbers", "nextHearing", "courtLocation", "notes"];
const CONSULATE_FIELDS = ["consulateName", "consulatePhone"];
// Contacts of these kinds are shown with the lawyer and the consulate, not twice.
const OWN_STEP_KINDS = ["lawyer", "consulate"];

function items(value) {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function text(value) {
  return typeof value === "string" && !isBlank(value) ? value : "";
}

/**
 * The filled answers of one section object or list item, in schema order.
 * @param {string} section
 * @param {unknown} values
 * @param {{only?: string[], except?: string[]}} [which]
 * @returns {Fact[]}
 */
export function factsOf(section, values, { only = null, except = [] } = {}) {
  if (!isPlainObject(values)) return [];
  return sectionDef(section).fields
    .filter((field) => field.type !== "list" && (only === null || only.includes(field.id)) && !except.includes(field.id))
    .filter((field) => Object.hasOwn(values, field.id) && !isBlank(values[field.id]))
    .map((field) => ({ section, field, value: values[field.id], more: Object.hasOwn(FIRST, section) && !FIRST[section].includes(field.id) }));
}

function nestedFacts(section, listField, values) {
  const field = sectionDef(section).fields.find((candidate) => candidate.id === listField);
  if (!isPlainObject(values)) return [];
  return field.fields
    .filter((sub) => Object.hasOwn(values, sub.id) && !isBlank(values[sub.id]))
    .map((sub) => ({ section: `${section}/${listField}`, field: sub, value: values[sub.id], more: false }));
}

function step(id, title, { name, facts = [], groups = [], gaps = [], notes = [], help } = {}) {
  const shown = facts.length > 0 || groups.some((group) => group.facts.length > 0 || group.title || group.groups?.length);
  return { id, title, name, facts, groups, gaps, notes, help, shown };
}

function fieldOf(section, id) {
  return sectionDef(section).fields.find((field) => field.id === id);
}

/** Whether a field would be asked for these answers (its `when` holds). */
function asks(section, id, values) {
  return applies(fieldOf(section, id), values);
}

/** Sections a caregiver's copy never holds are said to be missing from the copy, not from the plan. */
function notInCopy(plan, section) {
  return own(own(plan, "meta"), "subset") === "caregiver" && !schema.caregiverSubset.includes(section);
}

function missingPart(plan, section, gapKey) {
  return notInCopy(plan, section) ? { key: "gapNotInCopy", part: section } : { key: gapKey, section };
}

// --- the children -------------------------------------------------------------

function papersStep(plan, children) {
  const authority = own(own(plan, "sections"), "authority");
  const facts = factsOf("authority", authority);
  const docType = own(authority, "docType");
  const gaps = [];
  if (isBlank(docType)) gaps.push({ key: "gapPaper", section: "authority" });
  else if (docType === "none") gaps.push({ key: "gapNoPaper", section: "authority" });
  else if (asks("authority", "keptAt", authority) && isBlank(own(authority, "keptAt"))) gaps.push({ key: "gapPaperPlace", section: "authority" });
  const covered = own(authority, "children");
  if (Array.isArray(covered) && covered.length > 0 && docType !== "none") {
    for (const child of children) if (!covered.includes(child.id)) gaps.push({ key: "gapPaperChild", name: child.name, section: "authority" });
  }
  return step("papers", "stepsPapers", { facts, gaps, notes: facts.length ? ["stepsPapersBring"] : [], help: "papers" });
}

function pickupStep(plan, child) {
  const schools = items(own(own(plan, "sections"), "school")).filter((entry) => childrenOf(entry).includes(child.id));
  const gaps = [];
  let named = false;
  const groups = schools.map((entry) => {
    const people = pickupFor(entry, child.id).map((person) => ({
      title: text(own(person, "name")),
      titleField: "school/pickup/name",
      facts: nestedFacts("school", "pickup", person).filter((fact) => fact.field.id !== "name"),
    }));
    named ||= people.some((person) => person.title);
    const resource = factsOf("school", entry, { only: RESOURCE_FIELDS }).map((fact) => ({ ...fact, more: false }));
    return {
      title: text(own(entry, "name")),
      titleField: "school/name",
      facts: factsOf("school", entry, { except: [...TITLE_FIELDS.school, ...RESOURCE_FIELDS] }),
      groups: [
        ...(resource.length ? [{ title: "", titleKey: "stepsResource", kind: "resource", facts: resource }] : []),
        ...(people.length ? [{ title: "", titleKey: "stepsPickUpWho", name: child.name, facts: [], groups: people }] : []),
      ],
    };
  });
  if (schools.length === 0) gaps.push({ key: "gapSchool", name: child.name, section: "school" });
  else {
    if (!named) gaps.push({ key: "gapPickup", name: child.name, section: "school" });
    if (!schools.some((entry) => !isBlank(own(entry, "pickupTimes")))) gaps.push({ key: "gapPickupTimes", name: child.name, section: "school" });
  }
  return step(`child:${child.id}:pickup`, "stepsPickUp", { name: child.name, groups, gaps });
}

function healthStep(plan, person, { asChild }) {
  const entries = items(own(own(plan, "sections"), "medical")).filter((entry) => own(entry, "person") === person.id);
  const facts = entries.flatMap((entry) => factsOf("medical", entry, { except: TITLE_FIELDS.medical }));
  const gaps = [];
  if (asChild) {
    if (entries.length === 0) gaps.push({ key: "gapHealth", name: person.name, section: "medical" });
    else {
      if (!entries.some((entry) => !isBlank(own(entry, "allergies")))) gaps.push({ key: "gapAllergies", name: person.name, section: "medical" });
      if (!entries.some((entry) => !isBlank(own(entry, "medications")))) gaps.push({ key: "gapMedicines", name: person.name, section: "medical" });
    }
  }
  return { facts, gaps };
}

function personEntry(plan, person) {
  return items(own(own(plan, "sections"), "people")).find((entry) => own(entry, "id") === person.id);
}

function knownByHeart(plan, child) {
  const contacts = items(own(own(plan, "sections"), "contacts")).filter((contact) => {
    const refs = own(contact, "memorizeBy");
    return Array.isArray(refs) && refs.includes(child.id) && !isBlank(own(contact, "phone"));
  });
  if (contacts.length === 0) return [];
  const groups = contacts.map((contact) => ({ title: text(own(contact, "name")), titleField: "contacts/name", facts: factsOf("contacts", contact, { only: ["phone"] }) }));
  return [{ title: "", titleKey: "stepsKnownByHeart", name: child.name, facts: [], groups }];
}

function childPart(plan, child) {
  const health = healthStep(plan, child, { asChild: true });
  const about = factsOf("people", personEntry(plan, child), { except: TITLE_FIELDS.people });
  return {
    id: `child:${child.id}`,
    name: child.name,
    steps: [
      pickupStep(plan, child),
      step(`child:${child.id}:health`, "stepsHealth", { name: child.name, facts: health.facts, gaps: health.gaps }),
      step(`child:${child.id}:about`, "stepsAbout", { name: child.name, facts: about, groups: knownByHeart(plan, child) }),
    ],
  };
}

// --- the parent -----------------------------------------------------------------

function findStep(plan, adult) {
  const entry = personEntry(plan, adult);
  const facts = factsOf("people", entry, { except: TITLE_FIELDS.people });
  const health = healthStep(plan, adult, { asChild: false });
  const gaps = [];
  if (asks("people", "aNumber", entry) && isBlank(own(entry, "aNumber"))) gaps.push({ key: "gapANumber", name: adult.name, section: "people" });
  if (asks("people", "birthCountry", entry) && isBlank(own(entry, "birthCountry"))) gaps.push({ key: "gapCountry", name: adult.name, section: "people" });
  const groups = health.facts.length ? [{ title: "", titleKey: "cardHealth", facts: health.facts }] : [];
  return step(`adult:${adult.id}:find`, "stepsFind", { name: adult.name, facts, groups, gaps });
}

function contactGroups(contacts) {
  return contacts.map((contact) => ({ title: text(own(contact, "name")), titleField: "contacts/name", facts: factsOf("contacts", contact, { except: TITLE_FIELDS.contacts }) }));
}

function hasPhone(facts) {
  return facts.some((fact) => fact.field.type === "tel");
}

function lawyerStep(plan) {
  const sections = own(plan, "sections");
  const legal = own(sections, "legal");
  const facts = factsOf("legal", legal, { only: LAWYER_FIELDS });
  const groups = contactGroups(items(own(sections, "contacts")).filter((contact) => own(contact, "kind") === "lawyer"));
  const named = ["attorneyName", "attorneyOrg", "attorneyPhone"].some((id) => !isBlank(own(legal, id))) || groups.length > 0;
  const gaps = [];
  let help;
  if (!named && own(legal, "hasLawyer") === false) {
    gaps.push({ key: "gapNoLawyer", section: "legal" });
    help = "legal";
  } else if (!named) {
    gaps.push(notInCopy(plan, "legal") ? { key: "gapLawyer", section: "contacts" } : { key: "gapLawyer", section: "legal" });
    help = "legal";
  } else if (!hasPhone(facts) && !groups.some((group) => hasPhone(group.facts))) {
    gaps.push({ key: "gapLawyerPhone", section: notInCopy(plan, "legal") ? "contacts" : "legal" });
  }
  return step("lawyer", "stepsLawyer", { facts, groups, gaps, help });
}

function consulateStep(plan) {
  const sections = own(plan, "sections");
  const facts = factsOf("legal", own(sections, "legal"), { only: CONSULATE_FIELDS });
  const groups = contactGroups(items(own(sections, "contacts")).filter((contact) => own(contact, "kind") === "consulate"));
  const gaps = hasPhone(facts) || groups.some((group) => hasPhone(group.facts)) ? [] : [{ key: "gapConsulate", section: notInCopy(plan, "legal") ? "contacts" : "legal" }];
  return step("consulate", "stepsConsulate", { facts, groups, gaps });
}

function contactsStep(plan) {
  const contacts = items(own(own(plan, "sections"), "contacts")).filter((contact) => !OWN_STEP_KINDS.includes(own(contact, "kind")));
  const groups = contactGroups(contacts);
  const gaps = groups.some((group) => hasPhone(group.facts)) ? [] : [{ key: "gapContacts", section: "contacts" }];
  return step("contacts", "stepsContacts", { groups, gaps });
}

function objectStep(plan, id, title, section, gapKey, options = {}) {
  const facts = factsOf(section, own(own(plan, "sections"), section), options);
  const gaps = facts.length || !gapKey ? [] : [missingPart(plan, section, gapKey)];
  return step(id, title, { facts, gaps });
}

// --- the family's own instructions -------------------------------------------------

function careStep(plan) {
  const care = own(own(plan, "sections"), "care");
  const facts = factsOf("care", care);
  const gaps = isBlank(own(care, "primaryName")) ? [{ key: "gapCaregiver", section: "care" }] : [];
  return step("care", "stepsCare", { facts, gaps });
}

function instructionsStep(plan) {
  const detained = own(own(plan, "sections"), "detained");
  const facts = factsOf("detained", detained);
  const gaps = isBlank(own(detained, "caregiverSteps")) ? [{ key: "gapInstructions", section: "detained" }] : [];
  return step("instructions", "stepsInstructions", { facts, gaps });
}

function documentsStep(plan) {
  const sections = own(plan, "sections");
  const groups = items(own(sections, "documents")).map((entry) => ({ title: "", facts: factsOf("documents", entry) }));
  const facts = factsOf("upkeep", own(sections, "upkeep"), { only: ["copiesAt"] });
  const gaps = groups.length || facts.length ? [] : [missingPart(plan, "documents", "gapDocuments")];
  return step("documents", "stepsDocuments", { facts, groups, gaps });
}

function petsStep(plan) {
  const sections = own(plan, "sections");
  const hasPets = own(own(sections, "family"), "hasPets");
  const groups = items(own(sections, "pets")).map((pet) => ({ title: text(own(pet, "name")), titleField: "pets/name", facts: factsOf("pets", pet, { except: TITLE_FIELDS.pets }) }));
  const gaps = [];
  const notes = [];
  if (groups.length === 0 && hasPets === false) notes.push("stepsNoPets");
  else if (groups.length === 0) gaps.push({ key: "gapPets", section: "pets" });
  return step("pets", "stepsPets", { groups, gaps, notes });
}

// --- the whole view ---------------------------------------------------------------

/**
 * @typedef {object} CaregiverSteps
 * @property {string} familyName  the family's name, as typed ("" when there is none)
 * @property {{nextReview: string | null, lastReviewed: string | null}} review
 * @property {Fact[]} about  the plan's own dates (review, practice)
 * @property {boolean} copy  a caregiver's copy (some parts are never in it)
 * @property {Step} papers  the paper that lets the caregiver act for the children
 * @property {Part[]} children  one part per child, in plan order
 * @property {Part} parent  find the parent, the lawyer, the consulate, the contacts
 * @property {Part} family  the family's instructions, documents, money, pets
 */

/**
 * @param {unknown} plan a current-version plan (a caregiver's copy or a whole plan)
 * @returns {CaregiverSteps}
 */
export function caregiverSteps(plan) {
  const sections = own(plan, "sections");
  const people = peopleOf(plan);
  const children = people.filter((person) => person.role === "child");
  // Anyone who is not a child is someone the caregiver may have to find.
  const adults = people.filter((person) => person.role !== "child");
  const upkeep = own(sections, "upkeep");
  const familySteps = [
    careStep(plan),
    instructionsStep(plan),
    objectStep(plan, "meeting", "stepsMeeting", "meeting", "gapMeeting"),
    documentsStep(plan),
    objectStep(plan, "money", "stepsMoney", "finances", "gapMoney"),
    petsStep(plan),
    objectStep(plan, "travel", "stepsTravel", "travel", null),
    objectStep(plan, "notes", "stepsNotes", "notes", null),
  ];
  return {
    familyName: text(own(own(sections, "family"), "name")),
    review: { nextReview: parseDate(own(upkeep, "nextReview")), lastReviewed: parseDate(own(upkeep, "lastReviewed")) },
    about: factsOf("upkeep", upkeep, { except: ["copiesAt"] }),
    copy: own(own(plan, "meta"), "subset") === "caregiver",
    papers: papersStep(plan, children),
    noChildren: children.length === 0,
    children: children.map((child) => childPart(plan, child)),
    parent: {
      id: "parent",
      steps: [
        ...adults.map((adult) => findStep(plan, adult)),
        lawyerStep(plan),
        consulateStep(plan),
        contactsStep(plan),
        objectStep(plan, "outOfTown", "stepsOutOfTown", "outOfTown", "gapOutOfTown"),
      ],
    },
    family: { id: "family", steps: familySteps },
  };
}

/**
 * Every step id of a view, in order (for ticks).
 * @param {CaregiverSteps} steps
 * @returns {string[]}
 */
export function stepIds(steps) {
  return [steps.papers, ...steps.children.flatMap((part) => part.steps), ...steps.parent.steps, ...steps.family.steps].map((item) => item.id);
}
