/** "AA:BB:CC" → ["AA:", "BB:", "CC"]: the pieces a fingerprint may wrap between (after colons). */
export function fingerprintPieces(fingerprint: string): string[] {
  return fingerprint.split(/(?<=:)/)
}
