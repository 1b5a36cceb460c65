// The API key lives in sessionStorage only: it is gone when the browser tab closes and is never
// written anywhere that outlives the session.
const STORAGE_KEY = 'persona.studio.apiKey';

export const sessionKey = {
  read(): string | null {
    return sessionStorage.getItem(STORAGE_KEY);
  },
  save(secret: string): void {
    sessionStorage.setItem(STORAGE_KEY, secret);
  },
  clear(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  },
};
