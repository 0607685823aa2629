// Wiring only: each feature lives in its own module.
import { registerWorker } from "./pwa/register-worker.js";
import { startInstallHelp } from "./pwa/install-help.js";
import { startOfflineIndicator } from "./ui/offline-indicator.js";
import { startQuickExit } from "./ui/quick-exit.js";

startQuickExit();
startOfflineIndicator();
startInstallHelp();
registerWorker();
