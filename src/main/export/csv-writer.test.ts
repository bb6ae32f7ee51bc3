import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import {
  formatCsvCell,
  formatCsvRow,
  looksLikeFormula,
  neutralizeFormula,
  writeCsv,
  writeCsvFile,
  type CsvColumn,
  type CsvValue,
} from './csv-writer'

type Row = CsvValue[]

function columnsFor(width: number): CsvColumn<Row>[] {
  return Array.from({ length: width }, (_, i) => ({ header: `c${i}`, value: (row: Row) => row[i] }))
}

/** What a reader should see for a value: numbers as written, texts neutralized. */
function expected(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  return neutralizeFormula(value)
}

async function collect<T>(
  columns: CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  bom = false,
) {
  let text = ''
  const count = await writeCsv((chunk) => void (text += chunk), columns, rows, { bom })
  return { text, count }
}

describe('formatCsvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' lead', '" lead"'],
    ['trail ', '"trail "'],
    ['导入失败', '导入失败'],
    ['', ''],
  ])('quotes %j as %j', (input, output) => {
    expect(formatCsvCell(input)).toBe(output)
  })

  it.each([
    ['=cmd|" /C calc"!A0', `"'=cmd|"" /C calc""!A0"`],
    ['+1', "'+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['-5', "'-5"],
  ])('neutralizes the formula start of %j', (input, output) => {
    expect(formatCsvCell(input)).toBe(output)
  })

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(formatCsvCell(42)).toBe('42')
    expect(formatCsvCell(-5)).toBe('-5')
    expect(formatCsvCell(0)).toBe('0')
  })

  it('writes null and undefined as empty cells', () => {
    expect(formatCsvCell(null)).toBe('')
    expect(formatCsvCell(undefined)).toBe('')
  })

  it('treats non-finite numbers as text', () => {
    expect(formatCsvCell(-Infinity)).toBe("'-Infinity")
  })
})

describe('formula neutralisation after normalisation and leading blanks', () => {
  it.each([
    ['a line feed first', '\n=HYPERLINK("http://x")'],
    ['spaces first', '   =1+1'],
    ['NBSP first', '\u00A0=1+1'],
    ['an ideographic space first', '\u3000@SUM(A1)'],
    ['a zero-width space and a BOM first', '\u200B\uFEFF+1'],
    ['CR LF first', '\r\n-1+1'],
    ['full-width equals', '＝cmd|" /C calc"!A0'],
    ['full-width plus', '＋1'],
    ['full-width minus', '－1+1'],
    ['full-width at', '＠SUM(A1)'],
    ['small form equals', '\uFE66 1+1'],
    ['a formula after a semicolon', 'note;=cmd|" /C calc"!A0'],
    ['a formula after a semicolon and spaces', 'a; \u3000+1'],
    ['a formula after a full-width semicolon', 'a；=1'],
    ['a tab first', '\tx'],
  ])('neutralises %s', (_what, text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`)
    const cell = parse(formatCsvRow([text])) as string[][]
    expect(cell).toEqual([[`'${text}`]])
  })

  it('quotes a cell with a semicolon, so a reader splitting on semicolons keeps it whole', () => {
    expect(formatCsvCell('a;b')).toBe('"a;b"')
    expect(parse(formatCsvRow(['a;b']), { delimiter: ';' })).toEqual([['a;b']])
  })

  it.each([
    'Imported',
    '导入失败：文件格式错误',
    'error -5 in row 3',
    'a - b',
    'x=1',
    'mail me@example.com',
    'list; of; things',
    '１２３',
  ])('leaves ordinary text %j as it is', (text) => {
    expect(neutralizeFormula(text)).toBe(text)
  })

  it('keeps numbers as numbers; a number-looking text is text and gets the quote (documented)', () => {
    expect(formatCsvCell(-5)).toBe('-5')
    expect(formatCsvCell(-0.5)).toBe('-0.5')
    expect(formatCsvCell('-5')).toBe("'-5")
  })

  /**
   * What a spreadsheet would evaluate in a cell as read back, also by a reader that splits it at
   * `;` (a comma always comes quoted, as RFC 4180 wants).
   */
  function evaluable(cell: string): boolean {
    if (/^[\t\r]/.test(cell)) return true
    return cell
      .normalize('NFKC')
      .split(';')
      .some((part) => /^[=+\-@]/.test(part.replace(/^[\s\p{Cc}\p{Cf}]+/u, '')))
  }

  const tricky = fc.constantFrom(
    '=',
    '+',
    '-',
    '@',
    '＝',
    '＋',
    '－',
    '＠',
    '\uFE66',
    '\uFE62',
    ';',
    '；',
    '\n',
    '\r',
    '\t',
    ' ',
    '\u00A0',
    '\u3000',
    '\u200B',
    '\u202E',
    '\uFEFF',
    'a',
    '1',
    '导',
    '"',
    ',',
  )
  const cellText = fc.oneof(
    fc.string({ unit: tricky, maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.tuple(fc.string({ unit: tricky, maxLength: 4 }), fc.string()).map(([a, b]) => a + b),
  )

  it('lets nothing a spreadsheet would evaluate survive, read whole or split at semicolons', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 5 }), async (cells) => {
        const { text } = await collect(columnsFor(cells.length), [cells])
        const [, row] = parse(text) as string[][]
        for (const cell of row ?? []) {
          // Either the cell starts with the apostrophe (Excel shows it as text), or nothing
          // in it, read whole or split at a separator, starts a formula.
          if (!cell.startsWith("'")) expect(evaluable(cell)).toBe(false)
        }
      }),
      { numRuns: 1000 },
    )
  })

  const mixed = fc.string({
    unit: fc.constantFrom(
      '=',
      '-',
      ';',
      ' ',
      '\t',
      '\r',
      '\u0001',
      '\u007f',
      'a',
      '\u0338',
      '\u00A0',
      '＝',
      '\u200B',
    ),
    maxLength: 8,
  })

  it('decides ASCII text by its quick scan exactly as the rule on the normalised text does', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string({ maxLength: 12 })), (text) => {
        expect(looksLikeFormula(text)).toBe(evaluable(text))
      }),
      { numRuns: 3000 },
    )
    // A mark NFKC composes with the sign ends the quick scan: '=' + U+0338 is '≠'.
    expect(looksLikeFormula('=\u0338x')).toBe(evaluable('=\u0338x'))
  })

  it('keeps every text, changed at most by one leading apostrophe', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const cell = (parse(formatCsvRow([text])) as string[][])[0]?.[0]
        expect(cell === text || cell === `'${text}`).toBe(true)
        expect(cell === `'${text}`).toBe(looksLikeFormula(text))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('formatCsvRow', () => {
  it('joins with commas and ends with CRLF', () => {
    expect(formatCsvRow(['a', 1, null, 'x,y'])).toBe('a,1,,"x,y"\r\n')
  })

  it('quotes a lone empty cell so the record is not an empty line', () => {
    expect(formatCsvRow([''])).toBe('""\r\n')
    expect(parse(formatCsvRow(['']))).toEqual([['']])
  })
})

describe('writeCsv', () => {
  const cellArb: fc.Arbitrary<CsvValue> = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({
      unit: fc.constantFrom('"', ',', '\r', '\n', ' ', '=', '+', '-', '@', '\t', 'a', '导', '入'),
    }),
    fc.constantFrom('=cmd', '-1+1', '+SUM(A1)', '@x', ' padded ', '成功,失败', '"quoted"'),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    fc.constant(null),
    fc.constant(undefined),
  )

  it('round-trips random rows through csv-parse to the neutralized values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((width) =>
          fc.tuple(
            fc.constant(width),
            fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), {
              maxLength: 20,
            }),
            fc.boolean(),
          ),
        ),
        async ([width, rows, bom]) => {
          const { text, count } = await collect(columnsFor(width), rows, bom)
          expect(count).toBe(rows.length)
          const parsed = parse(text, { bom: true, relax_column_count: false }) as string[][]
          expect(parsed[0]).toEqual(columnsFor(width).map((c) => c.header))
          expect(parsed.slice(1)).toEqual(rows.map((row) => row.map(expected)))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never lets a parsed text cell start with a formula character', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { minLength: 1, maxLength: 10 }), async (cells) => {
        const { text } = await collect(
          columnsFor(1),
          cells.map((c) => [c]),
        )
        const parsed = parse(text) as string[][]
        for (const [cell] of parsed.slice(1)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
      }),
    )
  })

  it('writes a BOM only when asked', async () => {
    const cols = columnsFor(1)
    const withBom = await collect(cols, [['x']], true)
    const without = await collect(cols, [['x']], false)
    expect(withBom.text).toBe('\uFEFFc0\r\nx\r\n')
    expect(without.text).toBe('c0\r\nx\r\n')
  })

  it('ends every record with CRLF and has no bare LF outside quotes', async () => {
    const { text } = await collect(columnsFor(2), [
      ['a', 'b'],
      ['multi\nline', 'c'],
    ])
    expect(text).toBe('c0,c1\r\na,b\r\n"multi\nline",c\r\n')
  })

  it('writes only the header for no rows', async () => {
    const { text, count } = await collect(columnsFor(2), [])
    expect(text).toBe('c0,c1\r\n')
    expect(count).toBe(0)
  })

  it('reads rows from an async iterable', async () => {
    async function* gen() {
      yield ['a']
      yield ['b']
    }
    const { text, count } = await collect(columnsFor(1), gen())
    expect(count).toBe(2)
    expect(text).toBe('c0\r\na\r\nb\r\n')
  })

  it('streams a large row count to a slow stream, waiting for drain', async () => {
    const chunks: Buffer[] = []
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk)
        setImmediate(cb)
      },
    })
    const writes: number[] = []
    const origWrite = slow.write.bind(slow)
    slow.write = ((chunk: string, enc: BufferEncoding) => {
      writes.push(slow.writableLength)
      return origWrite(chunk, enc)
    }) as typeof slow.write
    const N = 100_000
    function* rows() {
      for (let i = 0; i < N; i++) yield [`${i}`.padStart(30, '0'), i, 'Imported']
    }
    const count = await writeCsv(slow, columnsFor(3), rows())
    expect(count).toBe(N)
    // Backpressure: no write was issued while more than one chunk was still buffered.
    expect(Math.max(...writes)).toBeLessThan(16 * 1024)
    expect(slow.writableEnded).toBe(false)
    const parsed = parse(Buffer.concat(chunks).toString('utf8')) as string[][]
    expect(parsed).toHaveLength(N + 1)
    expect(parsed[N]).toEqual([`${N - 1}`.padStart(30, '0'), String(N - 1), 'Imported'])
  })

  it('rejects when the stream fails', async () => {
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        cb(new Error('EPIPE'))
      },
    })
    broken.on('error', () => undefined)
    function* rows() {
      for (let i = 0; i < 50_000; i++) yield [`row ${i}`]
    }
    await expect(writeCsv(broken, columnsFor(1), rows())).rejects.toThrow('EPIPE')
  })
})

describe('writeCsvFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csv-writer-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes the file and reports rows and bytes', async () => {
    const path = join(dir, 'tasks.csv')
    const result = await writeCsvFile(
      path,
      columnsFor(2),
      [
        ['a', 1],
        ['导入', 2],
      ],
      { bom: true },
    )
    const bytes = await readFile(path)
    expect(result).toEqual({ path, rowCount: 2, bytes: bytes.byteLength })
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(parse(bytes, { bom: true })).toEqual([
      ['c0', 'c1'],
      ['a', '1'],
      ['导入', '2'],
    ])
  })

  /** Bytes already written to files other than `keep` in the directory (the writer's temp file). */
  function bytesInFlight(keep: string[] = []): number {
    return readdirSync(dir)
      .filter((name) => !keep.includes(name))
      .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
  }

  /**
   * Rows that fail after `n` rows, once the writer has demonstrably written part of the output:
   * the failure happens during the write, not before it.
   */
  function* failingRows(n: number, keep: string[] = []): Generator<Row> {
    for (let i = 0; i < n; i++) yield [`row ${i}`, i]
    const written = bytesInFlight(keep)
    if (written === 0) throw new Error('test setup: nothing had been written yet')
    throw new Error(`source failed after ${written} bytes`)
  }

  it('leaves an existing file untouched when the rows fail mid-way', async () => {
    const path = join(dir, 'tasks.csv')
    await writeFile(path, 'old')
    await expect(
      writeCsvFile(path, columnsFor(2), failingRows(20_000, ['tasks.csv'])),
    ).rejects.toThrow(/source failed after \d+ bytes/)
    expect(await readFile(path, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['tasks.csv'])
  })

  it('creates no file and leaves no temp file when the rows fail mid-way', async () => {
    const path = join(dir, 'new.csv')
    await expect(writeCsvFile(path, columnsFor(2), failingRows(20_000))).rejects.toThrow(
      /source failed after \d+ bytes/,
    )
    expect(await readdir(dir)).toEqual([])
  })

  it('creates no file when a column value throws after some rows were written', async () => {
    const path = join(dir, 'tasks.csv')
    let seen = 0
    const columns: CsvColumn<number>[] = [
      { header: 'n', value: (n) => n },
      {
        header: 'text',
        value: (n) => {
          if (++seen > 10_000) {
            expect(bytesInFlight()).toBeGreaterThan(0)
            throw new Error('bad value')
          }
          return `value ${n}`
        },
      },
    ]
    const rows = Array.from({ length: 20_000 }, (_, i) => i)
    await expect(writeCsvFile(path, columns, rows)).rejects.toThrow('bad value')
    expect(await readdir(dir)).toEqual([])
  })
})
