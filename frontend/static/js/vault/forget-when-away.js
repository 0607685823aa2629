// What a page that holds secrets (a typed passphrase, a decrypted plan) does
// when the person walks away from it. `forget` runs on pagehide, before the
// back/forward cache keeps the page, so Back never brings a secret back; and
// after the auto-lock minutes without use, time in the background included.
// `back` runs when Back has brought the page back from that cache: the page
// shows the form its state now calls for (another tab may have changed it).
// `forget` is told when the page is being left ({leaving: true}): nothing may
// start reading storage then (WebKit leaves an IndexedDB opened during pagehide
// hanging, and every later page of the app waits on it for ever).
import { startAutoLock } from "./auto-lock.js";

/**
 * @param {{minutes: number, forget: (how: {leaving: boolean}) => void, back?: () => void}} options
 * @returns {{setMinutes: (minutes: number) => void}}
 */
export function forgetWhenAway({ minutes, forget, back = () => {} }) {
  let idle = null;
  const watch = () => {
    // Idle only: a minute in the background (reading the passphrase off paper,
    // or phoning for it) is not a reason to empty a form.
    idle = startAutoLock({
      minutes,
      hiddenLimitMs: minutes * 60_000,
      onLock: () => {
        forget({ leaving: false });
        watch();
      },
    });
  };
  window.addEventListener("pagehide", () => forget({ leaving: true }));
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) back();
  });
  watch();
  return {
    setMinutes(next) {
      minutes = next;
      idle.stop();
      watch();
    },
  };
}
