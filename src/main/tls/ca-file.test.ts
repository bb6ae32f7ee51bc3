import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { readCaFile } from './ca-file'
import { createTestCa } from '../testing/tls-certs'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ca-file-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function refusal(path: string): Promise<AppError> {
  const error: unknown = await readCaFile(path).then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('readCaFile', () => {
  it('gives the normalized PEM, labelled with the file name and the CA subject', async () => {
    const ca = await createTestCa('Contact Center CA')
    const path = join(dir, 'company-ca.pem')
    await writeFile(path, `Bag attributes\r\n${ca.certPem}\r\n`)
    const file = await readCaFile(path)
    expect(file.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/)
    expect(file.pem).not.toContain('Bag attributes')
    expect(file.label).toBe('company-ca.pem (CN=Contact Center CA, O=iSales Test)')
  })

  it('refuses a file that is not a PEM certificate, naming the caPem field', async () => {
    const path = join(dir, 'ca.der')
    await writeFile(path, Buffer.from([0x30, 0x82, 0x01, 0x0a]))
    const error = await refusal(path)
    expect(error.code).toBe('validation')
    expect(error.message).toMatch(/is not a PEM certificate/)
    expect(error.detail).toEqual({ field: 'caPem' })
  })

  it('refuses a file over 200,000 bytes without parsing it', async () => {
    const path = join(dir, 'huge.pem')
    await writeFile(path, 'x'.repeat(200_001))
    const error = await refusal(path)
    expect(error.code).toBe('validation')
    expect(error.message).toBe(
      'The CA certificate file is too large (200001 bytes). Choose the right file.',
    )
  })

  it('says a missing file could not be read, without the system error text', async () => {
    const error = await refusal(join(dir, 'gone.pem'))
    expect(error.message).toBe(
      'The CA certificate file could not be read. Check that it exists and that you may open it.',
    )
    expect(error.message).not.toContain('ENOENT')
  })
})
