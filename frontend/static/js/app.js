// Wiring only: each feature lives in its own module.
import { registerWorker } from "./pwa/register-worker.js";
import { reportFontUse } from "./pwa/font-use.js";
import { startInstallHelp } from "./pwa/install-help.js";
import { startOfflineIndicator } from "./ui/offline-indicator.js";
import { startQuickExit } from "./ui/quick-exit.js";
import { startCopyButtons } from "./ui/copy-buttons.js";
import { startTextSizeToggle } from "./ui/text-size-toggle.js";

startQuickExit();
startOfflineIndicator();
startInstallHelp();
startCopyButtons();
startTextSizeToggle();
registerWorker();
reportFontUse();
// The vault's code loads only on the pages that use it.
if (document.getElementById("plan-app")) import("./pages/plan-page.js").then((page) => page.startPlanPage());
if (document.getElementById("settings-app")) import("./pages/settings-page.js").then((page) => page.startSettingsPage());
// A page left before the share panel's code arrives (WebKit then fails the import) reports nothing.
if (document.getElementById("share-panel")) import("./share/share-panel.js").then((panel) => panel.startSharePanel(), () => {});
if (document.getElementById("open-app")) import("./pages/open-page.js").then((page) => page.startOpenPage());
