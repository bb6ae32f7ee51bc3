import { readFile, stat } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { msg, type MessageRef } from '../../shared/messages'

/**
 * Reads a text file the person chose, refusing one over maxBytes before reading it. Any failure
 * is an AppError('validation') naming `what` (msg('fileWhatCaCertificate')), never the library's
 * text.
 */
export async function readLimited(
  path: string,
  maxBytes: number,
  what: MessageRef,
): Promise<string> {
  try {
    const info = await stat(path)
    if (info.size > maxBytes) {
      throw new AppError('validation', msg('fileTooLarge', { what, size: info.size }))
    }
    return await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('validation', msg('fileUnreadable', { what }))
  }
}
