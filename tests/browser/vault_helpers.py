"""What the vault's browser tests share: making and opening a vault through
the page, and reading IndexedDB exactly as it is stored."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import BrowserContext, CDPSession, Locator, Page, expect

from tests.browser.helpers import wait_for_worker

# Six words from the EFF short list (about 62 bits): accepted and "strong".
PASSPHRASE = "tidal snare plank gravy swoop maker"
OTHER_PASSPHRASE = "rover quill dense mango tulip crisp"

# Every store of every famplan database, values serialised so that bytes
# survive JSON (as base64 and as Latin-1 text, for searching).
DUMP_IDB = """async () => {
  const encode = (value) => {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      const bytes = new Uint8Array(value);
      let latin1 = "";
      for (const byte of bytes) latin1 += String.fromCharCode(byte);
      return { $bytes: btoa(latin1), $latin1: latin1 };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };
  const out = {};
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    out[name] = {};
    for (const storeName of db.objectStoreNames) {
      const store = db.transaction(storeName).objectStore(storeName);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((request) => new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      })));
      out[name][storeName] = keys.map((key, i) => [encode(key), encode(values[i])]);
    }
    db.close();
  }
  return out;
}"""

# Applies ops to `value`: [op, path, argument] with op "flip" (XOR one byte at
# index argument), "set" or "truncate" (keep argument bytes).
APPLY_OPS = """(value, ops) => {
  for (const [op, path, argument] of ops) {
    const parent = path.slice(0, -1).reduce((object, part) => object[part], value);
    const last = path[path.length - 1];
    if (op === "flip") { const bytes = new Uint8Array(parent[last]); bytes[argument] ^= 0x01; parent[last] = bytes; }
    else if (op === "set") parent[last] = argument;
    else if (op === "truncate") parent[last] = parent[last].slice(0, argument);
    else throw new Error(op);
  }
}"""

# Changes one stored value in IndexedDB (the primary copy). With a format
# module URL, the vault entry's check is recomputed as a forger would.
TAMPER_IDB = """async ([storeName, key, ops, formatUrl]) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("famplan");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
  const read = db.transaction(storeName).objectStore(storeName).get(key);
  const value = await new Promise((resolve) => { read.onsuccess = () => resolve(read.result); });
  (%s)(value, ops);
  if (formatUrl) {
    const { vaultCheck } = await import(formatUrl);
    const { check, ...fields } = value;
    value.check = await vaultCheck(fields);
  }
  const tx = db.transaction(storeName, "readwrite");
  if (tx.objectStore(storeName).keyPath) tx.objectStore(storeName).put(value);
  else tx.objectStore(storeName).put(value, key);
  await done(tx);
  db.close();
}""" % APPLY_OPS

# The same for the second copy (OPFS): the item's newest slot file is
# rewritten in place with its checksum recomputed, as a careful forger would.
TAMPER_COPY = """async ([item, ops, formatUrl, copyFormatUrl]) => {
  const { SLOTS, chooseSlots, decodeSlot, encodeSlot, slotFile } = await import(copyFormatUrl);
  const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle("famplan-copy");
  const slots = [];
  for (const slot of SLOTS) {
    try {
      const file = await (await folder.getFileHandle(slotFile(item, slot))).getFile();
      slots.push({ slot, entry: await decodeSlot(new Uint8Array(await file.arrayBuffer()), item) });
    } catch { slots.push({ slot, entry: null }); }
  }
  const { newest } = chooseSlots(slots);
  if (!newest) throw new Error(`no copy of ${item}`);
  const { slot } = slots.find((candidate) => candidate.entry === newest);
  (%s)(newest.value, ops);
  if (formatUrl) {
    const { vaultCheck } = await import(formatUrl);
    const { check, ...fields } = newest.value;
    newest.value.check = await vaultCheck(fields);
  }
  const writable = await (await folder.getFileHandle(slotFile(item, slot))).createWritable();
  await writable.write(await encodeSlot(newest));
  await writable.close();
}""" % APPLY_OPS

# Every file of the origin's private file system (the second copy), as text.
DUMP_COPY = """async () => {
  const out = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === "directory") await walk(handle, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = new TextDecoder().decode(await (await handle.getFile()).arrayBuffer());
    }
  };
  await walk(await navigator.storage.getDirectory(), "");
  return out;
}"""


def tamper(page: Page, store: str, key: str, ops: list[list[Any]], reseal_with: str | None = None) -> None:
    """Changes a value of the primary copy (IndexedDB) only."""
    page.evaluate(TAMPER_IDB, [store, key, ops, reseal_with])


def tamper_copy(page: Page, copy_format_url: str, item: str, ops: list[list[Any]], reseal_with: str | None = None) -> None:
    """Changes an item of the second copy (OPFS) only: "vault", "meta" or "record-<id>".
    `copy_format_url`: the app's js/storage/copy-format.js (LiveServer.asset)."""
    page.evaluate(TAMPER_COPY, [item, ops, reseal_with, copy_format_url])


def dump_copy(page: Page) -> dict[str, str]:
    """The second copy's files (in the origin's private file system), as text."""
    return page.evaluate(DUMP_COPY)


# Writes back what DUMP_IDB read from the famplan database (its stores must exist).
RESTORE_IDB = """async (dump) => {
  const decode = (value) => {
    if (value && typeof value === "object" && "$bytes" in value) return Uint8Array.from(atob(value.$bytes), (c) => c.charCodeAt(0));
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    return value;
  };
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("famplan");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(Object.keys(dump), "readwrite");
  for (const [storeName, entries] of Object.entries(dump)) {
    const store = tx.objectStore(storeName);
    store.clear();
    for (const [key, value] of entries) {
      if (store.keyPath) store.put(decode(value)); else store.put(decode(value), decode(key));
    }
  }
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
  db.close();
}"""


def dump_idb(page: Page) -> dict[str, Any]:
    return page.evaluate(DUMP_IDB)


def restore_vault(page: Page, base_url: str, famplan: dict[str, Any], lang: str = "en") -> None:
    """Puts a vault saved with dump_idb on this (empty) origin, and opens the plan page on it, locked."""
    page.goto(f"{base_url}/{lang}/plan/")
    expect(page.locator("#vault-setup")).to_be_visible()  # the page has made the (empty) database
    page.evaluate(RESTORE_IDB, famplan)
    page.reload()
    expect(page.locator("#vault-unlock")).to_be_visible()


def saved_state(page: Page) -> str:
    """The vault entry and every record, as stored in both copies (the failed-unlock counter left out)."""
    famplan = dump_idb(page).get("famplan", {})
    meta = [entry for entry in famplan.get("meta", []) if entry[0] != "attempts"]
    return json.dumps({"meta": meta, "records": famplan.get("records", []), "copy": dump_copy(page)}, sort_keys=True)


def ui_string(page: Page, key: str) -> str:
    """The page's own translation of a UI string: messages must come from the user's language."""
    return json.loads(page.locator("#ui-strings").text_content() or "{}")[key]


# Keeps the session the plan page hands to editors (famplan:unlocked) where a test can reach it.
KEEP_SESSION = 'document.addEventListener("famplan:unlocked", (event) => { window.__session = event.detail; });'

# The plan editor's field for plan.sections.notes.text, on its own step.
NOTES = '[data-pointer="/sections/notes/text"] textarea'


def notes(page: Page) -> Locator:
    """Opens the notes step of the plan editor and returns its field."""
    if page.locator(NOTES).count() == 0:
        page.evaluate("location.hash = '#step=notes'")
    field = page.locator(NOTES)
    expect(field).to_be_visible()
    return field


def create_vault(page: Page, base_url: str, passphrase: str = PASSPHRASE, lang: str = "en") -> None:
    page.goto(f"{base_url}/{lang}/plan/")
    expect(page.locator("#vault-setup")).to_be_visible()
    page.locator("#setup-passphrase").fill(passphrase)
    page.locator("#vault-setup button[type=submit]").click()
    expect(page.locator("#plan-editor > *").first).to_be_visible()


def unlock(page: Page, passphrase: str = PASSPHRASE) -> None:
    expect(page.locator("#vault-unlock")).to_be_visible()
    page.locator("#unlock-passphrase").fill(passphrase)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#plan-editor > *").first).to_be_visible()


def try_unlock(page: Page, passphrase: str) -> None:
    """Submits a passphrase expected to be refused, and waits for the refusal."""
    expect(page.locator("#vault-unlock")).to_be_visible()
    page.locator("#unlock-passphrase").fill(passphrase)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#unlock-error")).not_to_be_empty()


def type_notes(page: Page, text: str) -> None:
    """Types into the plan, leaves the field (which saves at once), and waits
    until the page says this save is complete. (Waiting for "Saved" alone could
    see the previous save's message, before the new save has started.)"""
    field = notes(page)
    field.fill(text)
    field.dispatch_event("change")
    expect(page.locator("#save-status")).to_have_text(ui_string(page, "saved"))


def decrypted_text_in_page(page: Page) -> str:
    """All the text a locked page could still hold: markup, and every field's value."""
    return page.evaluate("""() => document.documentElement.outerHTML + "\\n" +
      [...document.querySelectorAll("input, textarea, select")].map((field) => field.value).join("\\n")""")


def limit_storage(context: BrowserContext, page: Page, base_url: str, room: int) -> CDPSession:
    """Leaves `room` bytes of quota for the origin, enforced by Chromium itself.

    Chromium reads an origin's quota when IndexedDB first opens for it, so the
    limit is set on the home page (which opens no database), once the worker
    has cached the app.
    """
    page.goto(f"{base_url}/es/")
    wait_for_worker(page)
    # The worker keeps caching the language's pages for a moment: wait until usage is steady.
    usage = page.evaluate("""async () => {
      let last = -1;
      for (let i = 0; i < 50; i++) {
        const { usage } = await navigator.storage.estimate();
        if (usage === last) return usage;
        last = usage;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      return last;
    }""")
    cdp = context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": base_url, "quotaSize": usage + room})
    return cdp


def paste(page: Page, text: str) -> None:
    """Puts a long text into the notes field at once, as pasting does."""
    notes(page).evaluate("(field, text) => { field.value = text; field.dispatchEvent(new Event('input', { bubbles: true })); }", text)
