// Writes and removes the files of the vault's second copy, in the Origin
// Private File System. A worker, because only a worker can open a file for
// synchronous access, which rewrites the file's bytes where they are: in
// Chromium, createWritable() writes a swap file and renames it instead, and
// each rename is a write to the file system's own LevelDB index. Browsers
// without synchronous access (WebKitGTK) fall back to createWritable().
// No imports: one small file, loaded on the first save.
const DIRECTORY = "famplan-copy";

self.addEventListener("message", async ({ data }) => {
  const { id, op } = data;
  try {
    if (op === "write") await writeFile(data.file, data.bytes);
    else if (op === "remove") await removeFiles(data.files);
    else if (op === "clear") await clear();
    else throw new TypeError(`unknown operation ${op}`);
    self.postMessage({ id, ok: true });
  } catch (error) {
    self.postMessage({ id, ok: false, name: error?.name || "Error", message: String(error?.message || error) });
  }
});

async function directory() {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIRECTORY, { create: true });
}

async function writeFile(file, bytes) {
  const handle = await (await directory()).getFileHandle(file, { create: true });
  const access = await openForSyncAccess(handle);
  if (access) {
    try {
      const written = access.write(bytes, { at: 0 });
      if (written !== bytes.length) throw new DOMException("the file was written only in part", "QuotaExceededError");
      access.truncate(bytes.length);
      access.flush();
    } finally {
      access.close();
    }
    return;
  }
  const writable = await handle.createWritable();
  try {
    await writable.write(bytes);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => {});
    throw error;
  }
}

async function openForSyncAccess(handle) {
  if (!(await syncAccessWorks())) return null;
  return handle.createSyncAccessHandle();
}

// WebKitGTK has createSyncAccessHandle() but its backend refuses it
// (NotSupportedError), and a file it was refused on then refuses
// createWritable() too (InvalidStateError) while the browser runs. So it is
// asked once, of a scratch file, never of the vault's own files.
const PROBE = "sync-access-probe";
let probed = null;

function syncAccessWorks() {
  probed ??= probeSyncAccess().catch((error) => {
    probed = null;
    throw error;
  });
  return probed;
}

async function probeSyncAccess() {
  const folder = await directory();
  const handle = await folder.getFileHandle(PROBE, { create: true });
  try {
    if (typeof handle.createSyncAccessHandle !== "function") return false;
    (await handle.createSyncAccessHandle()).close();
    return true;
  } catch (error) {
    if (error?.name === "NotSupportedError") return false;
    throw error;
  } finally {
    await folder.removeEntry(PROBE).catch(() => {});
  }
}

async function removeFiles(files) {
  const folder = await directory();
  for (const file of files) {
    await folder.removeEntry(file).catch((error) => {
      if (error?.name !== "NotFoundError") throw error;
    });
  }
}

async function clear() {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(DIRECTORY, { recursive: true }).catch((error) => {
    if (error?.name !== "NotFoundError") throw error;
  });
}
