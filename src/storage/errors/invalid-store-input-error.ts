/** A value handed to the store that it refuses to write (it would corrupt an index or a key). */
export class InvalidStoreInputError extends Error {
  readonly code = 'invalid_store_input';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidStoreInputError';
  }
}
