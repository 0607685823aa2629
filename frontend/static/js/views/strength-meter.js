// The strength meter, and the words that explain a refusal.
import { t } from "../ui/strings.js";

const TEXT = {
  empty: "strengthEmpty",
  "too-short": "strengthTooShort",
  "too-weak": "strengthTooWeak",
  fair: "strengthFair",
  strong: "strengthStrong",
};
// Why a passphrase is refused (vault/passphrase-strength.js), in words.
const WEAKNESS = {
  short: "strengthTooShort",
  common: "strengthCommon",
  pattern: "strengthPattern",
  repeated: "strengthRepeated",
  guessable: "strengthTooWeak",
};

/**
 * @param {{level: string, weakness?: string | null}} assessment
 * @returns {string} what the meter says
 */
export function strengthText(assessment) {
  return t(WEAKNESS[assessment.weakness] || TEXT[assessment.level]);
}

/**
 * @param {{level: string, weakness?: string | null}} assessment a refused passphrase's
 * @returns {string} why it is refused, and what to do
 */
export function refusalText(assessment) {
  return assessment.weakness ? `${strengthText(assessment)} ${t("passphraseFix")}` : t("passphraseTooWeak");
}

/**
 * Shows an assessment in a `.strength` element (a bar styled by data-level, and a sentence).
 * @param {HTMLElement} meter
 * @param {{level: string, weakness?: string | null}} assessment
 */
export function showStrength(meter, assessment) {
  meter.dataset.level = assessment.level;
  meter.querySelector(".strength-text").textContent = strengthText(assessment);
}
