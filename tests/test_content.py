"""The resource library and deployment file: the shipped files validate, and each rule
reports the right file and line when broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.content import NEVER_LIST, ContentError, load_content
from server.languages import CODES

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DEPLOYMENT = ROOT / "server" / "deployments" / "milwaukee.toml"
PAGE_IDS = {"know-your-rights", "red-card", "detained", "hotlines", "school", "notario", "wisconsin-caregiver-forms"}
TEL_PATTERN = re.compile(r"^\+[1-9]\d{6,14}$|^\d{3}$")


# ---------------------------------------------------------------- the shipped files


@pytest.fixture(scope="module")
def shipped():
    return load_content(CONTENT, DEPLOYMENT, list(CODES))


def test_shipped_content_validates(shipped) -> None:
    assert shipped.languages == CODES


def test_every_language_has_every_page(shipped) -> None:
    for lang in CODES:
        assert {page.id for page in shipped.pages[lang]} == PAGE_IDS, lang
        assert [page.order for page in shipped.pages[lang]] == sorted(page.order for page in shipped.pages[lang])


def test_red_card_shows_the_english_card_in_every_language(shipped) -> None:
    english = shipped.page("en", "red-card").card
    assert english is not None
    for lang in CODES:
        page = shipped.page(lang, "red-card")
        assert page.card_en == english
        assert page.card is not None and len(page.card.lines) == len(english.lines)
        if lang != "en":
            assert page.card != english, f"{lang} card is not translated"


def test_pages_insert_the_deployment_where_marked(shipped) -> None:
    inserts = {section.insert for page in shipped.pages["en"] for section in page.sections} - {None}
    assert inserts == {"local-hotlines", "district-policy"}
    assert shipped.deployment("es").hotlines and shipped.deployment("es").policy_sections


def test_every_hotline_tel_matches_the_pattern(shipped) -> None:
    for lang in CODES:
        for hotline in shipped.hotlines(lang):
            assert TEL_PATTERN.match(hotline.tel), hotline.id
            if hotline.tty:
                assert TEL_PATTERN.match(hotline.tty.tel), hotline.id
            if hotline.sms:
                assert re.match(r"^\+[1-9]\d{6,14}$|^\d{3,6}$", hotline.sms.tel), hotline.id
            assert hotline.name.strip() and hotline.description.strip(), (lang, hotline.id)


def _shipped_files() -> list[Path]:
    return sorted(CONTENT.rglob("*.toml")) + [DEPLOYMENT]


def test_no_never_list_number_anywhere_in_shipped_files() -> None:
    # Independent of the loader's scanner: every digit in a line, run together, and
    # letters read as keypad digits (866-DHS-2-ICE).
    keypad = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")
    for path in _shipped_files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            digits = re.sub(r"\D", "", line)
            keyed = "".join(re.sub(r"\D", "", token.upper().translate(keypad)) for token in re.findall(r"[\w-]*\d[\w-]*", line))
            for number in NEVER_LIST:
                assert number not in digits and number not in keyed, f"{path}:{n}"


def test_page_text_holds_no_phone_numbers() -> None:
    # Numbers live only in hotlines.toml and the deployment file, where they are checked;
    # a translator can then never change a digit.
    phone = re.compile(r"\(?\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}")
    for path in sorted((CONTENT / "resources").rglob("*.toml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not phone.search(line), f"{path}:{n}: {line.strip()}"


# ---------------------------------------------------------------- a small tree to break

HOTLINES = """\
[[hotlines]]
id = "dril"
tel = "+18883514024"
display = "1-888-351-4024"
source_url = "https://www.ice.gov/ICEcasereview"
reviewed = 2026-11-28
confidence = "CONFIRMED"
"""

NAMES = {
    "en": '[dril]\nname = "ICE detention line"\ndescription = "Questions about a person in detention."\n',
    "es": '[dril]\nname = "Línea de detención de ICE"\ndescription = "Preguntas sobre una persona detenida."\n',
}

PAGE = """\
order = 1
title = "{title}"
summary = "{summary}"
reviewed = 2026-11-28

[[sections]]
heading = "{heading1}"
paragraphs = [
  "{para1}",
]
phones = ["dril"]

[[sections]]
heading = "{heading2}"
paragraphs = ["{para2}"]

[[sources]]
title = "ICE"
url = "https://www.ice.gov/ICEcasereview"
"""

PAGES = {
    "en": PAGE.format(title="Detained", summary="Find a person.", heading1="Call ICE", para1="Call this line.",
                      heading2="Keep papers ready", para2="Write down the A-Number."),
    "es": PAGE.format(title="Detenido", summary="Encuentre a una persona.", heading1="Llame a ICE", para1="Llame a esta línea.",
                      heading2="Tenga papeles listos", para2="Anote el número A."),
}

DEPLOYMENT_FILE = """\
id = "test"
reviewed = 2026-11-28

[district]
name = "Test District"
short_name = "TD"

[policy]
url = "https://example.org/policy"
name = { en = "Safe Haven", es = "Refugio Seguro" }
summary = { en = "A policy.", es = "Una política." }

[[policy.sections]]
sources = ["https://example.org/policy"]
heading = { en = "Promises", es = "Promesas" }
points = { en = ["One."], es = ["Uno."] }

[[policy.sources]]
title = "Policy"
url = "https://example.org/policy"

[[hotlines]]
id = "district-line"
tel = "+14145550100"
display = "414-555-0100"
source_url = "https://example.org/contact"
reviewed = 2026-11-28
confidence = "test fixture (555-01xx is reserved for fiction)"
name = { en = "District line", es = "Línea del distrito" }
description = { en = "Main line.", es = "Línea principal." }
"""


class Tree:
    """A tiny valid content tree in en and es; each test breaks one thing."""

    def __init__(self, root: Path) -> None:
        self.content = root / "content"
        self.deployment = root / "deployment.toml"
        self.write(self.content / "hotlines.toml", HOTLINES)
        self.write(self.deployment, DEPLOYMENT_FILE)
        for lang in ("en", "es"):
            self.write(self.page(lang, "hotline-names"), NAMES[lang])
            self.write(self.page(lang, "detained"), PAGES[lang])

    def page(self, lang: str, name: str) -> Path:
        return self.content / "resources" / lang / f"{name}.toml"

    @staticmethod
    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    @staticmethod
    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def load(self):
        return load_content(self.content, self.deployment, ["en", "es"])

    def error(self) -> str:
        with pytest.raises(ContentError) as raised:
            self.load()
        return str(raised.value)


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def where(path: Path, line: int) -> str:
    return f"{path}:{line}:"


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


def test_the_small_tree_is_valid(tree: Tree) -> None:
    content = tree.load()
    assert content.page("es", "detained").sections[0].hotlines[0].name == "Línea de detención de ICE"
    assert [h.id for h in content.hotlines("en")] == ["dril", "district-line"]


def test_toml_syntax_error_reports_the_line_tomllib_gives(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, 'summary = "Encuentre a una persona."', 'summary = "Encuentre a una persona.')
    message = tree.error()
    assert where(path, 3) in message and "TOML syntax error" in message


def test_page_missing_in_a_language(tree: Tree) -> None:
    path = tree.page("es", "detained")
    path.unlink()
    message = tree.error()
    assert f"{path}: file missing" in message and str(tree.page("en", "detained")) in message


def test_translated_page_without_english_original(tree: Tree) -> None:
    path = tree.page("es", "extra")
    tree.write(path, PAGES["es"])
    assert where(path, 1) in tree.error()


def test_section_count_must_match_english(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, '[[sections]]\nheading = "Tenga papeles listos"\nparagraphs = ["Anote el número A."]\n', "")
    message = tree.error()
    assert where(path, line_of(path, "[[sections]]")) in message and "1 [[sections]]" in message


def test_paragraph_count_must_match_english(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, '  "Llame a esta línea.",\n', '  "Llame a esta línea.",\n  "Otra frase.",\n')
    message = tree.error()
    assert where(path, line_of(path, "paragraphs = [")) in message and "2 paragraphs" in message


def test_missing_sources(tree: Tree) -> None:
    path = tree.page("en", "detained")
    tree.edit(path, '[[sources]]\ntitle = "ICE"\nurl = "https://www.ice.gov/ICEcasereview"\n', "")
    message = tree.error()
    assert where(path, 1) in message and "missing [[sources]]" in message


def test_source_without_url(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, 'url = "https://www.ice.gov/ICEcasereview"\n', "")
    message = tree.error()
    assert where(path, line_of(path, "[[sources]]")) in message and "missing 'url'" in message


def test_source_url_must_be_a_web_address(tree: Tree) -> None:
    path = tree.page("en", "detained")
    tree.edit(path, 'url = "https://www.ice.gov/ICEcasereview"', 'url = "www.ice.gov/ICEcasereview"')
    assert where(path, line_of(path, "url = ")) in tree.error()


def test_source_urls_must_match_english(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, 'url = "https://www.ice.gov/ICEcasereview"', 'url = "https://www.ice.gov/es"')
    message = tree.error()
    assert where(path, line_of(path, "[[sources]]")) in message and "source urls differ" in message


@pytest.mark.parametrize("bad", ["888-351-4024", "+1 888 351 4024", "18883514024", "2110", "+0883514024"])
def test_malformed_tel(tree: Tree, bad: str) -> None:
    path = tree.content / "hotlines.toml"
    tree.edit(path, 'tel = "+18883514024"', f'tel = "{bad}"')
    message = tree.error()
    assert where(path, line_of(path, "tel = ")) in message and "not dialable" in message


def test_malformed_local_tel(tree: Tree) -> None:
    tree.edit(tree.deployment, 'tel = "+14145550100"', 'tel = "414-555-0100"')
    assert where(tree.deployment, line_of(tree.deployment, "tel = ")) in tree.error()


def test_display_must_show_the_dialed_number(tree: Tree) -> None:
    path = tree.content / "hotlines.toml"
    tree.edit(path, 'display = "1-888-351-4024"', 'display = "1-888-351-4025"')
    assert where(path, line_of(path, "display = ")) in tree.error()


def test_hotline_referenced_but_not_defined(tree: Tree) -> None:
    path = tree.page("en", "detained")
    tree.edit(path, 'phones = ["dril"]', 'phones = ["dril", "no-such-line"]')
    message = tree.error()
    assert where(path, line_of(path, "phones = ")) in message and "'no-such-line' is not defined" in message


def test_phones_must_match_english(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, 'phones = ["dril"]', 'phones = ["district-line"]')
    assert where(path, line_of(path, "phones = ")) in tree.error()


def test_pages_may_reference_local_hotlines(tree: Tree) -> None:
    for lang in ("en", "es"):
        tree.edit(tree.page(lang, "detained"), 'phones = ["dril"]', 'phones = ["dril", "district-line"]')
    assert tree.load().page("es", "detained").sections[0].hotlines[1].name == "Línea del distrito"


def test_missing_national_hotline_name_in_a_language(tree: Tree) -> None:
    path = tree.page("es", "hotline-names")
    tree.write(path, "# nothing translated yet\n")
    message = tree.error()
    assert where(path, 1) in message and "missing [dril]" in message


def test_missing_national_hotline_description(tree: Tree) -> None:
    path = tree.page("es", "hotline-names")
    tree.edit(path, 'description = "Preguntas sobre una persona detenida."\n', "")
    assert where(path, line_of(path, "[dril]")) in tree.error()


def test_hotline_name_for_an_unknown_id(tree: Tree) -> None:
    path = tree.page("es", "hotline-names")
    tree.edit(path, "[dril]", '[drill]\nname = "x"\ndescription = "y"\n\n[dril]')
    assert where(path, line_of(path, "[drill]")) in tree.error()


def test_missing_local_hotline_name_in_a_language(tree: Tree) -> None:
    tree.edit(tree.deployment, 'name = { en = "District line", es = "Línea del distrito" }', 'name = { en = "District line" }')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "name = { en = \"District line\"")) in message and "no es text" in message


def test_missing_reviewed_on_a_page(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, "reviewed = 2026-11-28\n", "")
    message = tree.error()
    assert where(path, 1) in message and "missing 'reviewed'" in message


def test_missing_reviewed_on_a_hotline(tree: Tree) -> None:
    path = tree.content / "hotlines.toml"
    tree.edit(path, "reviewed = 2026-11-28\n", "")
    assert where(path, line_of(path, "[[hotlines]]")) in tree.error()


def test_translation_reviewed_before_english_is_marked(tree: Tree) -> None:
    tree.edit(tree.page("es", "detained"), "reviewed = 2026-11-28", "reviewed = 2026-01-05")
    content = tree.load()
    assert content.page("es", "detained").older_than_en
    assert not content.page("en", "detained").older_than_en


def test_reviewed_must_be_a_date(tree: Tree) -> None:
    path = tree.page("en", "detained")
    tree.edit(path, "reviewed = 2026-11-28", 'reviewed = "last week"')
    assert where(path, line_of(path, "reviewed = ")) in tree.error()


@pytest.mark.parametrize(
    "written",
    ["866-347-2423", "(866) 347-2423", "1-866-DHS-2-ICE", "1-800-273-TALK", "+18002738255", "1 877-632-6678", "1-855-463-6395"],
)
def test_never_list_number_in_text(tree: Tree, written: str) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, '"Anote el número A."', f'"Anote el número A. O llame al {written}."')
    message = tree.error()
    assert where(path, line_of(path, written)) in message and "must never be listed" in message


def test_never_list_number_as_a_tel(tree: Tree) -> None:
    tree.edit(tree.deployment, 'tel = "+14145550100"\ndisplay = "414-555-0100"', 'tel = "+18663472423"\ndisplay = "866-347-2423"')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "tel = ")) in message and "ICE Tip Line" in message


def test_unknown_key_is_reported(tree: Tree) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, 'paragraphs = ["Anote el número A."]', 'paragraph = ["Anote el número A."]')
    message = tree.error()
    assert where(path, line_of(path, "paragraph = ")) in message and "unknown key 'paragraph'" in message


def test_card_lines_must_match_english(tree: Tree) -> None:
    tree.edit(tree.page("en", "detained"), "[[sections]]", '[card]\nheading = "To the officer"\nlines = ["I will remain silent.", "I want a lawyer."]\n\n[[sections]]')
    path = tree.page("es", "detained")
    tree.edit(path, "[[sections]]", '[card]\nheading = "Para el agente"\nlines = ["Voy a guardar silencio."]\n\n[[sections]]')
    assert where(path, line_of(path, "lines = ")) in tree.error()


def test_card_english_text_comes_from_the_english_file(tree: Tree) -> None:
    tree.edit(tree.page("en", "detained"), "[[sections]]", '[card]\nheading = "To the officer"\nlines = ["I will remain silent."]\n\n[[sections]]')
    tree.edit(tree.page("es", "detained"), "[[sections]]", '[card]\nheading = "Para el agente"\nlines = ["Voy a guardar silencio."]\n\n[[sections]]')
    page = tree.load().page("es", "detained")
    assert page.card is not None and page.card.lines == ("Voy a guardar silencio.",)
    assert page.card_en is not None and page.card_en.lines == ("I will remain silent.",)


def test_duplicate_hotline_id(tree: Tree) -> None:
    tree.edit(tree.deployment, 'id = "district-line"', 'id = "dril"')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, 'id = "dril"')) in message and "already used" in message


def test_insert_must_be_known_and_match_english(tree: Tree) -> None:
    path = tree.page("en", "detained")
    tree.edit(path, 'phones = ["dril"]', 'phones = ["dril"]\ninsert = "local-hotline"')
    assert where(path, line_of(path, "insert = ")) in tree.error()


# ---------------------------------------------------------------- facts without a source stop start-up


@pytest.mark.parametrize("written", ["414-555-0199", "(414) 555-0199", "1-800-555-0199", "18005550199", "800-799-SAFE"])
def test_phone_number_in_page_text_is_refused(tree: Tree, written: str) -> None:
    # A number in prose would reach a family with no source: it must be a hotline.
    path = tree.page("es", "detained")
    tree.edit(path, '"Anote el número A."', f'"Anote el número A. O llame al {written}."')
    message = tree.error()
    assert where(path, line_of(path, written)) in message and "looks like a phone number" in message


def test_phone_number_in_deployment_text_is_refused(tree: Tree) -> None:
    tree.edit(tree.deployment, 'points = { en = ["One."]', 'points = { en = ["Call 414-555-0199."]')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "414-555-0199")) in message and "looks like a phone number" in message


def test_text_line_without_its_own_source_is_refused(tree: Tree) -> None:
    # A TTY or text number is often printed by another page than the voice line.
    path = tree.content / "hotlines.toml"
    tree.edit(path, 'display = "1-888-351-4024"\n', 'display = "1-888-351-4024"\nsms = { tel = "88788", display = "88788" }\n')
    message = tree.error()
    assert where(path, line_of(path, "sms = ")) in message and "missing 'source_url'" in message


def test_text_line_with_its_own_source_loads(tree: Tree) -> None:
    path = tree.content / "hotlines.toml"
    sms = 'sms = { tel = "88788", display = "88788", keyword = "START", source_url = "https://example.org/text" }\n'
    tree.edit(path, 'display = "1-888-351-4024"\n', 'display = "1-888-351-4024"\n' + sms)
    hotline = tree.load().hotlines("en")[0]
    assert hotline.sms is not None and hotline.sms.source_url == "https://example.org/text"


@pytest.mark.parametrize("cited", ["Wis. Stat. § 48.979", "§ 48.978(3)", "34 CFR 99.37", "8 U.S.C. 1357", "Plyler v. Doe"])
def test_law_cited_without_a_source_naming_it_is_refused(tree: Tree, cited: str) -> None:
    path = tree.page("es", "detained")
    tree.edit(path, '"Anote el número A."', f'"Anote el número A. La ley ({cited}) lo dice."')
    message = tree.error()
    assert where(path, line_of(path, cited)) in message and "no [[sources]] entry names it" in message


def test_law_cited_with_a_source_naming_it_loads(tree: Tree) -> None:
    for lang in ("en", "es"):
        path = tree.page(lang, "detained")
        tree.edit(path, 'title = "ICE"', 'title = "Wisconsin Legislature: Wis. Stat. § 48.979"')
    tree.edit(tree.page("es", "detained"), '"Anote el número A."', '"Anote el número A. Vea Wis. Stat. § 48.979(1)."')
    assert "48.979" in tree.load().page("es", "detained").sections[1].paragraphs[0]


def test_law_cited_in_the_deployment_needs_a_policy_source(tree: Tree) -> None:
    tree.edit(tree.deployment, 'points = { en = ["One."]', 'points = { en = ["Under Wis. Stat. § 118.125 you may say no."]')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "118.125")) in message and "[[policy.sources]]" in message


def test_policy_section_without_sources_is_refused(tree: Tree) -> None:
    tree.edit(tree.deployment, 'sources = ["https://example.org/policy"]\n', "")
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[[policy.sections]]")) in message
    assert "states rules without a source" in message


def test_policy_section_source_must_be_a_listed_source(tree: Tree) -> None:
    tree.edit(tree.deployment, 'sources = ["https://example.org/policy"]', 'sources = ["https://example.org/elsewhere"]')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "sources = [")) in message and "not the url of any" in message


def test_every_problem_is_reported_at_once(tree: Tree) -> None:
    tree.edit(tree.page("es", "detained"), "reviewed = 2026-11-28\n", "")
    tree.edit(tree.content / "hotlines.toml", 'tel = "+18883514024"', 'tel = "888"')
    with pytest.raises(ContentError) as raised:
        tree.load()
    assert len(raised.value.problems) >= 2
