import { readFile, stat } from 'node:fs/promises'
import { AppError } from '../../shared/errors'

/**
 * Reads a text file the person chose, refusing one over maxBytes before reading it. Any failure
 * is an AppError('validation') naming `what` ("CA certificate file"), never the library's text.
 */
export async function readLimited(path: string, maxBytes: number, what: string): Promise<string> {
  try {
    const info = await stat(path)
    if (info.size > maxBytes) {
      throw new AppError(
        'validation',
        `The ${what} is too large (${info.size} bytes). Choose the right file.`,
      )
    }
    return await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'validation',
      `The ${what} could not be read. Check that it exists and that you may open it.`,
    )
  }
}
