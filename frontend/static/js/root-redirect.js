// On a static host there is no server to read Accept-Language: the root page
// sends the browser to the first of its languages that the app speaks.
const links = [...document.querySelectorAll("#root-languages a[data-language]")];
const codes = new Set(links.map((link) => link.dataset.language));
const aliases = { kar: "ksw", mww: "hmn" };

for (const tag of navigator.languages || []) {
  const primary = tag.toLowerCase().split("-")[0];
  const code = codes.has(primary) ? primary : aliases[primary];
  if (code) {
    window.location.replace(`/${code}/`);
    break;
  }
}
