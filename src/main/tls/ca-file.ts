import { X509Certificate } from 'node:crypto'
import { basename } from 'node:path'
import type { CaFile } from '../../shared/contract'
import { MAX_CA_FILE_BYTES } from '../../shared/limits'
import { msg } from '../../shared/messages'
import { readLimited } from '../fs/read-limited'
import { validateCaPem } from './trust'

/**
 * A company CA file the person chose: its certificates checked and normalized (a wrong file is
 * reported now, not as a TLS failure later), labelled with the file name and the CA's subject.
 */
export async function readCaFile(path: string): Promise<CaFile> {
  const pem = validateCaPem(
    await readLimited(path, MAX_CA_FILE_BYTES, msg('fileWhatCaCertificate')),
  )
  const subject = new X509Certificate(pem).subject.replace(/\n/g, ', ')
  return { pem, label: `${basename(path)} (${subject})` }
}
