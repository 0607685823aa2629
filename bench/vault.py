"""Vault timings: unlock (passphrase -> plan object) and save (encrypt + a
committed, flushed IndexedDB transaction) for a large plan, normally and with
4x CPU throttling.

    .venv/bin/python bench/vault.py [--runs 15] [--device "Pixel 7"]

The large plan comes from scripts/make_large_plan.py (10 people, 40 contacts,
long notes). Each figure is the median of --runs, timed inside the page with
performance.now(). Chromium's CPU throttling (CDP Emulation.setCPUThrottlingRate)
slows the page's main thread; WebCrypto runs PBKDF2 and AES-GCM on other threads,
so the vault is also created *under* throttling, where calibration sees it.
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
from make_large_plan import make_large_plan  # noqa: E402

PASSPHRASE = "acid acorn acre acts afar affix"

CREATE = """async ([url, passphrase]) => {
  const vault = await import(url);
  await vault.deleteEverything();
  const start = performance.now();
  const session = await vault.createVault(passphrase);
  const created = performance.now() - start;
  session.lock();
  const stored = await new Promise((resolve, reject) => {
    const request = indexedDB.open("famplan");
    request.onsuccess = () => {
      const get = request.result.transaction("meta").objectStore("meta").get("vault");
      get.onsuccess = () => { resolve(get.result.kdf.iterations); request.result.close(); };
      get.onerror = () => reject(get.error);
    };
    request.onerror = () => reject(request.error);
  });
  return { created, iterations: stored };
}"""

MEASURE = """async ([url, kdfUrl, passphrase, plan, runs]) => {
  const vault = await import(url);
  const session = await vault.unlock(passphrase);
  const saves = [];
  for (let i = 0; i < runs; i++) {
    plan.meta.updatedAt = new Date().toISOString();
    const start = performance.now();
    await session.save(plan);
    saves.push(performance.now() - start);
  }
  session.lock();
  const unlocks = [];
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const opened = await vault.unlock(passphrase);
    const unlocked = performance.now();
    const loaded = await opened.load();
    unlocks.push(performance.now() - start);
    loads.push(performance.now() - unlocked);
    if (loaded.sections.people.length !== plan.sections.people.length) throw new Error("plan changed");
    opened.lock();
  }
  const kdf = await import(kdfUrl);
  const kdfTimes = {};
  for (const iterations of [kdf.MIN_ITERATIONS, kdf.CALIBRATION_CEILING]) {
    kdfTimes[iterations] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await kdf.deriveWrappingKey(passphrase, kdf.newSalt(), iterations);
      kdfTimes[iterations].push(performance.now() - start);
    }
  }
  return { saves, unlocks, loads, kdfTimes };
}"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(page: Page, url: str, kdf_url: str, plan: dict, runs: int, rate: int) -> dict:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    try:
        created = page.evaluate(CREATE, [url, PASSPHRASE])
        timings = page.evaluate(MEASURE, [url, kdf_url, PASSPHRASE, plan, runs])
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return {**created, **timings}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--device", default="Pixel 7")
    options = parser.parse_args()
    plan = make_large_plan()
    size = len(json.dumps(plan, ensure_ascii=False).encode())
    server = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            context = browser.new_context(**playwright.devices[options.device])
            page = context.new_page()
            page.goto(f"{server.url}/en/")
            url, kdf_url = server.asset("js/vault/vault.js"), server.asset("js/crypto/kdf.js")
            results = {rate: measure(page, url, kdf_url, plan, options.runs, rate) for rate in (1, 4)}
            version = browser.version
            browser.close()
    finally:
        server.stop()
    print(f"Chromium {version}, {platform.machine()}, {platform.system()}; large plan {size} bytes of JSON; median of {options.runs} runs")
    for rate, result in results.items():
        label = "normal" if rate == 1 else f"{rate}x CPU throttling"
        kdf = "   ".join(f"PBKDF2 {int(n):,}: {median(times):6.1f} ms" for n, times in result["kdfTimes"].items())
        print(
            f"{label:<20} create {result['created']:6.1f} ms (calibrated {result['iterations']:,} iterations)"
            f" | unlock+load {median(result['unlocks']):6.1f} ms (max {max(result['unlocks']):.1f}; load alone {median(result['loads']):.1f})"
            f" | save {median(result['saves']):5.1f} ms (max {max(result['saves']):.1f})"
            f" | {kdf}"
        )


if __name__ == "__main__":
    main()
