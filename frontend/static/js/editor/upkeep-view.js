// "Keep it current": when to review the plan, papers that expire, and whether
// the plan has changed since the last backup file.
import { sectionDef } from "../plan/schema.js";
import { formatDate, formatDay } from "../ui/dates.js";
import { fill, fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { personLabel } from "./field-view.js";
import { routeHash } from "./router.js";

function line(className, parts) {
  const p = element("p", { class: className });
  p.append(...parts);
  return p;
}

function documentName(kind) {
  const field = sectionDef("documents").fields.find((f) => f.id === "kind");
  const option = field.options.find((candidate) => candidate.value === kind);
  return option ? planLabel(option.label) : planLabel(field.label);
}

function expiryText(expiry, people) {
  const date = formatDate(expiry.date);
  if (expiry.source === "authority") return fill(t(expiry.expired ? "editorAuthorityEnded" : "editorAuthorityEnds"), { date });
  const person = people.find((candidate) => candidate.id === expiry.person);
  const document = documentName(expiry.kind);
  if (!person) return fill(t(expiry.expired ? "editorDocumentExpired" : "editorDocumentExpires"), { document, date });
  return fillParts(t(expiry.expired ? "editorPersonDocumentExpired" : "editorPersonDocumentExpires"), {
    document,
    date,
    person: element("bdi", {}, personLabel(person)),
  });
}

/**
 * @param {object} state
 * @param {{nextReview: string|null, due: boolean, lastReviewed: string|null}} state.review
 * @param {Array<object>} state.expiring from expiringPapers()
 * @param {Array<{id: string, name: string, index: number}>} state.people
 * @param {() => void} onReviewed "We reviewed the plan today"
 * @returns {{root: HTMLElement, showBackup: (state: {changedAt: number, exportedAt: number} | null) => void}}
 */
export function renderUpkeep({ review, expiring, people }, onReviewed) {
  const root = element("section", { class: "card upkeep", "aria-labelledby": "upkeep-title" });
  root.append(element("h3", { id: "upkeep-title" }, t("editorKeepCurrent")));
  if (review.due) {
    root.append(line("notice", [review.nextReview ? fill(t("editorReviewDue"), { date: formatDate(review.nextReview) }) : t("editorReviewNotSet")]));
  } else {
    root.append(line("upkeep-line", [fill(t("editorReviewNext"), { date: formatDate(review.nextReview) })]));
  }
  root.append(line("upkeep-line", [review.lastReviewed ? fill(t("editorLastReviewed"), { date: formatDate(review.lastReviewed) }) : t("editorNeverReviewed")]));
  const reviewed = element("button", { type: "button", class: "button", "data-action": "reviewed" }, t("editorMarkReviewed"));
  reviewed.addEventListener("click", onReviewed);
  root.append(reviewed);
  if (expiring.length) {
    const list = element("ul", { class: "warnings" });
    for (const expiry of expiring) {
      const item = element("li", { class: expiry.expired ? "warning expired" : "warning" });
      const text = expiryText(expiry, people);
      item.append(...(Array.isArray(text) ? text : [text]), " ");
      const section = expiry.source === "authority" ? "authority" : "documents";
      item.append(element("a", { href: routeHash({ name: "step", section }) }, planLabel(sectionDef(section).title)));
      list.append(item);
    }
    root.append(element("h4", {}, t("editorExpiringTitle")), list);
  }
  const backup = element("p", { class: "upkeep-line backup-line" });
  root.append(backup);
  return {
    root,
    showBackup(state) {
      if (!state) return;
      const changed = state.changedAt > state.exportedAt;
      const text = !state.exportedAt ? t("backupNever") : changed ? t("backupChanges") : fill(t("backupLast"), { date: formatDay(state.exportedAt) });
      const link = element("a", { href: `/${document.documentElement.lang}/settings/#backup` }, t("editorAboutBackups"));
      backup.className = changed || !state.exportedAt ? "notice backup-line" : "upkeep-line backup-line";
      backup.replaceChildren(text, " ", link);
    },
  };
}
