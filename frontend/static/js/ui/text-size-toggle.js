const KEY = "famplan.textSize";

/** The "Larger text" switch in the footer of every page. */
export function startTextSizeToggle() {
  const button = document.getElementById("text-size-toggle");
  if (!button) return;
  const root = document.documentElement;
  const show = () => button.setAttribute("aria-pressed", String(root.classList.contains("text-large")));
  button.hidden = false;
  show();
  button.addEventListener("click", () => {
    const large = root.classList.toggle("text-large");
    try {
      if (large) window.localStorage.setItem(KEY, "large");
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // Storage blocked: the choice lasts for this page only.
    }
    show();
  });
}
