// Handing a file over: the phone's share sheet (messaging apps, email) where
// the browser can share this file, else a download.

/**
 * @param {File} file
 * @returns {boolean}
 */
export function canShareFile(file) {
  return typeof navigator.canShare === "function" && typeof navigator.share === "function" && navigator.canShare({ files: [file] });
}

/**
 * @param {File} file
 * @returns {Promise<"shared" | "cancelled">} rejects if sharing failed for another reason
 */
export async function shareFile(file) {
  try {
    await navigator.share({ files: [file] });
    return "shared";
  } catch (error) {
    if (error?.name === "AbortError") return "cancelled";
    throw error;
  }
}

/** @param {File} file */
export function downloadFile(file) {
  const url = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has copied the Blob by the time it starts the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
