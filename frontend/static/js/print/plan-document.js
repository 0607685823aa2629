// The whole plan as a document: every filled answer, section by section, in
// the schema's order. The same document is printed and shown read-only.
import { isPlainObject, own, sectionDefs } from "../plan/schema.js";
import { planLabel } from "../ui/plan-labels.js";
import { element, elementWith, userText, userTextList } from "../views/dom.js";
import { displayParts, filledFields, storedText } from "./plan-values.js";

// Every answer is the family's own text (or names from it): each string is isolated,
// so a name with a direction override cannot reorder what stands around it.
function answerNodes(field, value, plan) {
  return userTextList(displayParts(field, value, plan), ", ");
}

function answers(fields, values, plan) {
  const list = element("dl", { class: "plan-answers" });
  for (const { field, value } of filledFields(fields, values)) {
    list.append(element("dt", {}, planLabel(field.label)));
    const answer = element("dd");
    if (field.type === "list") {
      answer.append(nestedList(field, value, plan));
    } else {
      answer.append(answerNodes(field, value, plan));
    }
    list.append(answer);
  }
  return list;
}

function nestedList(field, items, plan) {
  const list = element("ol", { class: "plan-nested" });
  for (const item of Array.isArray(items) ? items : [items]) {
    const entry = element("li");
    if (isPlainObject(item)) {
      filledFields(field.fields, item).forEach(({ field: sub, value }, index) => {
        if (index > 0) entry.append(" · ");
        entry.append(answerNodes(sub, value, plan));
      });
    } else {
      entry.append(userText(storedText(item)));
    }
    list.append(entry);
  }
  return list;
}

function section(definition, value, plan) {
  const part = element("section", { class: "plan-section" });
  part.append(element("h2", {}, planLabel(definition.title)));
  if (definition.kind === "object") {
    part.append(answers(definition.fields, value, plan));
    return part;
  }
  const items = Array.isArray(value) ? value : [];
  items.forEach((item, index) => {
    const entry = element("div", { class: "plan-item" });
    entry.append(element("h3", {}, `${planLabel(definition.itemTitle)} ${index + 1}`));
    entry.append(answers(definition.fields, item, plan));
    part.append(entry);
  });
  return part;
}

function hasAnswers(definition, value) {
  if (definition.kind === "object") return filledFields(definition.fields, value).length > 0;
  return Array.isArray(value) && value.some((item) => filledFields(definition.fields, item).length > 0);
}

/**
 * @param {object} plan a current-version plan (a caregiver copy holds fewer sections)
 * @param {{heading: string | Array<string | Node>, note?: string}} text the document's title ("" for none)
 *   and a line under it; a string title is isolated as the family's own words (a shared plan's name),
 *   parts are used as they are (a translated title with the family's name isolated in it)
 * @returns {HTMLElement}
 */
export function planDocument(plan, { heading, note = "" }) {
  const root = element("article", { class: "plan-document" });
  if (typeof heading === "string" && heading) root.append(elementWith("h1", {}, userText(heading)));
  else if (Array.isArray(heading) && heading.length) root.append(elementWith("h1", {}, ...heading));
  if (note) root.append(element("p", { class: "plan-document-note" }, note));
  const sections = own(plan, "sections");
  for (const definition of sectionDefs()) {
    const value = own(sections, definition.id);
    if (hasAnswers(definition, value)) root.append(section(definition, value, plan));
  }
  return root;
}
