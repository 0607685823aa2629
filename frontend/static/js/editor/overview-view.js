// The plan at a glance: what to do next, the most important gaps, each part's
// answered questions on one line, the children's pages, and keeping the plan
// current. Short on purpose: every part opens on its own screen.
import { schema } from "../plan/schema.js";
import { fill, fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { personLabel } from "./field-view.js";
import { routeHash } from "./router.js";

function link(route, text, className = "") {
  return element("a", { href: routeHash(route), class: className }, text);
}

function heading(id, text) {
  return element("h3", { id }, text);
}

/**
 * @param {object} state
 * @param {object[]} state.sections the parts that apply, in flow order
 * @param {object[]} state.skipped the parts the family said do not apply
 * @param {Record<string, [number, number]>} state.counts answered questions per part
 * @param {string[]} state.gaps failed importance checks, most critical first
 * @param {Set<string>} state.toCheck parts with an answer to check
 * @param {Array<{id: string, role: unknown, name: string, index: number}>} state.people
 * @param {boolean} state.fresh nothing is in the plan yet
 * @param {HTMLElement} state.upkeep the "keep it current" card
 * @returns {HTMLElement}
 */
export function renderOverview({ sections, skipped, counts, gaps, toCheck, people, fresh, upkeep }) {
  const root = element("section", { class: "overview", "aria-labelledby": "overview-title" });
  root.append(element("h2", { id: "overview-title", tabindex: "-1" }, t("editorOverview")), element("p", { class: "hint" }, t("editorOverviewHelp")));
  if (fresh || gaps.length) {
    root.append(link({ name: "start", screen: "children" }, t("editorStartEssentials"), "button button-primary continue"));
  } else {
    const next = sections.find((s) => counts[s.id][0] < counts[s.id][1]);
    if (next) root.append(link({ name: "step", section: next.id }, fill(t("editorContinue"), { section: planLabel(next.title) }), "button button-primary continue"));
  }

  if (gaps.length) {
    const gapSection = element("section", { class: "gaps", "aria-labelledby": "gaps-title" });
    gapSection.append(heading("gaps-title", t("editorGapsTitle")));
    const list = element("ul", { class: "gap-list" });
    for (const id of gaps) {
      const check = schema.importance.find((c) => c.id === id);
      const item = element("li", { class: "gap", "data-gap": id });
      item.append(link({ name: "step", section: check.section }, planLabel(check.label)));
      if (check.help) item.append(element("p", { class: "hint" }, planLabel(check.help)));
      list.append(item);
    }
    gapSection.append(list);
    root.append(gapSection);
  } else if (!fresh) {
    root.append(element("p", { class: "all-good" }, t("editorNoGaps")));
  }

  const parts = element("section", { class: "parts", "aria-labelledby": "parts-title" });
  const list = element("ol", { class: "part-list" });
  for (const sdef of sections) {
    const [filled, total] = counts[sdef.id];
    const item = element("li", { class: "part", "data-section": sdef.id });
    item.append(link({ name: "step", section: sdef.id }, planLabel(sdef.title), "part-link"));
    const status = total === 0 ? t("editorOptionalPart") : fill(t("editorAnswered"), { filled, total });
    item.append(element("span", { class: `part-status${total > 0 && filled === total ? " part-done" : ""}` }, status));
    if (toCheck.has(sdef.id)) item.append(element("span", { class: "part-check" }, t("editorToCheck")));
    list.append(item);
  }
  parts.append(heading("parts-title", t("editorSectionsTitle")), list);
  for (const sdef of skipped) {
    const note = element("p", { class: "hint part-skipped" });
    note.append(...fillParts(t("editorSkippedPart"), { section: link({ name: "step", section: gateSection(sdef) }, planLabel(sdef.title)) }));
    parts.append(note);
  }
  root.append(parts);

  const children = people.filter((person) => person.role === "child");
  if (children.length) {
    const pages = element("section", { class: "child-pages", "aria-labelledby": "child-pages-title" });
    pages.append(heading("child-pages-title", t("editorChildPagesTitle")), element("p", { class: "hint" }, t("editorChildPagesHelp")));
    const links = element("ul", { class: "child-links" });
    for (const child of children) {
      const anchor = element("a", { href: routeHash({ name: "child", id: child.id }), class: "button button-small" });
      anchor.append(...fillParts(t("editorChildPageLink"), { name: element("bdi", {}, personLabel(child)) }));
      const item = element("li");
      item.append(anchor);
      links.append(item);
    }
    pages.append(links);
    root.append(pages);
  }
  root.append(
    link({ name: "share" }, t("editorShareAndPrint"), "button share-link"),
    link({ name: "caregiver" }, t("editorCaregiverView"), "button share-link"),
    upkeep,
  );
  return root;
}

// Where the family said a part does not apply: the question that skips it.
function gateSection(sdef) {
  const when = sdef.when ?? {};
  return when.section ?? schema.personSection;
}

