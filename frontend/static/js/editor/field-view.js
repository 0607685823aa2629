// One answer of the plan as a form control, chosen from its schema type. Text
// reaches the page only as text (values, textContent); what was typed is kept
// exactly, valid or not, and problems are shown next to it.
import { problemSpec, sectionDef, schema } from "../plan/schema.js";
import { isBlank, normalizeANumber, parseDate } from "../plan/values.js";
import { fill, fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";

// Radio buttons up to this many options, a select above (a long list of radios
// pushes the rest of the step far down a phone screen).
const MAX_RADIOS = 3;
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
// What the browser keeps in an <input>: free text everywhere but dates, so
// nothing typed is changed by the browser (type=email would trim spaces).
const INPUTS = {
  text: { type: "text", dir: "auto" },
  tel: { type: "tel", inputmode: "tel", dir: "ltr" },
  email: { type: "text", inputmode: "email", dir: "ltr", autocapitalize: "none" },
  anumber: { type: "text", dir: "ltr", autocapitalize: "characters" },
  number: { type: "text", inputmode: "decimal", dir: "ltr" },
  date: { type: "date", dir: "ltr" },
};
const NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;

/**
 * A typed amount is stored as a JSON number when that loses nothing ("1500"),
 * else as the text itself ("1500.50", "-0", "1,500"), so it always shows as typed.
 * @param {string} text
 * @returns {string | number}
 */
function amount(text) {
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
   */
  constructor(field, { path, pointer, value, people, handlers }) {
    this.field = field;
    this.path = path;
    this.pointer = pointer;
    this.value = value;
    this.handlers = handlers;
    this.live = !isBlank(value);
    this.localProblem = null;
    this.id = newElementId();
    this.root = element("div", { class: `field field-${field.type}`, "data-pointer": pointer });
    this.problem = element("p", { class: "field-problem", id: `${this.id}-problem` });
    const canonicalHint = field.type === "anumber" ? `${this.id}-canonical` : "";
    this.describedBy = [field.help ? `${this.id}-help` : "", canonicalHint, `${this.id}-problem`].filter(Boolean).join(" ");
    if (field.type === "yesno" || (field.type === "choice" && field.options.length <= MAX_RADIOS)) this.#radios();
    else if (field.type === "personrefs") this.#checkboxes(people);
    else if (field.type === "choice" || field.type === "personref") this.#select(people);
    else this.#input();
  }

  #labelText() {
    const text = [planLabel(this.field.label)];
    if (this.field.required) text.push(" ", element("span", { class: "required" }, t("editorRequired")));
    return text;
  }

  #help() {
    return this.field.help ? [element("p", { class: "hint", id: `${this.id}-help` }, planLabel(this.field.help))] : [];
  }

  #input() {
    const { field, value } = this;
    const longText = field.type === "longtext";
    const storedDateIsText = field.type === "date" && !isBlank(value) && !(typeof value === "string" && ISO_DATE.test(value) && parseDate(value));
    const attributes = longText ? { dir: "auto", rows: field.maxLength > 4000 ? "10" : "4" } : { ...INPUTS[field.type] ?? INPUTS.text };
    if (storedDateIsText) Object.assign(attributes, { type: "text", inputmode: "numeric" });
    const control = element(longText ? "textarea" : "input", {
      id: this.id,
      name: this.id,
      autocomplete: "off",
      "aria-describedby": this.describedBy,
      ...attributes,
    });
    if (field.sensitive || !["text", "longtext"].includes(field.type)) {
      control.setAttribute("spellcheck", "false");
      control.setAttribute("autocorrect", "off");
    }
    control.value = asText(value);
    control.addEventListener("input", () => this.#typed(control));
    control.addEventListener("change", () => this.handlers.commit(this));
    this.control = control;
    this.focusTarget = control;
    const label = element("label", { for: this.id });
    label.append(...this.#labelText());
    this.root.append(label, ...this.#help(), control);
    if (field.type === "anumber") {
      this.canonical = element("p", { class: "hint", id: `${this.id}-canonical` });
      this.root.append(this.canonical);
      this.#showCanonical();
    }
    this.root.append(this.problem);
  }

  #typed(control) {
    if (control.type === "date" && control.validity.badInput) {
      // A half-typed date: keep the stored answer and say what is wrong.
      this.localProblem = "badDate";
      this.live = true;
      this.showProblems([]);
      return;
    }
    this.localProblem = null;
    this.#answer(this.field.type === "number" ? amount(control.value) : control.value);
    if (this.canonical) this.#showCanonical();
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

  /** Problems show from the first time the person leaves the field, and at once for stored answers. */
  markLive() {
    this.live = true;
  }

  /**
   * @param {Array<{path: string, code: string}>} problems this field's problems (its own path or below it)
   */
  showProblems(problems) {
    const codes = this.localProblem ? [this.localProblem] : [...new Set(problems.map((problem) => problem.code))];
    const shown = this.live ? codes : [];
    this.problem.textContent = shown.map((code) => planLabel(problemSpec(code).message)).join(" ");
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
