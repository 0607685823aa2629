// A school's name, found in the district's list as it is typed: the matching
// schools show under the field, one tap fills the entry (the flow controller
// fills only what is blank), and whatever is typed stays a valid answer for a
// school that is not in the list. Works offline: the list is in the page.
import { fillParts } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { districtData, matchingSchools, schoolNamed } from "./district-schools.js";

// More than this many matches: the first ones show, and a hint asks for more of the name.
const MAX_SHOWN = 5;

export class SchoolChooser {
  /**
   * @param {object} options
   * @param {string} options.id the field's element id, to name this chooser's parts
   * @param {(index: number) => void} options.choose a school was tapped (its index in the district's list)
   */
  constructor({ id, choose }) {
    this.schools = districtData().schools;
    this.choose = choose;
    this.shown = undefined; // the district school the name matches now (null: none)
    this.root = element("div", { class: "school-chooser" });
    this.hintId = `${id}-schools`;
    this.hint = element("p", { class: "hint", id: this.hintId });
    // Announced as the list changes; present from the start, so screen readers hear the first change.
    this.status = element("p", { class: "school-status", role: "status" });
    this.matches = element("ul", { class: "school-matches" });
    this.linked = element("div", { class: "school-linked" });
    this.root.append(this.hint, this.status, this.matches, this.linked);
  }

  /** @param {unknown} value the name as it is now */
  update(value) {
    const text = typeof value === "string" ? value : "";
    const chosen = schoolNamed(text);
    this.#showLinked(chosen);
    const { district } = districtData();
    // The district's proper name is isolated: in an Arabic sentence it must not carry the full stop away.
    this.hint.replaceChildren(...fillParts(t(chosen ? "editorSchoolInList" : "editorSchoolSearchHint"), { district: element("bdi", {}, district) }));
    const found = chosen ? [] : matchingSchools(text, this.schools);
    this.matches.replaceChildren(...found.slice(0, MAX_SHOWN).map(({ school, index }) => this.#button(school, index)));
    this.matches.hidden = found.length === 0;
    if (chosen || !text.trim()) this.status.textContent = "";
    else if (found.length === 0) this.status.textContent = t("editorSchoolNoMatch");
    else this.status.textContent = t(found.length > MAX_SHOWN ? "editorSchoolManyMatches" : "editorSchoolMatches");
  }

  #button(school, index) {
    const button = element("button", { type: "button", class: "button school-match", "data-action": "choose-school" });
    button.append(element("bdi", { class: "school-match-name" }, school.name));
    if (school.address) button.append(element("span", { class: "school-match-address", dir: "auto" }, school.address));
    button.addEventListener("click", () => this.choose(index));
    const item = element("li");
    item.append(button);
    return item;
  }

  /** The school is the district's: what the list says it does if law enforcement comes, and where the list got it. */
  #showLinked(school) {
    if (school === this.shown) return; // unchanged: an open "what the school does" stays open
    this.shown = school;
    this.linked.replaceChildren();
    if (!school) return;
    const { procedure } = districtData();
    const steps = school.procedure ?? procedure?.points ?? [];
    if (steps.length) {
      const details = element("details", { class: "explain" });
      details.append(element("summary", {}, t("editorSchoolProcedure")));
      if (!school.procedure && procedure?.heading) details.append(element("p", {}, procedure.heading));
      const list = element("ul");
      list.append(...steps.map((step) => element("li", {}, step)));
      details.append(list);
      this.linked.append(details);
    }
    const sources = element("p", { class: "hint school-sources" });
    sources.append(this.#source(school.source, t("editorSchoolSource")));
    if (school.resource && school.resource.source !== school.source) sources.append(" ", this.#source(school.resource.source, t("editorSchoolResourceSource")));
    this.linked.append(sources);
  }

  #source(url, text) {
    // A new tab: leaving the plan page would lock the plan.
    return element("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
  }
}
