"""A deployment file with fictional schools, for tests: the Milwaukee file plus three
schools, one with a Safe Haven resource person (name, role, phone, languages) and one
with its own steps when law enforcement comes. Numbers are 555-01xx (reserved for
fiction); sources are example.org pages."""

from __future__ import annotations

from pathlib import Path

MILWAUKEE = Path(__file__).resolve().parent.parent / "server" / "deployments" / "milwaukee.toml"

LAKEVIEW = "Lakeview Example Elementary (fictional)"
RIO = "Río Example Middle School (fictional)"
SUNRISE = "Sunrise Example Daycare (fictional)"
RESOURCE_NAME = "Ana Example"
RESOURCE_PHONE = "414-555-0141"

SCHOOLS = f'''
[[schools]]
id = "lakeview"
name = "{LAKEVIEW}"
kind = "school"
address = "100 W. Example Ave., Milwaukee, WI 53204"
tel = "+14145550140"
display = "414-555-0140"
source_url = "https://example.org/lakeview"
reviewed = 2026-11-30

[schools.resource]
name = "{RESOURCE_NAME}"
tel = "+14145550141"
display = "{RESOURCE_PHONE}"
source_url = "https://example.org/lakeview/staff"
[schools.resource.role]
en = "school social worker"
es = "trabajadora social de la escuela"
ar = "الأخصائية الاجتماعية في المدرسة"
hmn = "tus neeg ua hauj lwm social worker ntawm tsev kawm ntawv"
so = "shaqaalaha bulshada ee dugsiga"
my = "ကျောင်း လူမှုဝန်ထမ်း"
ksw = "ကို အပှၤမၤတၢ်ဖိ social worker"
[schools.resource.languages]
en = "English and Spanish"
es = "inglés y español"
ar = "الإنجليزية والإسبانية"
hmn = "lus Askiv thiab lus Mev"
so = "Ingiriis iyo Isbaanish"
my = "အင်္ဂလိပ် နှင့် စပိန်"
ksw = "ကျိာ် အဲကလံး ဒီး စပ့ၣ်"

[[schools]]
id = "rio"
name = "{RIO}"
kind = "school"
address = "200 S. Example St., Milwaukee, WI 53215"
tel = "+14145550150"
display = "414-555-0150"
source_url = "https://example.org/rio"
reviewed = 2026-11-30

[schools.resource]
role = {{ en = "the school counselor", es = "la consejera escolar", ar = "المرشدة المدرسية", hmn = "tus kws pab tswv yim ntawm tsev kawm ntawv", so = "la-taliyaha dugsiga", my = "ကျောင်း အကြံပေး", ksw = "ကို အပှၤဟ့ၣ်တၢ်ဟ့ၣ်ကူၣ်" }}
source_url = "https://example.org/rio/staff"

[schools.procedure]
sources = ["https://example.org/rio/steps"]
points = {{ en = ["The principal meets the officer at the front door."], es = ["La directora recibe al agente en la puerta principal."], ar = ["تستقبل المديرة الضابط عند الباب الرئيسي."], hmn = ["Tus thawj xib fwb ntsib tus tub ceev xwm ntawm lub qhov rooj pem hauv ntej."], so = ["Maamulaha ayaa sarkaalka kula kulma albaabka hore."], my = ["ကျောင်းအုပ်က အရာရှိကို ရှေ့တံခါးတွင် တွေ့သည်။"], ksw = ["ကိုခိၣ် ထံၣ်လိာ် ပှၤမၤတၢ်ဖိ လၢ ပဲတြီ မဲာ်ညါ."] }}

[[schools]]
id = "sunrise"
name = "{SUNRISE}"
kind = "daycare"
address = "300 N. Example Rd., Milwaukee, WI 53208"
source_url = "https://example.org/sunrise"
reviewed = 2026-11-30

[[policy.sources]]
title = "Río Example Middle School: its own steps (fictional)"
url = "https://example.org/rio/steps"
'''


def school_deployment(folder: Path) -> Path:
    """Writes the deployment file into `folder` and returns its path."""
    path = folder / "schools.toml"
    path.write_text(MILWAUKEE.read_text(encoding="utf-8") + SCHOOLS, encoding="utf-8")
    return path
