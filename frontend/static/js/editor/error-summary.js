// "Check these answers": the problems of a screen, listed at its top after the
// person pressed Continue, each a link to its question. It warns; it does not
// block: pressing Continue again goes on, and the answers stay as typed.
import { planLabel } from "../ui/plan-labels.js";
import { problemSpec } from "../plan/schema.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";

export class ErrorSummary {
  constructor() {
    this.root = element("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: "" });
    this.shown = "";
  }

  /**
   * @param {Array<{question: string, code: string, targetId: string}>} problems
   * @returns {boolean} whether these exact problems were already shown (then Continue goes on)
   */
  show(problems) {
    const key = JSON.stringify(problems.map(({ targetId, code }) => [targetId, code]));
    const seen = key === this.shown;
    this.shown = key;
    const list = element("ul");
    for (const { question, code, targetId } of problems) {
      const link = element("a", { href: `#${targetId}` });
      link.append(element("bdi", {}, question), ": ", planLabel(problemSpec(code).message));
      // Focus the question itself: a plain #anchor would change the editor's route.
      link.addEventListener("click", (event) => {
        event.preventDefault();
        const target = document.getElementById(targetId);
        target?.focus();
        target?.scrollIntoView({ block: "center" });
      });
      const item = element("li");
      item.append(link);
      list.append(item);
    }
    this.root.replaceChildren(element("h3", {}, t("editorCheckTheseTitle")), element("p", {}, t("editorCheckTheseHelp")), list);
    this.root.hidden = problems.length === 0;
    if (problems.length) this.root.focus();
    return seen;
  }
}
