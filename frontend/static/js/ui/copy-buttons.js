import { t } from "./strings.js";

/**
 * Copy buttons beside phone numbers. They stay hidden where the Clipboard API
 * is missing (the number can still be pressed and held), so nothing is offered
 * that cannot work.
 * @param {ParentNode} [root] the page, or help cloned into it later
 */
export function startCopyButtons(root = document) {
  if (!navigator.clipboard) return;
  for (const button of root.querySelectorAll("button[data-copy]")) {
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        button.textContent = t("copied");
      } catch (error) {
        button.textContent = t("copyFailed");
      }
      setTimeout(() => {
        button.textContent = label;
      }, 2500);
    });
  }
}
