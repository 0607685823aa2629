// A note outside IndexedDB that this phone holds a vault. A browser that cannot
// open an IndexedDB database (after a crash, say) may discard it and start an
// empty one; without this note the app would greet the family as if they were
// new. It says only that a vault was made here: no plan data, no passphrase.
const KEY = "famplan.vault";

export function rememberVault() {
  try {
    window.localStorage.setItem(KEY, "1");
  } catch (error) {
    // Storage blocked: a lost vault would then look like a new phone, as before.
  }
}

export function forgetVault() {
  try {
    window.localStorage.removeItem(KEY);
  } catch (error) {
    // Nothing was remembered.
  }
}

/** @returns {boolean} whether a vault was made on this phone and not deleted from the app */
export function rememberedVault() {
  try {
    return window.localStorage.getItem(KEY) === "1";
  } catch (error) {
    return false;
  }
}
