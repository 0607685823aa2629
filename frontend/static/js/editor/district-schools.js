// The district's schools, from the deployment file: the server puts them in the
// plan page as a JSON block in the page's language (pages may not fetch), so the
// list works offline. A plan entry is linked to the list by its school's name,
// which the deployment file keeps unique; nothing else is stored in the plan.

let data = null;

/**
 * @typedef {object} DistrictSchool
 * @property {string} name proper name, the same in every language
 * @property {string} source where its name, address and phone were read
 * @property {string} [kind] the plan's "Kind" value
 * @property {string} [address]
 * @property {string} [phone]
 * @property {{person: string, source: string, phone?: string, languages?: string}} [resource] the Safe Haven resource person
 * @property {string[]} [procedure] the school's own steps if law enforcement comes, where they differ from the district's
 */

/** @returns {{district: string, procedure: {heading: string, points: string[]} | null, schools: DistrictSchool[]}} */
export function districtData() {
  if (data === null) {
    const block = document.getElementById("district-schools");
    data = block ? JSON.parse(block.textContent) : { district: "", procedure: null, schools: [] };
  }
  return data;
}

/** @returns {DistrictSchool[]} */
export function districtSchools() {
  return districtData().schools;
}

/**
 * Text as a search compares it: accents, case and runs of spaces do not count
 * ("Ávila" finds "Avila"; "south div" finds "South Division").
 * @param {string} text
 * @returns {string}
 */
export function folded(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase().replace(/\s+/gu, " ").trim();
}

/**
 * The schools whose name or address holds every word typed, those whose name
 * starts with the words first; each with its index in `schools`.
 * @param {string} query
 * @param {DistrictSchool[]} schools
 * @returns {Array<{school: DistrictSchool, index: number}>}
 */
export function matchingSchools(query, schools) {
  const wanted = folded(query);
  const words = wanted.split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const found = [];
  schools.forEach((school, index) => {
    const name = folded(school.name);
    const text = `${name} ${folded(school.address ?? "")}`;
    if (words.every((word) => text.includes(word))) found.push({ school, index, first: name.startsWith(wanted) ? 0 : 1 });
  });
  return found.sort((a, b) => a.first - b.first || a.index - b.index).map(({ school, index }) => ({ school, index }));
}

/**
 * @param {unknown} name what a plan entry's name field holds
 * @returns {DistrictSchool | null} the district school of that name
 */
export function schoolNamed(name) {
  if (typeof name !== "string" || !name.trim()) return null;
  const key = folded(name);
  return districtSchools().find((school) => folded(school.name) === key) ?? null;
}

/**
 * What choosing a school puts in a plan entry: its own fields, so they travel
 * with the plan to a caregiver's copy. The caller fills only blank ones.
 * @param {DistrictSchool} school
 * @returns {Record<string, string>}
 */
export function schoolAnswers(school) {
  const answers = { name: school.name };
  const put = (field, value) => {
    if (typeof value === "string" && value.trim()) answers[field] = value;
  };
  put("kind", school.kind);
  put("address", school.address);
  put("phone", school.phone);
  put("resourcePerson", school.resource?.person);
  put("resourcePhone", school.resource?.phone);
  put("resourceLanguages", school.resource?.languages);
  return answers;
}
