// A letter to each school or daycare: for each child there, the adults the
// parents authorize to pick the child up, with lines for signatures.
import { peopleOf } from "../plan/people.js";
import { isPlainObject, own, sectionDef } from "../plan/schema.js";
import { childrenOf, pickupFor } from "../plan/schools.js";
import { isBlank, trim } from "../plan/values.js";
import { fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element, elementWith, userText } from "../views/dom.js";

function text(value) {
  return typeof value === "string" && !isBlank(value) ? trim(value) : "";
}

function fieldLabel(sectionId, fieldId) {
  return sectionDef(sectionId).fields.find((field) => field.id === fieldId).label;
}

function pickupTable(people) {
  // The "only for" column is said by which child's table the person is in.
  const fields = sectionDef("school").fields.find((field) => field.id === "pickup").fields.filter((field) => field.type !== "personrefs");
  const table = element("table", { class: "letter-table" });
  const head = element("tr");
  for (const field of fields) head.append(element("th", { scope: "col" }, planLabel(field.label)));
  table.append(element("thead"));
  table.firstChild.append(head);
  const body = element("tbody");
  for (const entry of people) {
    const row = element("tr");
    for (const field of fields) row.append(elementWith("td", {}, userText(text(own(entry, field.id)))));
    body.append(row);
  }
  table.append(body);
  return table;
}

function childPart(plan, entry, childId) {
  const child = peopleOf(plan).find((person) => person.id === childId);
  const part = element("div", { class: "letter-child" });
  const childName = child?.name ? userText(child.name) : t("cardNoName");
  part.append(elementWith("h3", {}, ...fillParts(t("letterChild"), { child: childName })));
  const people = own(own(plan, "sections"), "people");
  const birthDate = text(own(child && Array.isArray(people) ? people[child.index] : undefined, "birthDate"));
  if (birthDate) part.append(elementWith("p", {}, `${planLabel(fieldLabel("people", "birthDate"))}: `, userText(birthDate)));
  const pickup = pickupFor(entry, childId).filter((person) => text(own(person, "name")));
  part.append(pickup.length > 0 ? pickupTable(pickup) : element("p", {}, t("letterNobody")));
  return part;
}

/** The school's Safe Haven resource person, as the family wrote it (the first entry that names one). */
function resourceLine(entries) {
  const entry = entries.find((candidate) => text(own(candidate, "resourcePerson")));
  if (!entry) return null;
  const name = text(own(entry, "resourcePerson"));
  const phone = text(own(entry, "resourcePhone"));
  const person = elementWith("bdi", {}, userText(name), ...(phone ? [" (", elementWith("bdi", { dir: "ltr" }, phone), ")"] : []));
  return elementWith("p", { class: "letter-resource" }, ...fillParts(t("letterResource"), { person }));
}

function letter(plan, schoolName, entries) {
  const root = element("section", { class: "school-letter" });
  root.append(element("p", { class: "letter-date" }, t("letterDate")));
  root.append(elementWith("p", { class: "letter-to" }, ...fillParts(t("letterTo"), { school: userText(schoolName) })));
  root.append(element("h2", {}, t("letterTitle")));
  root.append(element("p", {}, t("letterBody")));
  for (const entry of entries) {
    const children = childrenOf(entry);
    for (const childId of children.length > 0 ? children : [""]) root.append(childPart(plan, entry, childId));
  }
  const resource = resourceLine(entries);
  if (resource) root.append(resource);
  root.append(element("p", {}, t("letterKeep")));
  const adults = peopleOf(plan).filter((person) => person.role === "adult");
  const signatures = element("div", { class: "letter-signatures" });
  for (const adult of adults.length > 0 ? adults : [{ name: "" }]) {
    const name = userText(adult.name);
    signatures.append(elementWith("p", { class: "signature-line" }, ...fillParts(t("letterSignature"), { name })));
  }
  root.append(signatures);
  return root;
}

/**
 * @param {object} plan
 * @returns {HTMLElement} one letter per school or daycare, each child at it in plan order
 */
export function schoolLetters(plan) {
  const schools = own(own(plan, "sections"), "school");
  const bySchool = new Map();
  for (const entry of Array.isArray(schools) ? schools : []) {
    const name = text(own(entry, "name"));
    if (!isPlainObject(entry) || !name) continue;
    const key = name.toLocaleLowerCase();
    if (!bySchool.has(key)) bySchool.set(key, { name, entries: [] });
    bySchool.get(key).entries.push(entry);
  }
  const root = element("div", { class: "school-letters" });
  for (const { name, entries } of bySchool.values()) root.append(letter(plan, name, entries));
  return root;
}
