import { t } from "./strings.js";

/**
 * Copy buttons beside phone numbers. They stay hidden where the Clipboard API
 * is missing (the number can still be pressed and held), so nothing is offered
 * that cannot work.
 */
export function startCopyButtons() {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
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
