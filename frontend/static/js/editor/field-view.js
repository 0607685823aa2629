// One answer of the plan as a form control, chosen from its schema type. Text
// reaches the page only as text (values, textContent); what was typed is kept
// exactly, valid or not. Problems show when the person presses Continue (never
// while they type or leave a field, so nothing moves under their finger), and
// at once for an answer that was stored with a problem.
import { lawBehind, problemSpec, sectionDef, schema } from "../plan/schema.js";
import { asciiDigits, isBlank, normalizeANumber } from "../plan/values.js";
import { fill, fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element, elementWith } from "../views/dom.js";
import { explainDetails } from "../views/glossary.js";
import { SchoolChooser } from "./school-chooser.js";

// Radio buttons up to this many options, a select above (a long list of radios
// pushes the rest of the step far down a phone screen).
const MAX_RADIOS = 3;
// A date as three boxes (day, month, year), so what the person types never
// depends on the browser's locale format. Stored as YYYY-MM-DD once whole; a
// half-typed date is kept as its parts ("2025--7"), flagged, and shown again.
const DATE_PARTS = /^([^-]*)-([^-]*)-([^-]*)$/;
const DATE_ORDERS = { mdy: ["month", "day", "year"], dmy: ["day", "month", "year"], ymd: ["year", "month", "day"] };
// What the browser keeps in an <input>: free text everywhere, so nothing typed
// is changed by the browser (type=email would trim spaces).
const INPUTS = {
  text: { type: "text", dir: "auto" },
  tel: { type: "tel", inputmode: "tel", dir: "ltr" },
  email: { type: "text", inputmode: "email", dir: "ltr", autocapitalize: "none" },
  anumber: { type: "text", dir: "ltr", autocapitalize: "characters" },
  number: { type: "text", inputmode: "decimal", dir: "ltr" },
};
// Spell checkers may send what is typed to a cloud service (Chrome's enhanced
// spell check, Edge's editor): never on plan data.
const NO_SPELLCHECK = { spellcheck: "false", autocorrect: "off" };
const NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;

/**
 * A typed amount is stored as a JSON number when that loses nothing ("1500"),
 * else as the text itself ("1500.50", "-0", "1,500"), so it always shows as typed.
 * @param {string} text
 * @returns {string | number}
 */
function amount(text) {
  // "$500" or "1,200" stay as typed: the schema accepts them, and nothing is lost.
  return NUMBER.test(text) && String(Number(text)) === text ? Number(text) : text;
}

let lastId = 0;

/** @returns {string} a new id for an element of the editor */
export function newElementId() {
  lastId += 1;
  return `pe-${lastId}`;
}

/**
 * A person's name for a choice list: the legal name, or "Person 2" before one is typed.
 * @param {{name: string, index: number}} person
 * @returns {string}
 */
export function personLabel(person) {
  if (person.name) return person.name;
  return fill(t("editorItemNumber"), { item: planLabel(sectionDef(schema.personSection).itemTitle), number: person.index + 1 });
}

/**
 * Text shown for a stored value that is not text (a number in a name field, say).
 * @param {unknown} value
 * @returns {string}
 */
function asText(value) {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

// Bidi isolates keep a name with right-to-left or override characters from
// reordering the text around it where <bdi> cannot be used (option labels).
function isolated(text) {
  return `\u2068${text}\u2069`;
}

/**
 * @typedef {object} FieldHandlers
 * @property {(path: Array<string|number>, value: unknown) => void} answer the value changed (each keystroke)
 * @property {(view: FieldView) => void} commit the person left the field or made a choice
 */

export class FieldView {
  /**
   * @param {object} field schema field (not a nested list)
   * @param {object} options
   * @param {Array<string|number>} options.path where the answer lives in the plan
   * @param {string} options.pointer the same, as a JSON Pointer
   * @param {unknown} options.value the stored answer
   * @param {Array<{id: string, role: unknown, name: string, index: number}>} options.people
   * @param {FieldHandlers} options.handlers
   * @param {string} [options.label] the question in other words (the interview's), else the schema's label
   * @param {Array<{label: string}>} [options.suggestions] answers to offer with one tap: while it is blank
   *   (names already typed), or as the name is typed (the district's schools)
   */
  constructor(field, { path, pointer, value, people, handlers, label, suggestions = [] }) {
    this.suggestions = suggestions;
    this.field = field;
    this.path = path;
    this.pointer = pointer;
    this.value = value;
    this.handlers = handlers;
    this.label = label;
    this.live = false;
    this.id = newElementId();
    this.root = element("div", { class: `field field-${field.type}`, "data-pointer": pointer });
    this.problem = element("p", { class: "field-problem", id: `${this.id}-problem` });
    const canonicalHint = field.type === "anumber" ? `${this.id}-canonical` : "";
    this.describedBy = [field.help ? `${this.id}-help` : "", canonicalHint, `${this.id}-problem`].filter(Boolean).join(" ");
    if (field.type === "yesno" || (field.type === "choice" && field.options.length <= MAX_RADIOS)) this.#radios();
    else if (field.type === "personrefs") this.#checkboxes(people);
    else if (field.type === "choice" || field.type === "personref") this.#select(people);
    else if (field.type === "date" && (isBlank(value) || (typeof value === "string" && DATE_PARTS.test(value)))) this.#dateBoxes();
    else this.#input();
  }

  #labelText() {
    const text = [this.label ?? planLabel(this.field.label)];
    if (this.field.required) text.push(" ", element("span", { class: "required" }, t("editorRequired")));
    return text;
  }

  #help() {
    const parts = this.field.help ? [element("p", { class: "hint", id: `${this.id}-help` }, planLabel(this.field.help))] : [];
    return [...parts, ...this.#explain()];
  }

  /** "What is this?": a word the family may not know, explained where it first appears. */
  #explain() {
    const details = this.field.explain ? explainDetails(this.field.explain) : null;
    return details ? [details] : [];
  }

  #input() {
    const { field, value } = this;
    const longText = field.type === "longtext";
    // A stored date that is not in the boxes' form (typed as text by an older app) stays text.
    const attributes = longText ? { dir: "auto", rows: field.maxLength > 4000 ? "10" : "4" } : { ...INPUTS[field.type] ?? INPUTS.text };
    const control = element(longText ? "textarea" : "input", {
      id: this.id,
      name: this.id,
      autocomplete: "off",
      "aria-describedby": this.describedBy,
      ...NO_SPELLCHECK,
      ...attributes,
    });
    control.value = asText(value);
    control.addEventListener("input", () => this.#typed(control));
    control.addEventListener("change", () => this.handlers.commit(this));
    this.control = control;
    this.focusTarget = control;
    const label = element("label", { for: this.id });
    label.append(...this.#labelText());
    this.root.append(label, ...this.#help(), control, ...this.#suggestionButtons(), ...this.#schoolChooser(control));
    if (field.type === "anumber") {
      this.canonical = element("p", { class: "hint", id: `${this.id}-canonical` });
      this.root.append(this.canonical);
      this.#showCanonical();
    }
    this.root.append(this.problem);
  }

  /** A name already typed elsewhere in the plan, one tap away (the person is not typed twice). */
  #suggestionButtons() {
    if (this.field.suggest === "schools" || !this.suggestions.length || !isBlank(this.value)) return [];
    const box = element("div", { class: "suggestions" });
    box.append(element("p", { class: "hint" }, t(this.field.suggest === "earlier" ? "editorSuggestEarlier" : "editorSuggestNames")));
    this.suggestions.forEach((suggestion, index) => {
      const button = element("button", { type: "button", class: "button button-small", "data-action": "suggest", dir: "auto" }, suggestion.label);
      button.addEventListener("click", () => this.handlers.suggest(this, index));
      box.append(button);
    });
    return [box];
  }

  /** The district's schools, found as the name is typed (free text stays an answer). */
  #schoolChooser(control) {
    if (this.field.suggest !== "schools" || !this.suggestions.length) return [];
    this.chooser = new SchoolChooser({ id: this.id, choose: (index) => this.handlers.suggest(this, index) });
    control.setAttribute("aria-describedby", `${this.describedBy} ${this.chooser.hintId}`);
    this.chooser.update(this.value);
    return [this.chooser.root];
  }

  #typed(control) {
    this.#answer(this.field.type === "number" ? amount(control.value) : control.value);
    if (this.canonical) this.#showCanonical();
    this.chooser?.update(control.value);
  }

  #dateBoxes() {
    const group = this.#group("date");
    const stored = typeof this.value === "string" ? DATE_PARTS.exec(this.value) : null;
    const parts = { year: stored?.[1] ?? "", month: stored?.[2] ?? "", day: stored?.[3] ?? "" };
    const order = DATE_ORDERS[document.documentElement.dataset.dateOrder] ?? DATE_ORDERS.dmy;
    const boxes = element("div", { class: "date-boxes", dir: "ltr" });
    this.inputs = order.map((part) => {
      const id = `${this.id}-${part}`;
      const input = element("input", {
        id, name: id, type: "text", inputmode: "numeric", autocomplete: "off", class: `date-${part}`,
        maxlength: part === "year" ? "4" : "2", "aria-describedby": this.describedBy, ...NO_SPELLCHECK,
      });
      // Shown without a leading zero, as people type it.
      input.value = part === "year" ? parts.year : parts[part].replace(/^0(?=[0-9])/, "");
      input.dataset.part = part;
      input.addEventListener("input", () => this.#answer(composeDate(this.inputs)));
      input.addEventListener("change", () => this.handlers.commit(this));
      const box = element("div", { class: "date-part" });
      box.append(element("label", { for: id }, t(`editorDate${part[0].toUpperCase()}${part.slice(1)}`)), input);
      boxes.append(box);
      return input;
    });
    group.append(boxes);
    this.focusTarget = this.inputs[0];
  }

  #showCanonical() {
    const canonical = normalizeANumber(this.value);
    this.canonical.textContent = canonical && canonical !== this.value ? fill(t("editorANumberCanonical"), { number: canonical }) : "";
  }

  #answer(value) {
    this.value = value;
    this.handlers.answer(this.path, value);
  }

  #group(kind) {
    const group = element("fieldset", { class: `choices choices-${kind}`, id: this.id, "aria-describedby": this.describedBy });
    const legend = element("legend");
    legend.append(...this.#labelText());
    group.append(legend, ...this.#help());
    this.root.append(group, this.problem);
    return group;
  }

  #choiceEntries() {
    if (this.field.type === "yesno") return [[true, t("editorYes")], [false, t("editorNo")]];
    return this.field.options.map((option) => [option.value, planLabel(option.label)]);
  }

  #radios() {
    const group = this.#group("radio");
    const entries = this.#choiceEntries();
    this.inputs = entries.map(([stored, text], index) => {
      const input = element("input", { type: "radio", name: this.id, id: `${this.id}-${index}`, value: String(index) });
      input.checked = stored === this.value;
      input.addEventListener("change", () => {
        this.#answer(stored);
        this.handlers.commit(this);
      });
      const label = element("label", { class: "choice", for: input.id });
      label.append(input, element("span", {}, text));
      group.append(label);
      return input;
    });
    this.focusTarget = this.inputs.find((input) => input.checked) ?? this.inputs[0];
  }

  #select(people) {
    const entries = this.field.type === "personref" ? this.#personEntries(people) : this.#choiceEntries();
    if (!isBlank(this.value) && !entries.some(([stored]) => stored === this.value)) {
      entries.push([this.value, this.#keptLabel(people)]);
    }
    const control = element("select", { id: this.id, name: this.id, autocomplete: "off", "aria-describedby": this.describedBy });
    control.append(element("option", { value: "" }, t("editorChoose")));
    entries.forEach(([stored, text], index) => {
      const option = element("option", { value: String(index) }, text);
      option.selected = stored === this.value;
      control.append(option);
    });
    control.addEventListener("change", () => {
      this.#answer(control.value === "" ? undefined : entries[Number(control.value)][0]);
      this.handlers.commit(this);
    });
    const label = element("label", { for: this.id });
    label.append(...this.#labelText());
    this.root.append(label, ...this.#help(), control);
    if (this.field.type === "personref") this.root.append(...this.#noPeopleHint(people));
    this.root.append(this.problem);
    this.control = control;
    this.focusTarget = control;
  }

  #eligible(people) {
    return people.filter((person) => this.field.for === undefined || person.role === this.field.for);
  }

  #personEntries(people) {
    return this.#eligible(people).map((person) => [person.id, isolated(personLabel(person))]);
  }

  #keptLabel(people) {
    if (this.field.type !== "personref") return fill(t("editorKeptValue"), { value: isolated(asText(this.value)) });
    const person = people.find((candidate) => candidate.id === this.value);
    return person ? isolated(personLabel(person)) : t("editorUnknownPerson");
  }

  #noPeopleHint(people) {
    if (this.#eligible(people).length > 0) return [];
    const key = this.field.for === "child" ? "editorNoChildrenYet" : "editorNoPeopleYet";
    const section = sectionDef(schema.personSection);
    const link = element("a", { href: `#step=${section.id}` }, planLabel(section.title));
    const hint = element("p", { class: "hint" });
    hint.append(...fillParts(t(key), { section: link }));
    return [hint];
  }

  #checkboxes(people) {
    const group = this.#group("checkbox");
    const stored = Array.isArray(this.value) ? this.value : [];
    const entries = this.#eligible(people).map((person) => [person.id, personLabel(person)]);
    for (const ref of stored) {
      if (!entries.some(([id]) => id === ref)) {
        const person = people.find((candidate) => candidate.id === ref);
        entries.push([ref, person ? personLabel(person) : t("editorUnknownPerson")]);
      }
    }
    this.inputs = entries.map(([id, text], index) => {
      const input = element("input", { type: "checkbox", id: `${this.id}-${index}`, value: String(index) });
      input.checked = stored.includes(id);
      input.addEventListener("change", () => {
        const current = Array.isArray(this.value) ? this.value : [];
        const next = input.checked ? [...current, id] : current.filter((ref) => ref !== id);
        this.#answer(next.length ? next : undefined);
        this.handlers.commit(this);
      });
      const label = element("label", { class: "choice", for: input.id });
      label.append(input, element("bdi", {}, text));
      group.append(label);
      return input;
    });
    if (!Array.isArray(this.value) && !isBlank(this.value)) {
      group.append(element("p", { class: "hint" }, fill(t("editorKeptValue"), { value: isolated(asText(this.value)) })));
    }
    group.append(...this.#noPeopleHint(people));
    this.focusTarget = this.inputs[0] ?? group;
  }

  /** @param {boolean} applies whether the field's `when` holds; a field that does not apply is hidden */
  setApplies(applies) {
    this.root.hidden = !applies;
  }

  /** From now on, problems show and follow the typing: after Continue, and for stored answers. */
  markLive() {
    this.live = true;
  }

  /** @returns {string} the question, as the error summary names it */
  get question() {
    return this.label ?? planLabel(this.field.label);
  }

  /** @returns {string} the id of what the error summary links to */
  get targetId() {
    return this.focusTarget?.id || this.id;
  }

  /**
   * @param {Array<{path: string, code: string}>} problems this field's problems (its own path or below it)
   * @param {{grow?: boolean}} [options] grow: new messages may appear (Continue was pressed, or the screen opened)
   */
  showProblems(problems, { grow = false } = {}) {
    const codes = [...new Set(problems.map((problem) => problem.code))];
    this.codes = codes;
    // Between two presses of Continue a message may go (fixed while typing) but
    // none appears: a message shown as the field loses focus would move the
    // button being tapped out from under the finger.
    const shown = !this.live ? [] : grow ? codes : codes.filter((code) => this.shown?.includes(code));
    this.shown = shown;
    // A warning about the law names the law it rests on.
    this.problem.replaceChildren(...shown.flatMap((code, index) => {
      const law = lawBehind(code);
      const parts = [index ? " " : "", planLabel(problemSpec(code).message)];
      if (law) parts.push(" ", elementWith("span", { class: "problem-source" }, `${t("editorSource")}: `, element("bdi", {}, law.cite)));
      return parts;
    }));
    const error = shown.some((code) => problemSpec(code).severity === "error");
    this.problem.dataset.severity = error ? "error" : "warning";
    for (const target of this.control ? [this.control] : this.inputs) {
      if (error) target.setAttribute("aria-invalid", "true");
      else target.removeAttribute("aria-invalid");
    }
  }

  focus() {
    this.focusTarget?.focus();
  }
}

/**
 * The date the three boxes hold: YYYY-MM-DD, the parts as typed while it is
 * not whole, or undefined (not answered) when every box is empty.
 * @param {HTMLInputElement[]} inputs
 * @returns {string | undefined}
 */
function composeDate(inputs) {
  // Digits typed on an Arabic or Myanmar keyboard are stored as ASCII: a date is structured data.
  const part = (name) => asciiDigits(inputs.find((input) => input.dataset.part === name).value.trim());
  const [year, month, day] = [part("year"), part("month"), part("day")];
  if (!year && !month && !day) return undefined;
  const pad = (text) => (/^[0-9]$/.test(text) ? `0${text}` : text);
  return `${year}-${pad(month)}-${pad(day)}`;
}
