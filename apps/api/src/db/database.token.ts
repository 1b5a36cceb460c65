/** Injection token for the opened DatabaseHandle. */
export const DATABASE = Symbol('DATABASE');
