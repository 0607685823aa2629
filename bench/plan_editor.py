"""Plan editor timings with the large plan: rendering each part's screen (and
the largest entry screens, check your answers, the overview and a child's
page), checking the whole plan, and saving after one edit, normally and with
4x CPU throttling.

    .venv/bin/python bench/plan_editor.py [--runs 7] [--device "Pixel 7"]

The large plan comes from scripts/make_large_plan.py (10 people, 40 contacts,
long notes). A render is timed inside the page from the hash change to the next
animation frame (the page built, styled and laid out). "Save after one edit" is
one typed character in a field that is then left (which saves at once, without
the 400 ms pause kept while typing) until the page says "Saved": the plan
change, its encryption and a committed IndexedDB transaction. Each figure is
the median of --runs.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys

from playwright.sync_api import Page, sync_playwright

from _common import ROOT, launch_args, start_server

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from make_large_plan import make_large_plan  # noqa: E402
from tests.browser.plan_helpers import CAPTURE_SESSION, create_vault, store_plan  # noqa: E402

from server import plan_schema as ps  # noqa: E402

RENDER = """async (hash) => {
  const go = (target) => new Promise((resolve) => {
    if (window.location.hash === target) return resolve();
    window.addEventListener("hashchange", resolve, { once: true });
    window.location.hash = target;
  });
  await go(hash === "#overview" ? "#step=notes" : "#overview");
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const start = performance.now();
  await go(hash);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  return performance.now() - start;
}"""

SAVE_AFTER_EDIT = """async (selector) => {
  const saved = JSON.parse(document.getElementById("ui-strings").textContent).saved;
  const status = document.getElementById("save-status");
  const input = document.querySelector(selector);
  status.textContent = "";
  const start = performance.now();
  input.value += "x";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await new Promise((resolve) => {
    const check = () => (status.textContent === saved ? resolve() : setTimeout(check, 1));
    check();
  });
  return performance.now() - start;
}"""

CHECK = """async ([urls, runs]) => {
  const { validatePlan } = await import(urls.validate);
  const { completeness, gaps } = await import(urls.completeness);
  const plan = await window.__famplanSession.load();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    validatePlan(plan); completeness(plan); gaps(plan);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(page: Page, urls: dict[str, str], runs: int) -> dict[str, float]:
    plan = make_large_plan()
    sections = plan["sections"]
    child = next(p["id"] for p in sections["people"] if p["role"] == "child")
    routes = ["#overview", *(f"#step={s['id']}" for s in ps.section_defs() if ps.section_applies(s, sections)),
              f"#item=people/{sections['people'][0]['id']}", f"#item=contacts/{sections['contacts'][0]['id']}",
              f"#item=school/{sections['school'][0]['id']}", "#check=care", "#start=children", f"#child={child}"]
    figures = {route: median([page.evaluate(RENDER, route) for _ in range(runs)]) for route in routes}
    person = f"#item=people/{sections['people'][0]['id']}"
    page.evaluate("(hash) => { window.location.hash = hash; }", person)
    page.wait_for_selector(f'[data-route="{person}"]')
    figures["save after one edit (a person)"] = median(
        [page.evaluate(SAVE_AFTER_EDIT, '[data-pointer="/sections/people/0/legalName"] input') for _ in range(runs)])
    page.evaluate("window.location.hash = '#step=notes'")
    page.wait_for_selector('[data-route="#step=notes"]')
    figures["save after one edit (15 KB notes)"] = median(
        [page.evaluate(SAVE_AFTER_EDIT, '[data-pointer="/sections/notes/text"] textarea') for _ in range(runs)])
    figures["check the whole plan (validate + completeness + gaps)"] = page.evaluate(CHECK, [urls, runs * 5])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--device", default="Pixel 7")
    options = parser.parse_args()
    plan = make_large_plan()
    server = start_server()
    results: dict[str, dict[str, float]] = {}
    try:
        urls = {name: server.asset(f"js/plan/{name}.js") for name in ("validate", "completeness")}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            for slowdown in (1, 4):
                context = browser.new_context(**playwright.devices[options.device])
                context.add_init_script(CAPTURE_SESSION)
                page = context.new_page()
                create_vault(page, server.url)
                store_plan(page, plan)
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
                results[f"{slowdown}x"] = measure(page, urls, options.runs)
                context.close()
            version = browser.version
            browser.close()
    finally:
        server.stop()
    size = len(json.dumps(plan, ensure_ascii=False).encode())
    print(f"Plan editor, large plan ({size / 1024:.0f} KiB of JSON), {options.device}, Chromium {version}, "
          f"{platform.machine()}, median of {options.runs} runs, milliseconds")
    print(f"{'':58} {'1x CPU':>8} {'4x slower':>10}")
    for name in results["1x"]:
        print(f"{name:58} {results['1x'][name]:8.1f} {results['4x'][name]:10.1f}")


if __name__ == "__main__":
    main()
