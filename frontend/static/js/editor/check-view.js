// "Check your answers" at the end of a part: each question and its answer, with
// a Change link that goes back to that very question.
import { pointer as toPointer } from "../plan/pointer.js";
import { own } from "../plan/schema.js";
import { fill } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { answerRows, questionOf } from "./summaries.js";

/**
 * @param {object} screen
 * @param {object} screen.sdef an object section
 * @param {object} screen.plan
 * @param {(pointer: string) => void} screen.change go back to this question
 * @param {HTMLElement} screen.actions
 * @returns {HTMLElement}
 */
export function renderCheck({ sdef, plan, change, actions }) {
  const root = element("section", { class: "screen check", "aria-labelledby": "screen-title" });
  root.append(element("h2", { id: "screen-title", tabindex: "-1" }, fill(t("editorCheckTitle"), { section: planLabel(sdef.title) })));
  const values = own(own(plan, "sections"), sdef.id);
  const list = element("dl", { class: "check-list" });
  for (const { field, text } of answerRows(sdef.fields, values, plan)) {
    const row = element("div", { class: "check-row" });
    const answer = element("dd", { dir: "auto" }, text ?? t("editorNotAnswered"));
    if (text === null) answer.classList.add("not-answered");
    const link = element("a", { href: "#", class: "check-change" }, t("editorChange"));
    link.append(" ", element("span", { class: "visually-hidden" }, questionOf(field)));
    link.addEventListener("click", (event) => {
      event.preventDefault();
      change(toPointer("sections", sdef.id, field.id));
    });
    row.append(element("dt", {}, questionOf(field)), answer, element("dd", { class: "check-action" }));
    row.lastChild.append(link);
    list.append(row);
  }
  if (!list.firstChild) root.append(element("p", {}, t("editorNothingToCheck")));
  root.append(list, actions);
  return root;
}
