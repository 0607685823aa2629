/**
 * A refusal the person can be told about. `code` is one of:
 * "no-vault", "exists", "weak", "wrong-passphrase", "wait", "damaged", "locked";
 * storage refusals ("quota", "conflict", "closed", "write-failed") keep their own codes.
 */
export class VaultError extends Error {
  /**
   * @param {string} code
   * @param {{cause?: unknown, retryAt?: number}} [details]
   */
  constructor(code, { cause, retryAt } = {}) {
    super(code, { cause });
    this.name = "VaultError";
    this.code = code;
    /** For "wait" and "wrong-passphrase": when the next try is allowed (ms since the epoch), or 0. */
    this.retryAt = retryAt ?? 0;
  }
}
