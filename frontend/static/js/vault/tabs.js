// Other tabs of this app: told when a record is saved, the passphrase changes
// or everything is deleted. Messages carry record ids and revisions, never content.

const CHANNEL = "famplan-vault";
let channel = null;

function open() {
  if (typeof BroadcastChannel === "undefined") return null;
  channel ??= new BroadcastChannel(CHANNEL);
  return channel;
}

/**
 * @param {{type: "saved", id: string, revision: number} | {type: "rekeyed"} | {type: "deleted"}} message
 */
export function announce(message) {
  open()?.postMessage(message);
}

/**
 * @param {(message: {type: string, id?: string, revision?: number}) => void} callback
 * @returns {() => void} stops listening
 */
export function listen(callback) {
  const target = open();
  if (!target) return () => {};
  const handler = (event) => {
    if (event.data && typeof event.data.type === "string") callback(event.data);
  };
  target.addEventListener("message", handler);
  return () => target.removeEventListener("message", handler);
}
