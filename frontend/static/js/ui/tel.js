// A phone number as a link that dials it. The number shows as the family typed
// it; the link carries its digits in ASCII, and an extension after a pause
// (",": Android's and iOS's dialers wait, then dial it).
import { typeSpec } from "../plan/schema.js";
import { asciiDigits, checkValue, trim, withoutExtension } from "../plan/values.js";

/**
 * @param {unknown} phone an answer of type tel
 * @returns {string | null} a tel: URL, or null for a number that is not valid (no link)
 */
export function telHref(phone) {
  if (typeof phone !== "string" || checkValue("tel", phone) !== null) return null;
  const text = trim(phone);
  const main = withoutExtension(typeSpec("tel"), text);
  const digits = (part) => asciiDigits(part).replace(/[^0-9+]/g, "");
  const extension = digits(text.slice(main.length));
  return `tel:${digits(main)}${extension ? `,${extension}` : ""}`;
}
