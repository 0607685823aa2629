// "What is this?": a word the family or the caregiver may not know, explained
// where it appears, from the schema's glossary, with a link to the resource
// page that says more (a new tab: leaving a page with a plan on it locks it).
import { schema } from "../plan/schema.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "./dom.js";

/**
 * @param {string} id a glossary entry ("aNumber", "powerOfAttorney", …)
 * @returns {HTMLElement | null}
 */
export function explainDetails(id) {
  const entry = Object.hasOwn(schema.glossary, id) ? schema.glossary[id] : null;
  if (!entry) return null;
  const details = element("details", { class: "explain" });
  details.append(element("summary", {}, planLabel(entry.title)), element("p", {}, planLabel(entry.text)));
  if (entry.resource) {
    const lang = document.documentElement.lang || "en";
    const link = element("a", { href: `/${lang}/resources/${entry.resource}/`, target: "_blank", rel: "noopener" }, t("editorExplainMore"));
    const more = element("p");
    more.append(link);
    details.append(more);
  }
  return details;
}
