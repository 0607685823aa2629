/** A storage failure with a `.code`: "quota", "conflict", "no-vault", "exists", "closed" or "write-failed". */
export class StorageError extends Error {
  constructor(code, cause) {
    super(code, { cause });
    this.name = "StorageError";
    this.code = code;
  }
}
