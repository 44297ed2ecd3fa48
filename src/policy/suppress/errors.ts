/** A suppression input the user named is unusable (missing ignore file, unreadable baseline): a usage error. */
export class SuppressionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuppressionInputError';
  }
}
