import { t } from "../ui/strings.js";

const TEXT = {
  empty: "strengthEmpty",
  "too-short": "strengthTooShort",
  "too-weak": "strengthTooWeak",
  fair: "strengthFair",
  strong: "strengthStrong",
};

/**
 * Shows an assessment in a `.strength` element (a bar styled by data-level, and a sentence).
 * @param {HTMLElement} meter
 * @param {{level: string}} assessment
 */
export function showStrength(meter, assessment) {
  meter.dataset.level = assessment.level;
  meter.querySelector(".strength-text").textContent = t(TEXT[assessment.level]);
}
