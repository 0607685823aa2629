// The overview: the most important gaps first, keeping the plan current,
// how complete each part is, and the children's pages.
import { schema, sectionDef } from "../plan/schema.js";
import { fill, fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { personLabel } from "./field-view.js";
import { routeHash } from "./router.js";

function stepLink(sectionId, text, className = "") {
  return element("a", { href: routeHash({ name: "step", section: sectionId }), class: className }, text);
}

function heading(id, text) {
  return element("h3", { id }, text);
}

/**
 * @param {object} state
 * @param {object[]} state.sections every section, in flow order
 * @param {Record<string, [number, number]>} state.counts completeness per section
 * @param {string[]} state.gaps failed importance checks, most critical first
 * @param {Set<string>} state.toCheck sections with an answer to check
 * @param {Array<{id: string, role: unknown, name: string, index: number}>} state.people
 * @param {HTMLElement} state.upkeep the "keep it current" card
 * @returns {HTMLElement}
 */
export function renderOverview({ sections, counts, gaps, toCheck, people, upkeep }) {
  const root = element("section", { class: "overview", "aria-labelledby": "overview-title" });
  root.append(element("h2", { id: "overview-title", tabindex: "-1" }, t("editorOverview")), element("p", { class: "hint" }, t("editorOverviewHelp")));
  // Skipped parts wait here: the first part not started yet.
  const next = sections.find((s) => counts[s.id][0] === 0 && counts[s.id][1] > 0);
  if (next) root.append(stepLink(next.id, fill(t("editorContinue"), { section: planLabel(next.title) }), "button button-primary continue"));

  const gapSection = element("section", { class: "gaps", "aria-labelledby": "gaps-title" });
  gapSection.append(heading("gaps-title", t("editorGapsTitle")));
  if (gaps.length === 0) gapSection.append(element("p", { class: "all-good" }, t("editorNoGaps")));
  for (const id of gaps) {
    const check = schema.importance.find((c) => c.id === id);
    const card = element("div", { class: "notice gap", "data-gap": id });
    card.append(element("p", { class: "gap-label" }, planLabel(check.label)));
    if (check.help) card.append(element("p", {}, planLabel(check.help)));
    card.append(stepLink(check.section, fill(t("editorGoTo"), { section: planLabel(sectionDef(check.section).title) })));
    gapSection.append(card);
  }
  root.append(gapSection, upkeep);

  const parts = element("section", { class: "parts", "aria-labelledby": "parts-title" });
  const list = element("ol", { class: "part-list" });
  for (const sdef of sections) {
    const [filled, total] = counts[sdef.id];
    const item = element("li", { class: "part", "data-section": sdef.id });
    item.append(stepLink(sdef.id, planLabel(sdef.title), "part-link"));
    const status = element("p", { class: "part-status" }, total === 0 ? t("editorOptionalPart") : fill(t("editorAnswered"), { filled, total }));
    item.append(status, element("progress", { max: String(Math.max(total, 1)), value: String(filled), "aria-hidden": "true" }));
    if (toCheck.has(sdef.id)) item.append(element("p", { class: "field-problem", "data-severity": "warning" }, t("editorToCheck")));
    list.append(item);
  }
  parts.append(heading("parts-title", t("editorSectionsTitle")), list);
  root.append(parts);

  const children = people.filter((person) => person.role === "child");
  const pages = element("section", { class: "child-pages", "aria-labelledby": "child-pages-title" });
  pages.append(heading("child-pages-title", t("editorChildPagesTitle")));
  if (children.length === 0) {
    const hint = element("p", { class: "hint" });
    hint.append(...fillParts(t("editorNoChildren"), { section: stepLink(schema.personSection, planLabel(sectionDef(schema.personSection).title)) }));
    pages.append(hint);
  } else {
    pages.append(element("p", { class: "hint" }, t("editorChildPagesHelp")));
    const links = element("ul", { class: "child-links" });
    for (const child of children) {
      const link = element("a", { href: routeHash({ name: "child", id: child.id }), class: "button" });
      link.append(...fillParts(t("editorChildPageLink"), { name: element("bdi", {}, personLabel(child)) }));
      const item = element("li");
      item.append(link);
      links.append(item);
    }
    pages.append(links);
  }
  root.append(pages);
  return root;
}
