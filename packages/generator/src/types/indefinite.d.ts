// indefinite ships no types; only the call the grammar detector makes is declared.
declare module 'indefinite' {
  function indefinite(word: string, options?: { articleOnly?: boolean; capitalize?: boolean }): string;
  export default indefinite;
}
